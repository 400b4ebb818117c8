import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  COMPARISON_MODES,
  ISOLATIONS,
  type Isolation,
  JOB_STATUSES,
  OUTCOMES,
  type CallbackState,
  type Comparison,
  type ExecutionTimings,
  type FunctionError,
  type FunctionLog,
  type FunctionLogLevel,
  type JobLimits,
  type JobView,
  type JudgeSummary,
  type NetworkRequest,
  type OutputDiff,
  type RunRepetition,
  type StageResult,
  type TestCaseResult,
} from '#contracts';
import { ANY_JSON } from '../../openapi/any-json';
import type { FieldsDiffer, NoneDiffer } from '../../openapi/doc-drift';
import { ArtifactDoc } from './artifact-view.doc';

/* The JSON shapes of answers, for the OpenAPI document only (the code uses the interfaces in #contracts and #db). */

export class OutputDiffDoc {
  @ApiProperty({ type: 'integer', example: 3, description: "Line of the first difference in the program's output (1-based)" })
  line!: number;
  @ApiProperty({ type: 'integer', example: 5, description: 'Column of the first difference in that line (1-based; bytes for base64)' })
  column!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'sum = 42',
    description:
      'The expected line there, cut to 200 characters around the difference (… marks a cut); null: the expected output has ended',
  })
  expected!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'sum = 41', description: "The program's line there; null: its output has ended" })
  actual!: string | null;
  @ApiProperty({ enum: ['utf8', 'base64'], description: '`base64` when either line is not text: both are then base64 of the bytes' })
  encoding!: string;
}

export class RunRepetitionDoc {
  @ApiProperty({ type: 'integer', example: 3 }) runs!: number;
  @ApiProperty({ type: Number, nullable: true, example: 21.4 }) wallMs!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 12.1 }) cpuMs!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4329472 }) memoryBytes!: number | null;
}

export class StageResultDoc {
  @ApiProperty({ example: 'hello\n' }) stdout!: string;
  @ApiProperty({ example: '' }) stderr!: string;
  @ApiProperty({ enum: ['utf8', 'base64'], description: '`base64` when the output is not valid UTF-8 (or ?base64=true)' })
  encoding!: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 0 }) exitCode!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'SIGKILL, SIGSEGV, … when a signal ended the program (then exitCode is 128 + its number); null after a normal exit, whatever its code',
  })
  signal!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 28.6 }) wallMs!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 67.2 }) cpuMs!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4329472, description: 'Peak memory of the container' }) memoryBytes!:
    number | null;
  @ApiProperty({ example: false }) truncated!: boolean;
  @ApiPropertyOptional({
    enum: ['wall', 'cpu'],
    nullable: true,
    description:
      'Which time limit ended the stage: `wall` (limits.timeoutMs; the compile time limit for compile) or `cpu` (limits.cpuTimeMs); null when none did',
  })
  timeLimit?: string | null;
  @ApiPropertyOptional({ type: OutputDiffDoc, description: 'On a wrong_answer: where the output first differs from the expected output' })
  diff?: OutputDiffDoc;
  @ApiPropertyOptional({
    type: [Number],
    example: [6, -4, 3],
    description:
      'Run stage, when both streams had output: the order they arrived in, as runs of bytes (positive: stdout, negative: stderr)',
  })
  outputOrder?: number[];
  @ApiPropertyOptional({
    type: RunRepetitionDoc,
    description:
      "Run stage of a job run several times: the runs made (the first that was not ok ends them) and their means; the other figures are the last run's",
  })
  repeated?: RunRepetitionDoc;
}

export class TestCaseResultDoc extends StageResultDoc {
  @ApiProperty({ type: 'integer', example: 0 }) index!: number;
  @ApiProperty({ enum: OUTCOMES, example: 'ok' }) outcome!: string;
  @ApiPropertyOptional({ type: [ArtifactDoc], description: "This case's artifacts, when the job asked for some" })
  artifacts?: ArtifactDoc[];
}

export class JudgeSummaryDoc {
  @ApiProperty({ type: 'integer', example: 2 }) passed!: number;
  @ApiProperty({ type: 'integer', example: 3 }) total!: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 2 }) firstFailure!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 31.2 }) maxWallMs!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4390912 }) maxMemoryBytes!: number | null;
}

export class LimitsViewDoc {
  @ApiProperty({ type: 'integer', example: 5000, description: 'Wall-clock time of the run' }) timeoutMs!: number;
  @ApiProperty({ type: 'integer', example: 5000, description: "CPU time of all the run's processes together" }) cpuTimeMs!: number;
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
  @ApiPropertyOptional({ example: 'runc', description: 'The container runtime the sandboxes ran under (`runc`, `runsc` for gVisor)' })
  runtime?: string;
  @ApiPropertyOptional({
    enum: ISOLATIONS,
    example: 'isolate',
    description: 'Function jobs: where the code ran (its own container, or an isolate of a sandbox host)',
  })
  isolation?: Isolation;
}

const LOG_LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const satisfies readonly FunctionLogLevel[];

export class FunctionLogDoc {
  @ApiProperty({ format: 'date-time', example: '2026-11-21T08:00:00.041Z' }) ts!: string;
  @ApiProperty({ enum: LOG_LEVELS, example: 'info', description: '`console.*` in JavaScript/TypeScript, `logging` in Python' })
  level!: string;
  @ApiProperty({ example: 'doubling 21', description: 'Formatted like `util.format`; egress requests are logged too' }) message!: string;
  @ApiPropertyOptional({
    type: 'array',
    items: {},
    example: ['doubling', 21],
    description: 'JavaScript/TypeScript: the logged arguments as JSON values (left out when their JSON passes 8 KiB)',
  })
  args?: unknown[];
}

export class FunctionErrorDoc {
  @ApiProperty({ example: 'TypeError', description: '`ResultError` when the value cannot be carried as JSON' }) name!: string;
  @ApiProperty({ example: 'bad' }) message!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'TypeError: bad\n    at f (/work/main.js:2:9)',
    description: "Frames of the user's code only",
  })
  stack!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 2, description: "Position in the user's code, when known" })
  line!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 9 }) column!: number | null;
}

export class FunctionCallViewDoc {
  @ApiProperty({ type: String, nullable: true, example: 'run', description: 'null for the expression form' }) name!: string | null;
}

export class NetworkViewDoc {
  @ApiProperty({ type: [String], example: ['api.example.com'], description: 'Host patterns the job may reach, as accepted' })
  allow!: string[];
}

export class JobViewDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ enum: OUTCOMES, nullable: true, description: 'Set once the job is completed or failed' }) outcome!: string | null;
  @ApiProperty({ example: 'python' }) language!: string;
  @ApiProperty({ type: String, nullable: true, example: '3.13.5' }) version!: string | null;
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
  @ApiPropertyOptional({ type: [String], example: ['*.png'], description: 'The patterns asked for; absent when none were' })
  artifactPatterns?: string[];
  @ApiPropertyOptional({
    type: [ArtifactDoc],
    nullable: true,
    description: 'Files the run left that match artifactPatterns (null until it ran, or per test case in tests[])',
  })
  artifacts?: ArtifactDoc[] | null;
  // Function mode only: these fields are absent from other jobs.
  @ApiPropertyOptional({ type: FunctionCallViewDoc, description: 'Function mode only: the function called (inputs are not echoed back)' })
  function?: FunctionCallViewDoc;
  @ApiPropertyOptional({ type: NetworkViewDoc, nullable: true, description: 'Function mode only: the egress asked for, null for none' })
  network?: NetworkViewDoc | null;
  @ApiPropertyOptional({
    enum: ISOLATIONS,
    description: 'Function mode only: the isolation asked for (see `timings.isolation` for where it ran)',
  })
  isolation?: Isolation;
  @ApiPropertyOptional({
    ...ANY_JSON,
    description:
      'Function mode only: the JSON value returned (bytes as `data:<mime>;base64,…` strings); null until finished or when it failed',
    example: { twice: 42 },
  })
  result?: unknown;
  @ApiPropertyOptional({ type: [FunctionLogDoc], nullable: true, description: 'Function mode only: log entries; null until finished' })
  logs?: FunctionLogDoc[] | null;
  @ApiPropertyOptional({ description: 'Function mode only: logs went past RUNQ_FUNCTION_MAX_LOG_BYTES and later entries were dropped' })
  logsTruncated?: boolean;
  @ApiPropertyOptional({ type: FunctionErrorDoc, nullable: true, description: 'Function mode only: what the function threw, or null' })
  error?: FunctionErrorDoc | null;
}

/*
 * Each class above names exactly the fields of the #contracts type it documents: when a field is added to or removed from
 * one side only, tsc fails here and names it.
 */
type _DocumentedFields = [
  NoneDiffer<FieldsDiffer<OutputDiffDoc, OutputDiff>>,
  NoneDiffer<FieldsDiffer<StageResultDoc, StageResult>>,
  NoneDiffer<FieldsDiffer<RunRepetitionDoc, RunRepetition>>,
  NoneDiffer<FieldsDiffer<TestCaseResultDoc, TestCaseResult>>,
  NoneDiffer<FieldsDiffer<JudgeSummaryDoc, JudgeSummary>>,
  NoneDiffer<FieldsDiffer<LimitsViewDoc, JobLimits>>,
  NoneDiffer<FieldsDiffer<ComparisonViewDoc, Comparison>>,
  NoneDiffer<FieldsDiffer<CallbackStateDoc, CallbackState>>,
  NoneDiffer<FieldsDiffer<TimingsDoc, ExecutionTimings>>,
  NoneDiffer<FieldsDiffer<FunctionLogDoc, FunctionLog>>,
  NoneDiffer<Exclude<FunctionLogLevel, (typeof LOG_LEVELS)[number]>>,
  NoneDiffer<FieldsDiffer<FunctionErrorDoc, FunctionError>>,
  NoneDiffer<FieldsDiffer<FunctionCallViewDoc, NonNullable<JobView['function']>>>,
  NoneDiffer<FieldsDiffer<NetworkViewDoc, NetworkRequest>>,
  NoneDiffer<FieldsDiffer<JobViewDoc, JobView>>,
];

export class JobListDoc {
  @ApiProperty({
    type: 'array',
    items: { allOf: [{ $ref: getSchemaPath(JobViewDoc) }], nullable: true },
    description: "Newest first; with ?ids=: in that order, null for ids unknown or not the caller's",
  })
  items!: (JobViewDoc | null)[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last' })
  nextCursor?: string | null;
}

export class ErrorDoc {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode!: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'Names the field; a list when several are wrong',
    example: ['limits.timeoutMs must not be greater than 300000'],
  })
  message!: string | string[];
  @ApiPropertyOptional({ example: 'Bad Request', description: 'The HTTP reason phrase' }) error?: string;
}

export class BatchItemErrorDoc {
  @ApiProperty({
    type: ErrorDoc,
    description: 'Why this item was refused, as the route would answer it on its own (400, or 429 at the active-jobs cap)',
    example: { statusCode: 400, message: 'language "intercal" is not supported; valid ids: bash, c, …', error: 'Bad Request' },
  })
  error!: ErrorDoc;
}

@ApiExtraModels(BatchItemErrorDoc)
export class BatchResultDoc {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(JobViewDoc) }, { $ref: getSchemaPath(BatchItemErrorDoc) }] },
    description: 'In the order of `jobs`: the created job, or the error of that item',
  })
  items!: (JobViewDoc | BatchItemErrorDoc)[];
}
