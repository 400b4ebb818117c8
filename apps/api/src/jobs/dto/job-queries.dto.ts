import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { booleanFromText } from '#config';
import { JOB_STATUSES, type JobStatus } from '#contracts';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** `?base64=true`: every output in the answer is base64 (binary output always is, flagged by `encoding`). */
export class OutputQuery {
  @IsOptional() @Transform(booleanFromText) @IsBoolean() base64?: boolean;
}

export class ListJobsQuery extends OutputQuery {
  @IsOptional() @IsIn(JOB_STATUSES) status?: JobStatus;
  @IsOptional() @IsString() @MaxLength(64) language?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  /** Comma-separated job ids: those jobs, in this order (other filters do not apply). */
  @IsOptional()
  @IsString()
  @MaxLength(100 * 37)
  @Matches(/^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*$/, { message: 'ids must be comma-separated job ids' })
  ids?: string;
}

export class WaitQuery extends OutputQuery {
  @IsOptional() @Transform(booleanFromText) @IsBoolean() wait?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) waitMs?: number;
}
