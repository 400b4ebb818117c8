import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { booleanFromText } from '#config';
import { JOB_STATUSES, OUTCOMES, type JobStatus, type Outcome } from '#contracts';
import { IsInstant } from './instant.validator';

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
  /** Comma-separated job ids: those jobs, in this order (other filters do not apply). */
  @ApiPropertyOptional({ description: 'Comma-separated job ids (at most 100): those jobs in that order, `null` for unknown ones' })
  @IsOptional()
  @IsString()
  @MaxLength(100 * 37)
  @Matches(/^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*$/, { message: 'ids must be comma-separated job ids' })
  ids?: string;
}

export class WaitQuery extends OutputQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'POST /jobs only: wait for the result as POST /execute does' })
  @IsOptional()
  @Transform(booleanFromText)
  @IsBoolean()
  wait?: boolean;
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

export class DeleteJobQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Delete a queued or running job too: it is cancelled first' })
  @IsOptional()
  @Transform(booleanFromText)
  @IsBoolean()
  force?: boolean;
}
