import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { JOB_STATUSES, OUTCOMES, type JobStatus, type Outcome } from '#contracts';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** Filters of the dashboard's jobs table; every one optional, combined with AND. */
export class AdminJobsQuery {
  @IsOptional() @IsIn(JOB_STATUSES) status?: JobStatus;
  @IsOptional() @IsIn(OUTCOMES) outcome?: Outcome;
  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[a-z0-9+#_-]+$/i, { message: 'language must be a language id' }) language?: string;
  @IsOptional() @IsUUID('all', { message: 'apiKeyId must be an API key id (a UUID)' }) apiKeyId?: string;
  /** A whole job id, or its first characters (at least 4 hex digits). */
  @IsOptional()
  @Matches(/^[0-9a-f]{4}[0-9a-f-]{0,32}$/i, { message: 'id must be a job id or at least its first 4 characters' })
  id?: string;
  /** Created at or after (ISO 8601). */
  @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' }) from?: string;
  /** Created before (ISO 8601). */
  @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' }) to?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class StatsQuery {
  /** How far back the charts go, in minutes (default 60). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(5) @Max(24 * 60) minutes?: number;
}
