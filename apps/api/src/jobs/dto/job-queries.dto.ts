import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { booleanFromText } from '#config';
import { JOB_STATUSES, OUTCOMES, type JobStatus, type Outcome } from '#contracts';
import { IsInstant } from './instant.validator';

/** Most ids one GET /jobs?ids= may list. */
const MAX_IDS = 100;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** `?base64=true`: every output in the answer is base64 (binary output always is, flagged by `encoding`). */
export class OutputQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Every output in the answer base64-encoded' })
  @IsOptional()
  @Transform(booleanFromText)
  @IsBoolean()
  base64?: boolean;
}

export class ListJobsQuery extends OutputQuery {
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'Finished jobs with this outcome' })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: Outcome;
  @ApiPropertyOptional({ maxLength: 64, example: 'python' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  // Also keeps out what the database cannot compare (NUL).
  @Matches(/^[\w.+#-]+$/, { message: 'language must be a language id or alias' })
  language?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2025-01-31T00:00:00Z',
    description: 'Jobs created at or after this instant: an ISO 8601 date (midnight UTC) or date-time with a time zone',
  })
  @IsOptional()
  @IsInstant()
  createdAfter?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2025-02-01T00:00:00Z',
    description: 'Jobs created before this instant (not at it), in the same format; not earlier than `createdAfter`',
  })
  @IsOptional()
  @IsInstant()
  createdBefore?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ maxLength: 200, description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
  /** Comma-separated job ids: those jobs, in this order (other filters do not apply); null for unknown or malformed ones. */
  @ApiPropertyOptional({ description: 'Comma-separated job ids (at most 100): those jobs in that order, `null` for unknown ones' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'ids must list at least one job id' })
  @Matches(new RegExp(`^[^,]*(,[^,]*){0,${MAX_IDS - 1}}$`), { message: `ids must list at most ${MAX_IDS} job ids` })
  @MaxLength(MAX_IDS * 37, { message: `ids must be at most ${MAX_IDS * 37} characters (${MAX_IDS} job ids)` })
  ids?: string;
}

/** POST /execute: how long to wait for the result. */
export class ExecuteQuery extends OutputQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'Longest wait in ms (default RUNQ_DEFAULT_WAIT_MS, at most RUNQ_MAX_WAIT_MS)',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  waitMs?: number;
}

/** POST /jobs: `?wait=true` (or waitMs) makes it POST /execute. */
export class WaitQuery extends ExecuteQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Wait for the result as POST /execute does' })
  @IsOptional()
  @Transform(booleanFromText)
  @IsBoolean()
  wait?: boolean;
}

export class DeleteJobQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Delete a queued or running job too: it is cancelled first' })
  @IsOptional()
  @Transform(booleanFromText)
  @IsBoolean()
  force?: boolean;
}

/** `?test=<index>`: an artifact of that test case rather than of the job. */
export class ArtifactQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: "A test case's index: that case's artifact" })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  test?: number;
}
