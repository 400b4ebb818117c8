import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COMPARISON_MODES, FUNCTION_LANGUAGES, ISOLATIONS, type ComparisonMode, type FileEncoding, type Isolation } from '#contracts';
import { ANY_JSON } from '../../openapi/any-json';
import { NullMeansAbsent, RawJson } from '../../common/body-validation';
import { ENCODINGS, IsArgs, IsEncoding, IsFiniteNumber, IsStringArray, MAX_ARGS, MAX_FILES } from './field-validators';
import { defaultFunctionLanguage, FUNCTION_DEFAULT_LANGUAGE, FunctionDto, NetworkDto } from './function-request.dto';

export { FunctionDto, NetworkDto } from './function-request.dto';
export { MAX_ARGS, MAX_FILES } from './field-validators';

export class SourceFileDto {
  @ApiProperty({
    description: 'Relative path: letters, digits, space, `._+@-`, `/` separators, at most 8 levels',
    maxLength: 255,
    example: 'main.py',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ description: 'The file, as text or base64 (see `encoding`)', example: 'print("hello")' })
  @IsString()
  content!: string;

  @ApiPropertyOptional({ enum: ENCODINGS, default: 'utf8' })
  @IsEncoding()
  encoding?: FileEncoding;
}

/** Per-job limits; anything left out takes the server's (or the language's) default. */
export class LimitsDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 100,
    description: 'Wall-clock limit of the run (RUNQ_MAX_TIMEOUT_MS at most); past it the run is killed (`timeout`, `timeLimit: "wall"`)',
    example: 2000,
  })
  @IsOptional()
  @IsInt()
  @Min(100)
  timeoutMs?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 100,
    description:
      'CPU time of all the run\'s processes and threads together (RUNQ_MAX_CPU_TIME_MS at most); past it the run is killed (`timeout`, `timeLimit: "cpu"`). Default: RUNQ_DEFAULT_CPU_TIME_MS, or `timeoutMs` when that is higher',
    example: 1000,
  })
  @IsOptional()
  @IsInt()
  @Min(100)
  cpuTimeMs?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 16, description: 'Memory, swap included (RUNQ_MAX_MEMORY_MB at most)', example: 64 })
  @IsOptional()
  @IsInt()
  @Min(16)
  memoryMb?: number;
  @ApiPropertyOptional({ minimum: 0.05, description: 'CPU share (RUNQ_MAX_CPUS at most)', example: 0.5 })
  @IsOptional()
  @IsFiniteNumber()
  @Min(0.05)
  cpus?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 4, description: 'Processes and threads (RUNQ_MAX_PROCESSES at most)', example: 64 })
  @IsOptional()
  @IsInt()
  @Min(4)
  processes?: number;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'Output kept per stream; past it the program is killed (output_limit)',
    example: 65536,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  outputBytes?: number;
}

export class TestCaseDto {
  @ApiPropertyOptional({ example: '3' })
  @IsOptional()
  @IsString()
  stdin?: string;

  @ApiProperty({ example: '9' })
  @IsString()
  expectedOutput!: string;

  /** How this case's stdin and expectedOutput are written (default: the job's encoding). */
  @ApiPropertyOptional({ enum: ENCODINGS, description: "Default: the job's encoding" })
  @IsEncoding()
  encoding?: FileEncoding;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_ARGS })
  @IsArgs()
  args?: string[];

  @ApiPropertyOptional({ type: 'integer', minimum: 100, description: "This case's timeout (default: the job's)" })
  @IsOptional()
  @IsInt()
  @Min(100)
  timeoutMs?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 100,
    description: "This case's CPU time limit (default: the job's, raised to this case's timeoutMs when the job sets no cpuTimeMs)",
  })
  @IsOptional()
  @IsInt()
  @Min(100)
  cpuTimeMs?: number;
}

export class ComparisonDto {
  @ApiProperty({ enum: COMPARISON_MODES, example: 'trailing_whitespace' })
  @IsIn(COMPARISON_MODES)
  mode!: ComparisonMode;

  @ApiPropertyOptional({ minimum: 0, default: 1e-6, description: 'For `float`: absolute or relative tolerance' })
  @IsOptional()
  @IsFiniteNumber()
  @Min(0)
  epsilon?: number;
}

/** A job request; `null` for an optional field at any depth means the field is absent. */
@NullMeansAbsent()
export class CreateJobDto {
  /** Language id or alias (see GET /languages); optional only for the JavaScript expression form (code + inputs). */
  @ApiProperty({
    description: `Language id or alias (GET /languages). Left out with \`code\` and \`inputs\`, it is \`${FUNCTION_DEFAULT_LANGUAGE}\` (function mode)`,
    maxLength: 64,
    example: 'python',
  })
  @ValidateIf((dto: CreateJobDto) => defaultFunctionLanguage(dto) === null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  language?: string;

  @ApiPropertyOptional({ description: 'A prefix of the installed version', maxLength: 64, example: '3.11' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  version?: string;

  /** One source file; use `files` for several. */
  @ApiPropertyOptional({ description: "One source file, saved under the language's fileName; or use `files`", example: 'print("hello")' })
  @IsOptional()
  @IsString()
  code?: string;

  @ApiPropertyOptional({ type: [SourceFileDto], maxItems: MAX_FILES, description: 'Several files; the first (or `entry`) is run' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILES)
  @ValidateNested({ each: true })
  @Type(() => SourceFileDto)
  files?: SourceFileDto[];

  /** Name of the file to run (default: the first of `files`). */
  @ApiPropertyOptional({ maxLength: 255, description: 'With `files`: the file to run (default the first)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  entry?: string;

  /** Compiler flags, each from the language's allowlist (GET /languages). */
  @ApiPropertyOptional({ type: [String], maxItems: 16, description: "Compiler flags from the language's allowlist", example: ['-O2'] })
  @IsOptional()
  @IsStringArray()
  @ArrayMaxSize(16)
  compileOptions?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 16,
    description: 'Glob patterns (`*`, `?`, `**`) of files to bring back from the work directory after the run',
    example: ['*.png', 'out/**'],
  })
  @IsOptional()
  @IsStringArray()
  @ArrayMaxSize(16)
  @MaxLength(256, { each: true })
  artifacts?: string[];

  @ApiPropertyOptional({ description: "The program's standard input (in `encoding`)", example: '2 40' })
  @IsOptional()
  @IsString()
  stdin?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_ARGS,
    description: 'Command-line arguments (an argv array, no shell)',
    example: ['ab'],
  })
  @IsArgs()
  args?: string[];

  @ApiPropertyOptional({ type: LimitsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LimitsDto)
  limits?: LimitsDto;

  /** How stdin and expectedOutput (and test cases without their own) are written. */
  @ApiPropertyOptional({ enum: ENCODINGS, default: 'utf8', description: 'How stdin, expectedOutput and test cases are written' })
  @IsEncoding()
  encoding?: FileEncoding;

  /** Compared with stdout: a mismatch makes the outcome wrong_answer. */
  @ApiPropertyOptional({ description: 'Compared with stdout: a mismatch is `wrong_answer`' })
  @IsOptional()
  @IsString()
  expectedOutput?: string;

  @ApiPropertyOptional({ type: ComparisonDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ComparisonDto)
  comparison?: ComparisonDto;

  /** One compile, then each case in its own sandbox (at most RUNQ_MAX_TESTS). */
  @ApiPropertyOptional({ type: [TestCaseDto], description: 'Test cases (at most RUNQ_MAX_TESTS): one compile, one sandbox per case' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TestCaseDto)
  tests?: TestCaseDto[];

  @ApiPropertyOptional({
    type: FunctionDto,
    description: `Function mode (${FUNCTION_LANGUAGES.join(', ')}): return a JSON value instead of output; not with \`tests\` or \`expectedOutput\``,
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FunctionDto)
  function?: FunctionDto;

  /** Function mode without a name: the same as function.inputs. */
  @ApiPropertyOptional({
    ...ANY_JSON,
    description: 'Function mode: the same as `function.inputs` (send one or the other); enough on its own for the expression form',
    example: { x: 5, y: 10 },
  })
  @IsOptional()
  @Allow()
  @RawJson()
  inputs?: unknown;

  /** Function mode: hosts the function may reach through the egress proxy, within RUNQ_EGRESS_ALLOW. */
  @ApiPropertyOptional({
    type: NetworkDto,
    description:
      'Function mode: outbound HTTP through the egress proxy, to these hosts only (off when absent, or when RUNQ_EGRESS_ALLOW is empty)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NetworkDto)
  network?: NetworkDto;

  /** Function mode: `isolate` runs JavaScript/TypeScript in a fresh isolate of a sandbox host instead of a container. */
  @ApiPropertyOptional({
    enum: ISOLATIONS,
    description: 'Function mode (javascript, typescript): `container` (default) or `isolate`, the fast path',
  })
  @IsOptional()
  @IsIn(ISOLATIONS)
  isolation?: Isolation;

  /** Receives the finished job as a signed POST. */
  @ApiPropertyOptional({
    maxLength: 2048,
    description: 'Public http(s) URL that receives the finished job as a signed POST',
    example: 'https://hooks.example.com/runq',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  callbackUrl?: string;
}
