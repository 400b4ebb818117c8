import type {
  Artifact,
  CallbackFormat,
  CallbackState,
  Comparison,
  ExecutionTimings,
  FunctionCall,
  FunctionResult,
  JobLimits,
  JobStatus,
  JudgeSummary,
  NetworkRequest,
  Outcome,
  SourceFile,
  StageResult,
  TestCase,
  TestCaseResult,
  TextEncoding,
} from '#contracts';

/** A stored job, typed: what the API accepted, what the worker recorded, and where it is in its life. */
export interface Job {
  id: string;
  apiKeyId: string | null;
  status: JobStatus;
  outcome: Outcome | null;
  language: string;
  version: string | null;
  files: SourceFile[];
  stdin: string;
  args: string[];
  compileOptions: string[];
  limits: JobLimits;
  /** How stdin, expectedOutput and test-case texts are written. */
  encoding: TextEncoding;
  expectedOutput: string | null;
  comparison: Comparison | null;
  tests: TestCase[] | null;
  compile: StageResult | null;
  run: StageResult | null;
  testResults: TestCaseResult[] | null;
  summary: JudgeSummary | null;
  timings: ExecutionTimings | null;
  /** Function mode: the call asked for (null for a plain program), its network allow-list, and what it returned. */
  functionCall: FunctionCall | null;
  network: NetworkRequest | null;
  functionResult: FunctionResult | null;
  /** Glob patterns of files to bring back (null: none asked), and what they brought back. */
  artifactPatterns: string[] | null;
  artifacts: Artifact[] | null;
  callbackUrl: string | null;
  /** Absent or null: runq's own webhook. */
  callbackFormat?: CallbackFormat | null;
  /** How many times the program runs, stopping at the first run that is not ok (absent: once). */
  runs?: number;
  /** Shown with stderr merged into stdout in arrival order (Judge0's redirect_stderr_to_stdout; absent: false). */
  redirectStderr?: boolean;
  callback: CallbackState | null;
  message: string | null;
  attempts: number;
  workerId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What the API inserts: the request part of a job; the rest starts empty. */
export type NewJob = Pick<
  Job,
  | 'id'
  | 'apiKeyId'
  | 'language'
  | 'version'
  | 'files'
  | 'stdin'
  | 'args'
  | 'compileOptions'
  | 'limits'
  | 'encoding'
  | 'expectedOutput'
  | 'comparison'
  | 'tests'
  | 'callbackUrl'
> &
  Partial<Pick<Job, 'functionCall' | 'network' | 'artifactPatterns' | 'callbackFormat' | 'runs' | 'redirectStderr'>>;

/** What a job needs for "finished": who waits for it and whether a webhook is due. */
export type FinishedJobRef = Pick<Job, 'id' | 'callbackUrl'>;

/** A webhook due and not yet tried: what a job's callback holds from its finish until the first delivery. */
export const PENDING_CALLBACK = {
  status: 'pending',
  attempts: 0,
  lastError: null,
  lastStatus: null,
  deliveredAt: null,
} as const satisfies CallbackState;
