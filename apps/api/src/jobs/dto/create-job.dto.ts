import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMPARISON_MODES, type ComparisonMode, type FileEncoding } from '#contracts';

export const MAX_FILES = 64;
export const MAX_ARGS = 128;

/** Optional command-line arguments: strings, bounded in number and length. */
const IsArgs = () =>
  applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(MAX_ARGS), IsString({ each: true }), MaxLength(4096, { each: true }));
/** Optional `utf8` (default) or `base64`. */
const IsEncoding = () => applyDecorators(IsOptional(), IsIn(['utf8', 'base64']));

export class SourceFileDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @IsString()
  content!: string;

  @IsEncoding()
  encoding?: FileEncoding;
}

/** Per-job limits; anything left out takes the server's (or the language's) default. */
export class LimitsDto {
  @IsOptional() @IsInt() @Min(100) timeoutMs?: number;
  @IsOptional() @IsInt() @Min(16) memoryMb?: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.05) cpus?: number;
  @IsOptional() @IsInt() @Min(4) processes?: number;
  @IsOptional() @IsInt() @Min(1) outputBytes?: number;
}

export class TestCaseDto {
  @IsOptional()
  @IsString()
  stdin?: string;

  @IsString()
  expectedOutput!: string;

  /** How this case's stdin and expectedOutput are written (default: the job's encoding). */
  @IsEncoding()
  encoding?: FileEncoding;

  @IsArgs()
  args?: string[];

  @IsOptional()
  @IsInt()
  @Min(100)
  timeoutMs?: number;
}

export class ComparisonDto {
  @IsIn(COMPARISON_MODES)
  mode!: ComparisonMode;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  epsilon?: number;
}

/** Function mode: call `name(inputs)`, or (without name) evaluate the code and return its last expression. */
export class FunctionDto {
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[A-Za-z_$][A-Za-z0-9_$]*$/, {
    message: 'function.name must be an identifier (letters, digits, _ and $, not starting with a digit)',
  })
  name?: string;

  /** Any JSON value; size and depth are checked by the request factory. */
  @Allow()
  inputs?: unknown;
}

export class NetworkDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(32)
  @IsString({ each: true })
  @MaxLength(260, { each: true })
  allow!: string[];
}

export class CreateJobDto {
  /** Language id or alias (see GET /languages). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  language!: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  version?: string;

  /** One source file; use `files` for several. */
  @IsOptional()
  @IsString()
  code?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILES)
  @ValidateNested({ each: true })
  @Type(() => SourceFileDto)
  files?: SourceFileDto[];

  /** Name of the file to run (default: the first of `files`). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  entry?: string;

  /** Compiler flags, each from the language's allowlist (GET /languages). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  compileOptions?: string[];

  @IsOptional()
  @IsString()
  stdin?: string;

  @IsArgs()
  args?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LimitsDto)
  limits?: LimitsDto;

  /** How stdin and expectedOutput (and test cases without their own) are written. */
  @IsEncoding()
  encoding?: FileEncoding;

  /** Compared with stdout: a mismatch makes the outcome wrong_answer. */
  @IsOptional()
  @IsString()
  expectedOutput?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ComparisonDto)
  comparison?: ComparisonDto;

  /** One compile, then each case in its own sandbox (at most RUNQ_MAX_TESTS). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TestCaseDto)
  tests?: TestCaseDto[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FunctionDto)
  function?: FunctionDto;

  /** Function mode without a name: the same as function.inputs. */
  @Allow()
  inputs?: unknown;

  /** Function mode: hosts the function may reach through the egress proxy, within RUNQ_EGRESS_ALLOW. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NetworkDto)
  network?: NetworkDto;

  /** Receives the finished job as a signed POST. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  callbackUrl?: string;
}
