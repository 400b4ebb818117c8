// Fakes of the container runner and of the in-container runner's reports, shared by the sandbox specs.
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import type { JobLimits } from '#contracts';
import type { LanguageDefinition } from '#languages';
import type { ContainerRunner, ContainerRunRequest, ContainerRunResult } from '../docker/container-runner';
import { packArchive, unpackArchive, type ArchiveFile } from '../docker/job-archive';
import type { ExecutionRequest, ExecutionSettings } from '../execution/execution.types';

export const MiB = 1024 * 1024;
export const LIMITS: JobLimits = { timeoutMs: 1000, cpuTimeMs: 1000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1024 };
export const SETTINGS: ExecutionSettings = {
  imagePrefix: 'runq/',
  runtime: 'runc',
  compile: { timeoutMs: 10_000, memoryMb: 512 },
  startGraceMs: 2000,
  testParallelism: 2,
};

/** The runner's report; by default a status above 128 is a death by that signal, as the supervisor reports it. */
export const trailer = (
  nonce: string,
  code: number,
  wallNs: number,
  cpuNs = 1_000_000,
  memBytes = 4096,
  signal = code > 128 ? code - 128 : 0,
  limit: 'wall' | 'cpu' | '-' = '-',
) => `\n${nonce} ${code} ${wallNs} ${cpuNs} ${memBytes} ${signal} ${limit}\n`;

export function containerResult(overrides: Partial<ContainerRunResult> = {}): ContainerRunResult {
  return {
    statusCode: 0,
    oomKilled: false,
    killedFor: null,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
    stdoutOverflow: false,
    stderrOverflow: false,
    wallMs: 12.34,
    ...overrides,
  };
}

export type Script = (request: ContainerRunRequest) => ContainerRunResult | Promise<ContainerRunResult>;

/** Records every container it is asked to run and answers from a script, one entry per call. */
export class FakeRunner implements ContainerRunner {
  readonly requests: ContainerRunRequest[] = [];

  constructor(private readonly script: Script[]) {}

  async run(request: ContainerRunRequest): Promise<ContainerRunResult> {
    const step = this.script[this.requests.length];
    this.requests.push(request);
    if (!step) throw new Error(`unexpected container run #${this.requests.length}`);
    return step(request);
  }
}

export const inputOf = (request: ContainerRunRequest) => unpackArchive(Readable.from([request.input]), request.input.length);

export async function fileIn(request: ContainerRunRequest, path: string): Promise<ArchiveFile | undefined> {
  return (await inputOf(request)).find((f) => f.path === path);
}

/** The stage's command as the runner will see it: its fixed Cmd, then the time limits, CPU share and argv from the tar. */
export async function commandOf(request: ContainerRunRequest): Promise<string[]> {
  const limits = (await fileIn(request, 'tmp/runq/limits'))?.data.toString().split(' ') ?? [];
  const quoted = (await fileIn(request, 'tmp/runq/argv'))?.data.toString() ?? '';
  const argv = execFileSync('sh', ['-c', `eval "set -- $1"; printf '%s\\0' "$@"`, 'sh', quoted]).toString().split('\0').slice(0, -1);
  return [...(request.spec.Cmd as string[]), ...limits, ...argv];
}

export async function nonceOf(request: ContainerRunRequest): Promise<string> {
  const file = await fileIn(request, 'tmp/runq/nonce');
  if (!file) throw new Error('the run stage input has no nonce');
  return file.data.toString();
}

/** A run stage that ends with `code`, having written `stdout`/`stderr`. */
export function runs(code: number, stdout = '', stderr = '', wallNs = 3_000_000): Script {
  return async (request) =>
    containerResult({
      statusCode: code,
      stdout: Buffer.from(stdout),
      stderr: Buffer.from(stderr + trailer(await nonceOf(request), code, wallNs)),
    });
}

/** A compile stage whose runner reports `status` and hands back `extra` files. */
export function compiles(status: string, stderr: string, extra: ArchiveFile[] = []): Script {
  return async () =>
    containerResult({
      stdout: await packArchive([
        { path: 'result/status', data: Buffer.from(`${status}\n`) },
        { path: 'result/stdout', data: Buffer.alloc(0) },
        { path: 'result/stderr', data: Buffer.from(stderr) },
        ...extra,
      ]),
    });
}

export function request(
  language: LanguageDefinition,
  files: Record<string, string>,
  overrides: Partial<ExecutionRequest> = {},
): ExecutionRequest {
  return {
    jobId: 'job-1',
    language,
    files: Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text) })),
    stdin: Buffer.alloc(0),
    args: [],
    limits: LIMITS,
    ...overrides,
  };
}
