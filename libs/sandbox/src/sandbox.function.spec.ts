import { Readable } from 'node:stream';
import type { JobLimits } from '#contracts';
import type { ContainerRunner, ContainerRunRequest, ContainerRunResult } from './docker/container-runner';
import { unpackArchive } from './docker/job-archive';
import type { EgressGateway } from './egress/egress-proxy';
import { LanguageRegistry } from '#languages';
import type { ExecutionRequest, ExecutionSettings } from './execution/execution.types';
import { SandboxService } from './sandbox.service';

const LIMITS: JobLimits = { timeoutMs: 1000, cpuTimeMs: 1000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1024 };
const SETTINGS: ExecutionSettings = {
  imagePrefix: 'runq/',
  runtime: 'runc',
  compile: { timeoutMs: 10_000, memoryMb: 512 },
  startGraceMs: 2000,
  testParallelism: 2,
  function: { maxResultBytes: 4096, maxLogBytes: 1024 },
};
const javascript = new LanguageRegistry().resolve('javascript')!;

/** Plays the harness: reads its config from the archive and answers with a frame, the runner's marker and trailer. */
class HarnessRunner implements ContainerRunner {
  readonly requests: ContainerRunRequest[] = [];
  config: any = null;
  inputs: unknown = null;

  constructor(
    private readonly frame: (config: any) => object,
    private readonly printed = '',
  ) {}

  async run(request: ContainerRunRequest): Promise<ContainerRunResult> {
    this.requests.push(request);
    const files = await unpackArchive(Readable.from([request.input]), request.input.length);
    const file = (path: string) => files.find((f) => f.path === path)?.data.toString() ?? '';
    this.config = JSON.parse(file('tmp/runq/fn/config.json'));
    this.inputs = JSON.parse(file('tmp/runq/fn/inputs.json'));
    const nonce = file('tmp/runq/nonce');
    const token = this.config.token;
    const stdout = `${this.printed}\n${token}\n${JSON.stringify(this.frame(this.config))}\n${token}\n\n${nonce}\n`;
    return {
      statusCode: 0,
      oomKilled: false,
      killedFor: null,
      stdout: Buffer.from(stdout),
      stderr: Buffer.from(`\n${nonce} 0 1000000 1000000 4096\n`),
      stdoutOverflow: false,
      stderrOverflow: false,
      wallMs: 5,
    };
  }
}

const request = (fn: ExecutionRequest['function']): ExecutionRequest => ({
  jobId: 'job-1',
  language: javascript,
  files: [{ name: 'main.js', data: Buffer.from('INPUTS.x + INPUTS.y') }],
  stdin: Buffer.alloc(0),
  args: [],
  limits: LIMITS,
  function: fn,
});

describe('SandboxService in function mode', () => {
  it('runs the harness with the inputs, takes the frame out of stdout and returns the result', async () => {
    const runner = new HarnessRunner(
      () => ({ status: 'ok', result: { sum: 15, png: { $bytes: 'iVBORw0KGgo=' } }, logs: [], logsTruncated: false }),
      'printed',
    );
    const outcome = await new SandboxService(runner, SETTINGS).execute(request({ name: null, inputs: { x: 5, y: 10 }, network: null }));
    if (outcome.cancelled) throw new Error('cancelled');
    expect(outcome.outcome).toBe('ok');
    expect(outcome.function).toEqual({
      result: { sum: 15, png: 'data:image/png;base64,iVBORw0KGgo=' },
      logs: [],
      logsTruncated: false,
      error: null,
    });
    expect(outcome.run?.stdout).toBe('printed');
    expect(runner.inputs).toEqual({ x: 5, y: 10 });
    expect(runner.config).toMatchObject({ entry: 'main.js', name: null, maxResultBytes: 4096, maxLogBytes: 1024, egress: null });
    expect(runner.config.token).toMatch(/^[0-9a-f]{32}$/);
    // Room for the frame on top of the job's own output cap; no network mount without network.
    expect(runner.requests[0].stdoutCap).toBeGreaterThan(LIMITS.outputBytes + 4096);
    expect(runner.requests[0].spec.HostConfig?.Mounts).toBeUndefined();
    expect(runner.requests[0].spec.HostConfig?.NetworkMode).toBe('none');
  });

  it('mounts the egress socket read-only and opens a session only for jobs with network', async () => {
    const closed: string[] = [];
    const egress: EgressGateway = {
      socketDir: '/var/run/runq-egress/w1',
      timeoutMs: 3000,
      relay: () => Promise.resolve({ error: 'not used' }),
      open: (allow) => ({
        token: `token-for-${allow.join(',')}`,
        close: () => (
          closed.push('closed'),
          [{ ts: '2026-01-01T00:00:00.000Z', level: 'info', message: '[egress] GET http://a/ → 200 (1 ms)' }]
        ),
      }),
    };
    const runner = new HarnessRunner(() => ({ status: 'ok', result: 1, logs: [], logsTruncated: false }));
    const outcome = await new SandboxService(runner, SETTINGS, egress).execute(
      request({ name: 'run', inputs: null, network: ['a.example'] }),
    );
    if (outcome.cancelled) throw new Error('cancelled');
    expect(runner.config.egress).toEqual({ socket: '/run/runq-egress/egress.sock', token: 'token-for-a.example', timeoutMs: 3000 });
    expect(runner.requests[0].spec.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/var/run/runq-egress/w1', Target: '/run/runq-egress', ReadOnly: true },
    ]);
    expect(runner.requests[0].spec.HostConfig?.NetworkMode).toBe('none');
    expect(outcome.function?.logs).toHaveLength(1);
    expect(closed.length).toBeGreaterThan(0);
  });

  it('reports a harness error as runtime_error with the error', async () => {
    const error = { name: 'TypeError', message: 'bad', stack: 'TypeError: bad\n    at /work/main.js:1:1', line: 1, column: 1 };
    const runner = new HarnessRunner(() => ({ status: 'error', error, logs: [], logsTruncated: false }));
    const outcome = await new SandboxService(runner, SETTINGS).execute(request({ name: null, inputs: {}, network: null }));
    if (outcome.cancelled) throw new Error('cancelled');
    expect(outcome).toMatchObject({ outcome: 'runtime_error', message: 'TypeError: bad', function: { result: null, error } });
  });
});
