/** Function mode: run a user-defined function (or a script's last expression) on `inputs`, return JSON. */

export const FUNCTION_LANGUAGES = ['javascript', 'typescript', 'python', 'python-ml'] as const;
export type FunctionLanguage = (typeof FUNCTION_LANGUAGES)[number];

/** Where function mode declares the harness's globals for the TypeScript compiler, next to the job's files. */
export const FUNCTION_TYPESCRIPT_GLOBALS_FILE = 'runq-function.d.ts';

/**
 * Where a function job runs: `container` (a fresh container per job) or `isolate` (a fresh
 * V8 isolate in a long-lived hardened sandbox host; JavaScript and TypeScript only).
 */
export const ISOLATIONS = ['container', 'isolate'] as const;
export type Isolation = (typeof ISOLATIONS)[number];
export const ISOLATE_LANGUAGES: readonly FunctionLanguage[] = ['javascript', 'typescript'];

/** What a job asks for: with `name`, that exported function is called; without, the script's last expression is the result. */
export interface FunctionCall {
  name: string | null;
  inputs: unknown;
  /** Absent: container. */
  isolation?: Isolation;
}

/** Hosts a function may reach through the egress proxy: "host", "*.example.com", "host:port". */
export interface NetworkRequest {
  allow: string[];
}

export type FunctionLogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface FunctionLog {
  ts: string;
  level: FunctionLogLevel;
  message: string;
  /** JavaScript and TypeScript: the logged arguments as JSON values (absent when large, and in Python and egress entries). */
  args?: unknown[];
}

export interface FunctionError {
  name: string;
  message: string;
  stack: string | null;
  /** Position in the user's code, when known. */
  line: number | null;
  column: number | null;
}

/** What a function run produced, next to its stages. */
export interface FunctionResult {
  /** The JSON value; byte arrays became `data:<mime>;base64,…` strings. Null when it failed. */
  result: unknown;
  logs: FunctionLog[];
  logsTruncated: boolean;
  error: FunctionError | null;
}
