import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPARISON_MODES, JOB_STATUSES, OUTCOMES } from '#contracts';

/* The JSON shapes of answers, for the OpenAPI document only (the code uses the interfaces in #contracts and #db). */

export class StageResultDoc {
  @ApiProperty({ example: 'hello\n' }) stdout!: string;
  @ApiProperty({ example: '' }) stderr!: string;
  @ApiProperty({ enum: ['utf8', 'base64'], description: '`base64` when the output is not valid UTF-8 (or ?base64=true)' })
  encoding!: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 0 }) exitCode!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'SIGKILL, SIGSEGV, … when the exit status is above 128' })
  signal!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 28.6 }) wallMs!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 67.2 }) cpuMs!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4329472, description: 'Peak memory of the container' }) memoryBytes!:
    number | null;
  @ApiProperty({ example: false }) truncated!: boolean;
}

export class TestCaseResultDoc extends StageResultDoc {
  @ApiProperty({ type: 'integer', example: 0 }) index!: number;
  @ApiProperty({ enum: OUTCOMES, example: 'ok' }) outcome!: string;
}

export class JudgeSummaryDoc {
  @ApiProperty({ type: 'integer', example: 2 }) passed!: number;
  @ApiProperty({ type: 'integer', example: 3 }) total!: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 2 }) firstFailure!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 31.2 }) maxWallMs!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4390912 }) maxMemoryBytes!: number | null;
}

export class LimitsViewDoc {
  @ApiProperty({ type: 'integer', example: 5000 }) timeoutMs!: number;
  @ApiProperty({ type: 'integer', example: 128 }) memoryMb!: number;
  @ApiProperty({ example: 0.5 }) cpus!: number;
  @ApiProperty({ type: 'integer', example: 64 }) processes!: number;
  @ApiProperty({ type: 'integer', example: 1048576 }) outputBytes!: number;
}

export class ComparisonViewDoc {
  @ApiProperty({ enum: COMPARISON_MODES }) mode!: string;
  @ApiPropertyOptional() epsilon?: number;
}

export class CallbackStateDoc {
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) lastStatus!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) deliveredAt!: string | null;
}

export class TimingsDoc {
  @ApiProperty({ example: 52.7, description: 'Time spent in sandboxes' }) sandboxMs!: number;
  @ApiProperty({ example: true, description: 'Whether a warm container ran the program' }) warm!: boolean;
}

export class JobViewDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ enum: OUTCOMES, nullable: true, description: 'Set once the job is completed or failed' }) outcome!: string | null;
  @ApiProperty({ example: 'python' }) language!: string;
  @ApiProperty({ type: String, nullable: true, example: '3.11.2' }) version!: string | null;
  @ApiProperty({ type: [String] }) args!: string[];
  @ApiProperty({ type: [String] }) compileOptions!: string[];
  @ApiProperty({ type: LimitsViewDoc }) limits!: LimitsViewDoc;
  @ApiProperty({ enum: ['utf8', 'base64'] }) encoding!: string;
  @ApiProperty({ type: ComparisonViewDoc, nullable: true }) comparison!: ComparisonViewDoc | null;
  @ApiProperty({ type: StageResultDoc, nullable: true, description: 'null for interpreted languages' }) compile!: StageResultDoc | null;
  @ApiProperty({ type: StageResultDoc, nullable: true, description: 'null after a compile error and for jobs with tests' })
  run!: StageResultDoc | null;
  @ApiProperty({ type: [TestCaseResultDoc], nullable: true }) tests!: TestCaseResultDoc[] | null;
  @ApiProperty({ type: JudgeSummaryDoc, nullable: true }) summary!: JudgeSummaryDoc | null;
  @ApiProperty({ type: String, nullable: true }) callbackUrl!: string | null;
  @ApiProperty({ type: CallbackStateDoc, nullable: true }) callback!: CallbackStateDoc | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why, for outcomes other than ok' }) message!: string | null;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Created → started' }) queueMs!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Created → finished' }) totalMs!: number | null;
  @ApiProperty({ type: TimingsDoc, nullable: true }) timings!: TimingsDoc | null;
}

export class JobListDoc {
  @ApiProperty({ type: [JobViewDoc], description: 'With ?ids=: in that order, null for unknown ids' }) items!: (JobViewDoc | null)[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last' })
  nextCursor?: string | null;
}

export class BatchItemErrorDoc {
  @ApiProperty({ example: { statusCode: 400, message: ['language "intercal" is not supported; use one of: python, …'] } })
  error!: object;
}

export class BatchResultDoc {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: '#/components/schemas/JobViewDoc' }, { $ref: '#/components/schemas/BatchItemErrorDoc' }] },
  })
  items!: (JobViewDoc | BatchItemErrorDoc)[];
}

export class ErrorDoc {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode!: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'Names the field; a list when several are wrong',
    example: ['limits.timeoutMs must not be greater than 300000'],
  })
  message!: string | string[];
  @ApiPropertyOptional({ example: 'Bad Request' }) error?: string;
}
