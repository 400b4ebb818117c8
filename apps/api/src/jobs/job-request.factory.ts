import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { DomainError, type JobLimits, type SourceFile, type TestCase } from '#contracts';
import type { Job, NewJob } from '#jobs';
import { cpuTimeFollowing, defaultLimitsFor, installedVersion, LanguageRegistry, type LanguageDefinition } from '#languages';
import { validateCallbackUrl } from '#webhooks';
import { LanguagesService } from '../languages/languages.service';
import { buildArtifacts } from './artifact-request';
import type { CreateJobDto, SourceFileDto } from './dto/create-job.dto';
import { defaultFunctionLanguage } from './dto/function-request.dto';
import { encodedByteLength, isCanonicalBase64 } from './encoded-text';
import { checkFileLayout } from './file-layout';
import { buildFunction } from './function-request';
import { buildJudging } from './judging-request';
import { rerunRequest } from './rerun-request';
import { checkStorableText } from './storable-text';

const MAX_PATH_DEPTH = 8;
const SAFE_SEGMENT = /^[A-Za-z0-9._+@-][A-Za-z0-9 ._+@-]*$/;

/**
 * Turns a validated request body into the row to insert: resolves the language and the
 * version it runs on, checks file names and byte sizes, and fills limits from defaults
 * within the server's maxima. Everything here fails as an invalid request naming the
 * field, before anything is written.
 */
@Injectable()
export class JobRequestFactory {
  constructor(
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
    private readonly languages: LanguageRegistry,
    private readonly installed: LanguagesService,
  ) {}

  build(dto: CreateJobDto, apiKeyId: string | null): NewJob {
    checkStorableText(dto);
    const language = this.language(dto.language ?? defaultFunctionLanguage(dto));
    const files = this.files(dto, language);
    const limits = this.limits(dto, language);
    const judging = buildJudging(dto, this.config);
    if (dto.limits?.cpuTimeMs === undefined) judging.tests = this.caseCpuTimes(judging.tests, limits);
    const fn = buildFunction(dto, language.id, this.config);
    const artifacts = buildArtifacts(dto);
    if (dto.callbackUrl !== undefined) {
      const problem = validateCallbackUrl(dto.callbackUrl, this.config.webhooks.allowedNetworks);
      if (problem) throw DomainError.invalid(problem, 'callbackUrl');
    }
    const args = dto.args ?? [];
    const compileOptions = this.compileOptions(dto, language);
    // Last: a request wrong in itself is told so before whether a worker can run it.
    const version = this.version(language, dto.version);
    return {
      id: randomUUID(),
      apiKeyId,
      language: language.id,
      version,
      files,
      args,
      compileOptions,
      limits,
      ...judging,
      ...fn,
      ...artifacts,
      callbackUrl: dto.callbackUrl ?? null,
    };
  }

  /**
   * A new job with every field of `source`'s request but its webhook (see rerunRequest), on
   * the toolchain version installed now. It goes through the same checks as a new request, so
   * a copy the server can no longer run (a limit above today's maximum, a host outside today's
   * egress policy) is refused with a 400 naming the field, not accepted and failed.
   */
  rebuild(source: Job, apiKeyId: string | null): NewJob {
    // How often it runs and how its output is shown belong to the request, though no native field carries them.
    return { ...this.build(rerunRequest(source), apiKeyId), runs: source.runs, redirectStderr: source.redirectStderr };
  }

  /** The installed version the job runs on; refuses a language no live worker has, or a version it does not. */
  private version(language: LanguageDefinition, requested: string | undefined): string | null {
    return installedVersion(language, requested, this.installed.installed());
  }

  private compileOptions(dto: CreateJobDto, language: LanguageDefinition): string[] {
    const asked = dto.compileOptions ?? [];
    const allowed = language.compileOptions ?? [];
    asked.forEach((option, i) => {
      if (!allowed.includes(option)) {
        const list = allowed.length ? `allowed for ${language.id}: ${allowed.join(' ')}` : `${language.id} takes no compile options`;
        throw DomainError.invalid(`compileOptions[${i}] "${option}" is not allowed; ${list}`, `compileOptions[${i}]`);
      }
    });
    return asked;
  }

  private language(name: string | null): LanguageDefinition {
    if (name === null) throw DomainError.invalid('language must be a string', 'language');
    const language = this.languages.resolve(name);
    if (!language) {
      throw DomainError.invalid(`language "${name}" is not supported; valid ids: ${this.languages.ids().join(', ')}`, 'language');
    }
    return language;
  }

  private files(dto: CreateJobDto, language: LanguageDefinition): SourceFile[] {
    if (dto.code !== undefined && dto.files !== undefined) throw DomainError.invalid('send either code or files, not both', 'files');
    let files: SourceFile[];
    if (dto.files !== undefined) {
      files = dto.files.map((file, i) => ({ name: checkFileName(file, i), content: file.content, encoding: file.encoding ?? 'utf8' }));
      const seen = new Set<string>();
      files.forEach((file, i) => {
        if (seen.has(file.name)) throw DomainError.invalid(`files[${i}].name "${file.name}" is used twice`, `files[${i}].name`);
        seen.add(file.name);
        if (file.encoding === 'base64' && !isCanonicalBase64(file.content))
          throw DomainError.invalid(`files[${i}].content is not valid base64`, `files[${i}].content`);
      });
      // Function mode is asked for by either field (buildFunction checks the rest).
      checkFileLayout(
        files.map((f) => f.name),
        language,
        dto.function !== undefined || dto.inputs !== undefined,
      );
      if (dto.entry !== undefined) {
        const at = files.findIndex((f) => f.name === dto.entry);
        if (at < 0) throw DomainError.invalid(`entry "${dto.entry}" is not one of the files`, 'entry');
        files.unshift(...files.splice(at, 1)); // the entry is always files[0]
      }
    } else if (dto.code !== undefined) {
      if (dto.entry !== undefined) throw DomainError.invalid('entry needs files', 'entry');
      files = [{ name: language.fileName, content: dto.code, encoding: 'utf8' }];
    } else {
      throw DomainError.invalid('code must be a non-empty string (or send files)', 'code');
    }
    const total = files.reduce((sum, f) => sum + encodedByteLength(f.content, f.encoding), 0);
    const field = dto.files ? 'files' : 'code';
    if (total === 0) throw DomainError.invalid(dto.files ? 'files must not all be empty' : 'code must not be empty', field);
    if (total > this.config.maxCodeBytes)
      throw DomainError.invalid(`${field} must be at most ${this.config.maxCodeBytes} bytes in total`, field);
    return files;
  }

  private limits(dto: CreateJobDto, language: LanguageDefinition): JobLimits {
    const { maxima } = this.config;
    const limits = defaultLimitsFor(language, this.config.defaults, maxima);
    for (const key of Object.keys(limits) as (keyof JobLimits)[]) {
      const asked = dto.limits?.[key];
      if (asked === undefined) continue;
      if (asked > maxima[key]) throw DomainError.invalid(`limits.${key} must not be greater than ${maxima[key]}`, `limits.${key}`);
      limits[key] = asked;
    }
    if (dto.limits?.cpuTimeMs === undefined) limits.cpuTimeMs = cpuTimeFollowing(limits.cpuTimeMs, limits.timeoutMs, maxima.cpuTimeMs);
    return limits;
  }

  /** With no CPU time asked for the job, a case that raises its own timeout gets as much CPU time, as the job would. */
  private caseCpuTimes(tests: TestCase[] | null, limits: JobLimits): TestCase[] | null {
    return (
      tests?.map((test) => {
        if (test.cpuTimeMs !== undefined || test.timeoutMs === undefined) return test;
        const cpuTimeMs = cpuTimeFollowing(limits.cpuTimeMs, test.timeoutMs, this.config.maxima.cpuTimeMs);
        return cpuTimeMs === limits.cpuTimeMs ? test : { ...test, cpuTimeMs };
      }) ?? null
    );
  }
}

function checkFileName(file: SourceFileDto, index: number): string {
  const name = file.name;
  const field = `files[${index}].name`;
  if (name.includes('\0')) throw DomainError.invalid(`${field} must not contain NUL characters`, field);
  if (name.startsWith('/') || name.includes('\\')) throw DomainError.invalid(`${field} must be a relative path with / separators`, field);
  const segments = name.split('/');
  if (segments.length > MAX_PATH_DEPTH) throw DomainError.invalid(`${field} must be at most ${MAX_PATH_DEPTH} levels deep`, field);
  for (const segment of segments) {
    if (segment === '..' || segment === '.' || segment === '')
      throw DomainError.invalid(`${field} must not contain empty, "." or ".." segments`, field);
    if (!SAFE_SEGMENT.test(segment)) throw DomainError.invalid(`${field} may only use letters, digits, space and ._+@-`, field);
  }
  return name;
}
