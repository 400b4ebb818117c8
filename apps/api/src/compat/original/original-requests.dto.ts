import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { NullMeansAbsent, RawJson } from '../../common/body-validation';
import { ANY_JSON } from '../../openapi/any-json';

export const ISOLATIONS = ['process', 'none'] as const;
export type Isolation = (typeof ISOLATIONS)[number];

const TIMEOUT_DOC = {
  type: 'integer',
  minimum: 1,
  description: "Wall-clock limit in milliseconds (runq's RUNQ_MAX_TIMEOUT_MS at most; below 100 it is 100). Default: runq's default",
  example: 2000,
} as const;

/** `POST /`: call a function of a JavaScript script with a payload. `null` means absent, in these DTOs as in the native one. */
@NullMeansAbsent()
export class ScriptCallDto {
  @ApiProperty({ description: 'JavaScript source, run as a script (not an ES module)', example: 'function add(p) { return p.a + p.b }' })
  @IsString()
  @IsNotEmpty()
  script!: string;

  @ApiPropertyOptional({
    description: 'A function the script defines at top level, called as `fn(payload)`; without it the result is the last expression',
    example: 'add',
    maxLength: 128,
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[A-Za-z_$][A-Za-z0-9_$]*$/, { message: '$property must be a JavaScript identifier (letters, digits, _ and $)' })
  fn?: string;

  @ApiPropertyOptional({
    ...ANY_JSON,
    description: 'Any JSON value: the argument of `fn`, also the global `INPUTS`',
    example: { a: 2, b: 3 },
  })
  @IsOptional()
  @Allow()
  @RawJson()
  payload?: unknown;

  @ApiPropertyOptional(TIMEOUT_DOC)
  @IsOptional()
  @IsInt()
  @Min(1)
  timeout?: number;

  @ApiPropertyOptional({
    enum: ISOLATIONS,
    description:
      '`process`: a container of its own; `none`: the fastest path runq has, a V8 isolate in a sandbox host (a container while ' +
      'RUNQ_ISOLATE=off); absent: the operator default',
  })
  @IsOptional()
  @IsIn(ISOLATIONS)
  isolation?: Isolation;
}

/** `POST /api/execute`: JavaScript with its console captured, or (with `language`) a program with stdin. */
@NullMeansAbsent()
export class ApiExecuteDto {
  @ApiProperty({ description: 'The source', example: 'console.log("sum", 1 + 2); 1 + 2' })
  @IsString()
  @IsNotEmpty()
  code!: string;

  @ApiPropertyOptional({
    description: 'Language id or alias (GET /api/languages); without it `code` is JavaScript evaluated in function mode',
    maxLength: 64,
    example: 'python',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  language?: string;

  @ApiPropertyOptional({ description: "With `language`: the program's standard input", example: '2 3\n' })
  @IsOptional()
  @IsString()
  input?: string;

  @ApiPropertyOptional(TIMEOUT_DOC)
  @IsOptional()
  @IsInt()
  @Min(1)
  timeout?: number;
}

/** `POST /run/:language`: a program with stdin. */
@NullMeansAbsent()
export class RunProgramDto {
  @ApiProperty({ description: 'The source', example: 'print(input()[::-1])' })
  @IsString()
  @IsNotEmpty()
  code!: string;

  @ApiPropertyOptional({ description: "The program's standard input", example: 'stressed\n' })
  @IsOptional()
  @IsString()
  input?: string;
}
