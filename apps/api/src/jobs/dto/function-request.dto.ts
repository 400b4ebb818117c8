import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, ArrayMaxSize, ArrayMinSize, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ANY_JSON } from '../../openapi/any-json';
import { RawJson } from '../../common/body-validation';
import { IsStringArray } from './field-validators';

/** The language of a request that sends `code` and `inputs` but no `language`: the JavaScript expression form. */
export const FUNCTION_DEFAULT_LANGUAGE = 'javascript';

/**
 * The language a request without one runs in: JavaScript when it sends `code` and `inputs`
 * (`{"code": "INPUTS.x + INPUTS.y", "inputs": {…}}`), else none (the request names `language`).
 */
export function defaultFunctionLanguage(dto: { language?: unknown; code?: unknown; inputs?: unknown }): string | null {
  return dto.language === undefined && dto.code !== undefined && dto.inputs !== undefined ? FUNCTION_DEFAULT_LANGUAGE : null;
}

/** Function mode: call `name(inputs)`, or (without name) evaluate the code and return its last expression. */
export class FunctionDto {
  @ApiPropertyOptional({
    maxLength: 128,
    pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$',
    description:
      'The exported function to call as `name(inputs)` (Python: a function of the module); without it the code is a script and `result` is its last expression',
    example: 'run',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[A-Za-z_$][A-Za-z0-9_$]*$/, {
    message: '$property must be an identifier (letters, digits, _ and $, not starting with a digit)',
  })
  name?: string;

  /** Any JSON value; size and depth are checked by the request factory. */
  @ApiPropertyOptional({
    ...ANY_JSON,
    description:
      'Any JSON value (at most RUNQ_FUNCTION_MAX_INPUTS_BYTES, RUNQ_FUNCTION_MAX_INPUTS_DEPTH levels): the argument, also the global `INPUTS`',
    example: { n: 21 },
  })
  @IsOptional()
  @Allow()
  @RawJson()
  inputs?: unknown;
}

export class NetworkDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 32,
    description: "Host patterns (`host`, `*.domain`, `host:port`), each within the server's RUNQ_EGRESS_ALLOW",
    example: ['api.example.com', '*.example.org:8443'],
  })
  @IsStringArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(32)
  @MaxLength(260, { each: true })
  allow!: string[];
}
