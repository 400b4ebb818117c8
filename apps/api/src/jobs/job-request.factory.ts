import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import type { JobLimits, SourceFile } from '#contracts';
import type { NewJob } from '#jobs';
import { defaultLimitsFor, LanguageRegistry, type LanguageDefinition } from '#languages';
import { validateCallbackUrl } from '#webhooks';
import type { CreateJobDto, SourceFileDto } from './dto/create-job.dto';
import { encodedByteLength, isCanonicalBase64 } from './encoded-text';
import { buildFunction } from './function-request';
import { buildJudging } from './judging-request';

const MAX_PATH_DEPTH = 8;
const SAFE_SEGMENT = /^[A-Za-z0-9._+@-][A-Za-z0-9 ._+@-]*$/;

/**
 * Turns a validated request body into the row to insert: resolves the language, checks
 * file names and byte sizes, and fills limits from defaults within the server's maxima.
 * Everything here fails with a 400 naming the field, before anything is written.
 */
@Injectable()
export class JobRequestFactory {
  constructor(
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    private readonly languages: LanguageRegistry,
  ) {}

  build(dto: CreateJobDto, apiKeyId: string | null): NewJob {
    const language = this.language(dto.language);
    const files = this.files(dto, language);
    const limits = this.limits(dto, language);
    const judging = buildJudging(dto, this.config);
    const fn = buildFunction(dto, language.id, this.config);
    if (dto.callbackUrl !== undefined) {
      const problem = validateCallbackUrl(dto.callbackUrl, this.config.webhooks.allowedNetworks);
      if (problem) throw new BadRequestException(problem);
    }
    const args = dto.args ?? [];
    args.forEach((arg, i) => {
      if (arg.includes('\0')) throw new BadRequestException(`args[${i}] must not contain NUL characters`);
    });
    return {
      id: randomUUID(),
      apiKeyId,
      language: language.id,
      version: dto.version ?? null,
      files,
      args,
      compileOptions: this.compileOptions(dto, language),
      limits,
      ...judging,
      ...fn,
      callbackUrl: dto.callbackUrl ?? null,
    };
  }

  private compileOptions(dto: CreateJobDto, language: LanguageDefinition): string[] {
    const asked = dto.compileOptions ?? [];
    const allowed = language.compileOptions ?? [];
    asked.forEach((option, i) => {
      if (!allowed.includes(option)) {
        const list = allowed.length ? `allowed for ${language.id}: ${allowed.join(' ')}` : `${language.id} takes no compile options`;
        throw new BadRequestException(`compileOptions[${i}] "${option}" is not allowed; ${list}`);
      }
    });
    return asked;
  }

  private language(name: string): LanguageDefinition {
    const language = this.languages.resolve(name);
    if (!language) {
      throw new BadRequestException(`language "${name}" is not supported; valid ids: ${this.languages.ids().join(', ')}`);
    }
    return language;
  }

  private files(dto: CreateJobDto, language: LanguageDefinition): SourceFile[] {
    if (dto.code !== undefined && dto.files !== undefined) throw new BadRequestException('send either code or files, not both');
    let files: SourceFile[];
    if (dto.files !== undefined) {
      files = dto.files.map((file, i) => ({ name: checkFileName(file, i), content: file.content, encoding: file.encoding ?? 'utf8' }));
      const seen = new Set<string>();
      files.forEach((file, i) => {
        if (seen.has(file.name)) throw new BadRequestException(`files[${i}].name "${file.name}" is used twice`);
        seen.add(file.name);
        if (file.encoding === 'base64' && !isCanonicalBase64(file.content))
          throw new BadRequestException(`files[${i}].content is not valid base64`);
      });
      if (dto.entry !== undefined) {
        const at = files.findIndex((f) => f.name === dto.entry);
        if (at < 0) throw new BadRequestException(`entry "${dto.entry}" is not one of the files`);
        files.unshift(...files.splice(at, 1)); // the entry is always files[0]
      }
    } else if (dto.code !== undefined) {
      if (dto.entry !== undefined) throw new BadRequestException('entry needs files');
      files = [{ name: language.fileName, content: dto.code, encoding: 'utf8' }];
    } else {
      throw new BadRequestException('code must be a non-empty string (or send files)');
    }
    const total = files.reduce((sum, f) => sum + encodedByteLength(f.content, f.encoding), 0);
    if (total === 0) throw new BadRequestException(dto.files ? 'files must not all be empty' : 'code must not be empty');
    if (total > this.config.maxCodeBytes) {
      throw new BadRequestException(`${dto.files ? 'files' : 'code'} must be at most ${this.config.maxCodeBytes} bytes in total`);
    }
    return files;
  }

  private limits(dto: CreateJobDto, language: LanguageDefinition): JobLimits {
    const { maxima } = this.config;
    const limits = defaultLimitsFor(language, this.config.defaults, maxima);
    for (const key of Object.keys(limits) as (keyof JobLimits)[]) {
      const asked = dto.limits?.[key];
      if (asked === undefined) continue;
      if (asked > maxima[key]) throw new BadRequestException(`limits.${key} must not be greater than ${maxima[key]}`);
      limits[key] = asked;
    }
    return limits;
  }
}

function checkFileName(file: SourceFileDto, index: number): string {
  const name = file.name;
  const field = `files[${index}].name`;
  if (name.includes('\0')) throw new BadRequestException(`${field} must not contain NUL characters`);
  if (name.startsWith('/') || name.includes('\\')) throw new BadRequestException(`${field} must be a relative path with / separators`);
  const segments = name.split('/');
  if (segments.length > MAX_PATH_DEPTH) throw new BadRequestException(`${field} must be at most ${MAX_PATH_DEPTH} levels deep`);
  for (const segment of segments) {
    if (segment === '..' || segment === '.' || segment === '')
      throw new BadRequestException(`${field} must not contain empty, "." or ".." segments`);
    if (!SAFE_SEGMENT.test(segment)) throw new BadRequestException(`${field} may only use letters, digits, space and ._+@-`);
  }
  return name;
}
