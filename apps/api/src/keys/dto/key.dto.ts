import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const MAX_RATE = 1_000_000;
const MAX_ACTIVE = 1_000_000;
/** Printable text without control characters (a name ends up in logs and terminals). */
const PRINTABLE = /^[^\p{C}]+$/u;

/** POST /keys. Limits: null or absent = the server default, 0 = unlimited. */
export class CreateKeyDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name!: string;

  @IsOptional() @IsIn(['user', 'admin']) role?: 'user' | 'admin';

  @IsOptional() @IsInt() @Min(0) @Max(MAX_RATE) rateLimitPerMinute?: number | null;

  @IsOptional() @IsInt() @Min(0) @Max(MAX_ACTIVE) maxActiveJobs?: number | null;
}

/** PATCH /keys/:id: absent fields stay, null resets a limit to the server default. */
export class UpdateKeyDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @IsOptional() @IsInt() @Min(0) @Max(MAX_RATE) rateLimitPerMinute?: number | null;

  @IsOptional() @IsInt() @Min(0) @Max(MAX_ACTIVE) maxActiveJobs?: number | null;
}
