import { Controller, Get, Header, HttpCode, Inject, Param, Post, UseFilters } from '@nestjs/common';
import { JUDGE0_STATUSES, type Judge0Status } from '#jobs';
import { ApiTags } from '@nestjs/swagger';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DOCS_PATH } from '../../openapi/openapi.setup';
import { ApiJudge0Info, ApiJudge0Language, ApiJudge0Status, ApiJudge0Text } from './judge0.api-docs';
import { Judge0Catalog, type Judge0LanguageDetail } from './judge0-catalog.service';
import { judge0ConfigInfo } from './judge0-config-info';
import { Judge0Error } from './judge0-error';
import { Judge0ExceptionFilter } from './judge0-exception.filter';
import { Judge0InfoService } from './judge0-info.service';

/** The version Judge0 clients key their language tables on (the Python SDK refuses any other). */
export const JUDGE0_VERSION = '1.13.1';

/** Judge0 CE 1.13.1's languages, statuses and informational routes. */
@ApiTags('Judge0 compatible')
@UseFilters(Judge0ExceptionFilter)
@Controller('judge0')
export class Judge0InfoController {
  constructor(
    private readonly catalog: Judge0Catalog,
    private readonly info: Judge0InfoService,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  @Get('languages')
  @ApiJudge0Info('Active languages: `[{id, name}]`, Judge0 ids mapped onto runq languages, names with runq versions', [
    { id: 71, name: 'Python (3.13.5)' },
  ])
  languages(): { id: number; name: string }[] {
    return this.catalog.list();
  }

  @Get('languages/all')
  @ApiJudge0Info('Active and archived languages: `[{id, name, is_archived}]`', [{ id: 71, name: 'Python (3.13.5)', is_archived: false }])
  allLanguages(): { id: number; name: string; is_archived: boolean }[] {
    return this.catalog.list().map((l) => ({ ...l, is_archived: false }));
  }

  @Get('languages/:id')
  @ApiJudge0Language()
  language(@Param('id') id: string): Judge0LanguageDetail {
    const detail = /^\d+$/.test(id) ? this.catalog.detail(Number(id)) : null;
    if (!detail) throw new Judge0Error(404, null);
    return detail;
  }

  @Get('statuses')
  @ApiJudge0Info('The 14 statuses: `[{id, description}]`', [{ id: 3, description: 'Accepted' }])
  statuses(): readonly Judge0Status[] {
    return JUDGE0_STATUSES;
  }

  @Get('about')
  @ApiJudge0Info('`{version, homepage, source_code, maintainer}`; version "1.13.1"', {
    version: '1.13.1',
    homepage: '/docs',
    source_code: '/docs',
    maintainer: 'runq',
  })
  about(): object {
    return { version: JUDGE0_VERSION, homepage: `/${DOCS_PATH}`, source_code: `/${DOCS_PATH}`, maintainer: 'runq' };
  }

  @Get('version')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiJudge0Text('Plain text `1.13.1`')
  version(): string {
    return JUDGE0_VERSION;
  }

  @Get('isolate')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiJudge0Text('Plain text: the sandbox in place of isolate')
  isolate(): string {
    return `runq sandbox (Docker containers, runtime ${this.config.worker.runtime}); not isolate\n`;
  }

  @Get('license')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiJudge0Text("Plain text: runq's license")
  license(): string {
    return 'runq is released under the MIT License. It is not Judge0 and contains none of its code.\n';
  }

  @Get('config_info')
  @ApiJudge0Info("Judge0's 39 configuration keys, from runq's limits in seconds and KB", {
    enable_wait_result: true,
    max_cpu_time_limit: 30,
  })
  configInfo(): Record<string, unknown> {
    return judge0ConfigInfo(this.config);
  }

  @Get('system_info')
  @ApiJudge0Info('The API host, in `lscpu`/`free -h` key names', { Architecture: 'x64', 'CPU(s)': '2' })
  systemInfo(): Record<string, string> {
    return this.info.systemInfo();
  }

  @Get('statistics')
  @ApiJudge0Info('`{created_at, cached_until, submissions, languages, statuses, database}`', {
    submissions: { total: 1, today: 1, last_30_days: {} },
  })
  statistics(): Promise<object> {
    return this.info.statistics();
  }

  @Get('workers')
  @ApiJudge0Info('`[{queue, size, available, idle, working, paused, failed}]`, one per runq worker pool', [
    { queue: 'default', size: 0, available: 1, idle: 1, working: 0, paused: 0, failed: 0 },
  ])
  workers(): Promise<object[]> {
    return this.info.workerQueues();
  }

  @Post('authenticate')
  @HttpCode(200)
  @ApiJudge0Status('200 when the key is valid (401 otherwise)')
  authenticate(): void {}

  @Post('authorize')
  @HttpCode(200)
  @ApiJudge0Status('200 for any valid key: authorization is the key’s own scope')
  authorize(): void {}
}
