import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const MAX_RATE = 1_000_000;
const MAX_ACTIVE = 1_000_000;
/** Printable text without control characters (a name ends up in logs and terminals). */
const PRINTABLE = /^[^\p{C}]+$/u;

const NAME = { minLength: 1, maxLength: 100, description: 'A label for people: printable text, no control characters', example: 'ci' };
const RATE = {
  type: 'integer',
  minimum: 0,
  maximum: MAX_RATE,
  nullable: true,
  description: 'Requests per minute; null or absent: RUNQ_RATE_LIMIT_PER_MINUTE (admin keys: unlimited), 0: unlimited',
  example: 120,
} as const;
const ACTIVE = {
  type: 'integer',
  minimum: 0,
  maximum: MAX_ACTIVE,
  nullable: true,
  description: 'Jobs queued or running at once; null or absent: RUNQ_MAX_ACTIVE_JOBS (admin keys: unlimited), 0: unlimited',
  example: 10,
} as const;

/** POST /keys. Limits: null or absent = the server default, 0 = unlimited. */
export class CreateKeyDto {
  @ApiProperty(NAME)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name!: string;

  @ApiPropertyOptional({ enum: ['user', 'admin'], default: 'user', description: 'Fixed for the life of the key' })
  @IsOptional()
  @IsIn(['user', 'admin'])
  role?: 'user' | 'admin';

  @ApiPropertyOptional(RATE) @IsOptional() @IsInt() @Min(0) @Max(MAX_RATE) rateLimitPerMinute?: number | null;

  @ApiPropertyOptional(ACTIVE) @IsOptional() @IsInt() @Min(0) @Max(MAX_ACTIVE) maxActiveJobs?: number | null;
}

/** PATCH /keys/:id: absent fields stay, null resets a limit to the server default. */
export class UpdateKeyDto {
  @ApiPropertyOptional(NAME)
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional(RATE) @IsOptional() @IsInt() @Min(0) @Max(MAX_RATE) rateLimitPerMinute?: number | null;

  @ApiPropertyOptional(ACTIVE) @IsOptional() @IsInt() @Min(0) @Max(MAX_ACTIVE) maxActiveJobs?: number | null;
}
