import type { FunctionError, FunctionLog, TimeLimit } from '#contracts';

/** How the host loads the job's code: a script (last expression), a CommonJS module, or an ES module. */
export type CodeKind = 'script' | 'commonjs' | 'module';

/** worker → host: run one job in a fresh isolate. */
export interface RunMessage {
  t: 'run';
  id: string;
  kind: CodeKind;
  /** The file name the code is shown under in stack traces (relative to /work). */
  entry: string;
  code: string;
  name: string | null;
  /** JSON text of the inputs. */
  inputs: string;
  memoryMb: number;
  timeoutMs: number;
  cpuTimeMs: number;
  maxResultBytes: number;
  maxLogBytes: number;
}

export interface CancelMessage {
  t: 'cancel';
  id: string;
}

/** worker → host: the answer to a relayed HTTP request (the egress proxy's JSON, or an error). */
export interface HttpAnswerMessage {
  t: 'http';
  call: number;
  answer: HttpAnswer;
}

export type HttpAnswer = { status: number; statusText: string; headers: Record<string, string>; text: string } | { error: string };

export type HostStatus = 'ok' | 'error' | 'compile_error' | 'timeout' | 'memory_limit' | 'cancelled';

/** host → worker: a job ended. */
export interface DoneMessage {
  t: 'done';
  id: string;
  status: HostStatus;
  result?: unknown;
  error?: FunctionError;
  timeLimit?: TimeLimit;
  logs: FunctionLog[];
  logsTruncated: boolean;
  wallMs?: number;
  cpuMs?: number | null;
  memoryBytes?: number | null;
}

/** host → worker: a job's code asks for an outbound HTTP request. */
export interface HttpRequestMessage {
  t: 'http';
  id: string;
  call: number;
  request: { url: string; method: string; headers: Record<string, string>; body: string | null };
}

export interface ReadyMessage {
  t: 'ready';
  engine: string;
}

export type HostMessage = DoneMessage | HttpRequestMessage | ReadyMessage;
export type WorkerMessage = RunMessage | CancelMessage | HttpAnswerMessage;
