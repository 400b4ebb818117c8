import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { encodeFrame, FrameDecoder } from './host-frames';
import type { DoneMessage, HostMessage, RunMessage, WorkerMessage } from './host-messages';

/** The host program (host/isolate-host.js) driven over its stdin/stdout, as the worker does, without Docker. */
class HostProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, (done: DoneMessage) => void>();
  readonly ready: Promise<void>;
  onHttp: (message: Extract<HostMessage, { t: 'http' }>) => void = () => undefined;

  constructor() {
    this.child = spawn(process.execPath, ['--no-node-snapshot', join(__dirname, 'host', 'isolate-host.js')], {
      env: { RUNQ_ISOLATE_ENGINE: dirname(require.resolve('isolated-vm/package.json')) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const decoder = new FrameDecoder(1 << 24);
    this.ready = new Promise((resolve) => {
      this.child.stdout!.on('data', (chunk: Buffer) => {
        for (const message of decoder.push(chunk) as HostMessage[]) {
          if (message.t === 'ready') resolve();
          else if (message.t === 'done') this.waiting.get(message.id)?.(message);
          else this.onHttp(message);
        }
      });
    });
  }

  send(message: WorkerMessage): void {
    this.child.stdin!.write(encodeFrame(message));
  }

  run(id: string, code: string, extra: Partial<RunMessage> = {}): Promise<DoneMessage> {
    const done = new Promise<DoneMessage>((resolve) => this.waiting.set(id, resolve));
    this.send({
      t: 'run',
      id,
      kind: 'script',
      entry: 'main.js',
      code,
      name: null,
      inputs: JSON.stringify({ x: 2, y: 3 }),
      memoryMb: 32,
      timeoutMs: 5000,
      cpuTimeMs: 5000,
      maxResultBytes: 1024,
      maxLogBytes: 1024,
      ...extra,
    });
    return done;
  }

  stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdin!.end();
    return exited;
  }
}

jest.setTimeout(60_000);

describe('the sandbox host program', () => {
  let host: HostProcess;
  beforeAll(async () => {
    host = new HostProcess();
    await host.ready;
  });
  afterAll(async () => {
    expect(await host.stop()).toBe(0); // stdin closed: the host exits
  });

  it('runs jobs side by side, each with its own result and logs', async () => {
    const [sum, logged, called] = await Promise.all([
      host.run('a', 'INPUTS.x + INPUTS.y'),
      host.run('b', 'console.warn("careful", { n: 1 }); [1, 2]'),
      host.run('c', 'export const run = (i) => i.x * i.y', { kind: 'module', name: 'run' }),
    ]);
    expect(sum).toMatchObject({ status: 'ok', result: 5, logs: [] });
    expect(logged).toMatchObject({ status: 'ok', result: [1, 2], logs: [{ level: 'warn', message: 'careful { n: 1 }' }] });
    expect(called).toMatchObject({ status: 'ok', result: 6 });
    expect(sum.cpuMs).toBeGreaterThan(0);
  });

  it('reports errors, syntax errors and caps', async () => {
    const [thrown, syntax, big, logs] = await Promise.all([
      host.run('d', '\nnull.x'),
      host.run('e', 'let = ;'),
      host.run('f', '"x".repeat(2000)'),
      host.run('g', 'for (let i = 0; i < 1000; i++) console.log(i); 1'),
    ]);
    expect(thrown).toMatchObject({ status: 'error', error: { name: 'TypeError', line: 2 } });
    expect(syntax).toMatchObject({ status: 'compile_error', error: { name: 'SyntaxError', line: 1 } });
    expect(big).toMatchObject({
      status: 'error',
      error: { name: 'ResultError', message: expect.stringMatching(/more than the limit of 1024/) },
    });
    expect(logs).toMatchObject({ status: 'ok', logsTruncated: true });
    expect(logs.logs.length).toBeLessThan(100);
  });

  it('ends jobs at their time and memory limits, and on cancel', async () => {
    const cancelled = host.run('h', 'while (true) {}', { timeoutMs: 3000, cpuTimeMs: 3000 });
    const [busy, bomb] = await Promise.all([
      host.run('i', 'while (true) {}', { timeoutMs: 300, cpuTimeMs: 200 }),
      host.run('j', 'const a = []; while (true) a.push(new Array(1e5).fill(1))'),
    ]);
    host.send({ t: 'cancel', id: 'h' });
    expect(busy).toMatchObject({ status: 'timeout' });
    expect(bomb).toMatchObject({ status: 'memory_limit' });
    expect(await cancelled).toMatchObject({ status: 'cancelled' });
  });

  // Its limit is past this test's own timeout: the cancel must end running code, and the host must not wait for it.
  it('ends running code on cancel at once, and serves other jobs meanwhile', async () => {
    const busy = host.run('busy', 'while (true) {}', { timeoutMs: 120_000, cpuTimeMs: 120_000 });
    expect(await host.run('other', 'INPUTS.x + 1', { inputs: '{"x":1}' })).toMatchObject({ status: 'ok', result: 2 });
    host.send({ t: 'cancel', id: 'busy' });
    expect(await busy).toMatchObject({ status: 'cancelled', cpuMs: expect.any(Number) });
    expect(await host.run('after', 'INPUTS.x + 2', { inputs: '{"x":1}' })).toMatchObject({ status: 'ok', result: 3 });
  }, 20_000);

  it('ends a job whose timer callback runs past its limit as a timeout, not as an error of the code', async () => {
    const done = await host.run('t', 'setTimeout(() => { while (true) {} }, 0); new Promise(() => {})', { timeoutMs: 400, cpuTimeMs: 300 });
    expect(done).toMatchObject({ status: 'timeout', timeLimit: 'cpu' });
  });

  it('relays outbound HTTP to the worker and hands its answer to the code', async () => {
    host.onHttp = (message) => {
      expect(message.request).toMatchObject({ url: 'https://api.example.com/x', method: 'POST', body: '{"a":1}' });
      host.send({
        t: 'http',
        call: message.call,
        answer: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, text: '{"v":7}' },
      });
    };
    const done = await host.run('k', 'httpGet("https://api.example.com/x", { method: "post", body: { a: 1 } }).data.v');
    expect(done).toMatchObject({ status: 'ok', result: 7 });
  });
});
