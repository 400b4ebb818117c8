import type { SourceFile } from './job.types';
import type { JobView } from './job-view.types';
import type { TestCase } from './judging.types';

/** What the dashboard and playground pages read besides JobView (the admin API, /admin/api, and the playground), as the server writes it. */

/** A row of the jobs table: what the job view says of it but no settings or outputs, plus its key and worker. */
export interface JobSummary extends Pick<
  JobView,
  'id' | 'status' | 'outcome' | 'language' | 'version' | 'attempts' | 'createdAt' | 'startedAt' | 'finishedAt' | 'queueMs' | 'totalMs'
> {
  apiKey: { id: string; name: string; prefix: string } | null;
  workerId: string | null;
}

export interface JobSummaryPage {
  items: JobSummary[];
  total: number;
  nextCursor: string | null;
}

/** The public job view plus what only an operator sees: sources, stdin, test and function inputs, key and worker. */
export interface JobDetail extends JobView {
  /** Function mode: the function called and the inputs it was given (JobView does not echo inputs). */
  function?: { name: string | null; inputs: unknown };
  files: SourceFile[];
  stdin: string;
  expectedOutput: string | null;
  testCases: TestCase[] | null;
  apiKey: { id: string; name: string; prefix: string; role: string } | null;
  worker: { id: string; host: string | null; runtime: string | null; alive: boolean } | null;
}

/** An API key in the jobs filter: never its hash or secret. */
export interface AdminKeyView {
  id: string;
  name: string;
  prefix: string;
  role: string;
  revokedAt: string | null;
}

/** A worker's heartbeat as the dashboard shows it. */
export interface WorkerView {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  running: number;
  runtime: string;
  dockerOk: boolean;
  dockerError: string | null;
  languages: number;
  /** Warm containers ready, per sandbox image (one image per language). */
  pool: Record<string, number>;
  poolHits: number;
  poolMisses: number;
  /** Isolate mode's sandbox hosts (null: isolates off on this worker). */
  isolates: { hosts: number; running: number; served: number; replaced: number } | null;
  startedAt: string;
  lastHeartbeat: string;
  heartbeatAgeMs: number;
}

/** The execution queues of all pools together. */
export interface QueueView {
  waiting: number;
  prioritized: number;
  active: number;
  delayed: number;
  failed: number;
  oldestWaitingAgeMs: number;
}

export interface FleetOverview {
  at: string;
  queue: QueueView;
  workers: WorkerView[];
  capacity: number;
  /** Sandbox image → the languages it runs, to read the workers' warm pools per language. */
  imageLanguages: Record<string, string[]>;
}

export interface SeriesSet {
  jobs: number[];
  runP50: (number | null)[];
  runP95: (number | null)[];
  queueP50: (number | null)[];
  queueP95: (number | null)[];
}

/** Chart data: one slot per minute, oldest first; `all` plus one entry per language seen. */
export interface JobStats {
  minutes: string[];
  all: SeriesSet;
  languages: Record<string, SeriesSet>;
}

/** A starting program of the playground (GET /playground/examples). */
export interface PlaygroundExample {
  id: string;
  name: string;
  fileName: string;
  example: string;
}
