import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { consoleExecuteAnswer, type ConsoleExecuteAnswer } from './function-answer.mapper';
import { apiExecuteJob, PROGRAM_FIELDS } from './original-request.mapper';
import { ApiExecuteDto } from './original-requests.dto';
import { ApiApiExecute, ApiApiLanguages, ApiApiSystem, ORIGINAL_SHAPES_TAG } from './original-shapes.api-docs';
import { OriginalShapesService } from './original-shapes.service';
import { programExecuteAnswer, type ProgramExecuteAnswer } from './program-answer.mapper';
import { SystemFactsService, type LanguageSummary, type SystemFacts } from './system-facts.service';

/** `/api/execute` in both of its forms, `/api/languages` and `/api/system`. */
@ApiTags(ORIGINAL_SHAPES_TAG)
@Controller('api')
export class ApiExecuteController {
  constructor(
    private readonly shapes: OriginalShapesService,
    private readonly facts: SystemFactsService,
  ) {}

  @Post('execute')
  @HttpCode(200)
  @ApiApiExecute()
  async execute(@Body() dto: ApiExecuteDto, @CurrentCaller() caller: Caller): Promise<ConsoleExecuteAnswer | ProgramExecuteAnswer> {
    const view = await this.shapes.run(apiExecuteJob(dto, this.shapes.maxTimeoutMs), caller, PROGRAM_FIELDS);
    return dto.language === undefined ? consoleExecuteAnswer(view) : programExecuteAnswer(view, dto.language);
  }

  @Get('languages')
  @ApiApiLanguages()
  languages(): LanguageSummary[] {
    return this.facts.languageList();
  }

  @Get('system')
  @ApiApiSystem()
  system(): Promise<SystemFacts> {
    return this.facts.system();
  }
}
