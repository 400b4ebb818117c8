import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ArchiveFile } from '../docker/job-archive';

/** Where the harness lands in the sandbox (/tmp is noexec, which only stops direct execution, not an interpreter). */
export const HARNESS_DIR_IN_SANDBOX = '/tmp/runq/fn';
/** Where the worker's egress socket directory is mounted, read-only, for jobs that may use the network. */
export const EGRESS_DIR_IN_SANDBOX = '/run/runq-egress';
export const EGRESS_SOCKET_NAME = 'egress.sock';

const HARNESS_FILES = ['harness.js', 'result-encoder.js', 'http-result.js', 'egress-client.js', 'egress-worker.js', 'harness.py'];

/** Globals the harness defines, for the TypeScript compile stage. */
export const TYPESCRIPT_GLOBALS = `// runq function mode (generated)
declare const INPUTS: any;
interface RunqHttpResponse { ok: boolean; status: number; statusText: string; headers: Record<string, string>; data: any }
declare function httpGet(url: string, options?: { method?: string; headers?: Record<string, string>; body?: unknown }): RunqHttpResponse;
`;

/** The harness sources: next to this module in a source checkout, or in libs/ when running from dist/. */
export function harnessSourceDir(): string {
  const candidates = [join(__dirname, 'harness'), resolve(__dirname, '../../../../../libs/sandbox/src/function/harness')];
  const found = candidates.find((dir) => existsSync(join(dir, 'harness.js')));
  if (!found) throw new Error(`function harness not found (looked in ${candidates.join(', ')})`);
  return found;
}

let cached: ArchiveFile[] | null = null;

/** The harness files as archive entries under tmp/runq/fn/, read once. */
export function harnessFiles(): ArchiveFile[] {
  if (!cached) {
    const dir = harnessSourceDir();
    cached = HARNESS_FILES.map((name) => ({ path: `tmp/runq/fn/${name}`, data: readFileSync(join(dir, name)) }));
  }
  return cached;
}

export interface HarnessConfig {
  /** The entry file relative to /work (for TypeScript: the compiled .js). */
  entry: string;
  name: string | null;
  token: string;
  maxResultBytes: number;
  maxLogBytes: number;
  egress: { socket: string; token: string; timeoutMs: number } | null;
}

/** The argv that runs the harness instead of the program, per language. */
export function harnessArgv(languageId: string): string[] {
  if (languageId === 'python' || languageId === 'python-ml') return ['python3', '-u', `${HARNESS_DIR_IN_SANDBOX}/harness.py`];
  // Source maps only where there are some (compiled TypeScript): they cost start-up time.
  if (languageId === 'typescript') return ['node', '--enable-source-maps', `${HARNESS_DIR_IN_SANDBOX}/harness.js`];
  return ['node', `${HARNESS_DIR_IN_SANDBOX}/harness.js`];
}

/** The per-job files: configuration and inputs, which the harness reads and deletes before user code starts. */
export function harnessJobFiles(config: HarnessConfig, inputs: unknown): ArchiveFile[] {
  return [
    { path: 'tmp/runq/fn/config.json', data: Buffer.from(JSON.stringify(config)) },
    { path: 'tmp/runq/fn/inputs.json', data: Buffer.from(JSON.stringify(inputs ?? null)) },
  ];
}
