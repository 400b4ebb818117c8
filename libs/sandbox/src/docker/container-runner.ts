import Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import { performance } from 'node:perf_hooks';
import { attachStreams } from './container-attach';
import { removeContainer } from './container-removal';
import { ArrivalOrder } from './arrival-order';
import { OutputCapture } from './output-capture';

export interface ContainerRunRequest {
  spec: ContainerCreateOptions;
  /** Written to the container's stdin, which is then closed. */
  input: Buffer;
  /** Wall-clock kill from outside, counted from when the input is written. */
  deadlineMs: number;
  stdoutCap: number;
  stderrCap: number;
  signal?: AbortSignal;
  /**
   * Given the last bytes of each stream: whether the output is complete and tells how the
   * program ended. Then the result is returned without waiting for Docker to tear the
   * container down and inspect it (removal still happens, in the background).
   */
  settled?: (stdoutTail: Buffer, stderrTail: Buffer) => boolean;
}

export type KillReason = 'timeout' | 'output' | 'cancel';

export interface ContainerRunResult {
  statusCode: number | null;
  oomKilled: boolean;
  killedFor: KillReason | null;
  stdout: Buffer;
  stderr: Buffer;
  stdoutOverflow: boolean;
  stderrOverflow: boolean;
  /** How stdout and stderr bytes interleaved (see ArrivalOrder); absent when only one stream had output. */
  order?: number[];
  wallMs: number;
  /** Whether a warm (pre-started) container served the request. */
  warm?: boolean;
}

/** The port the sandbox logic talks to; DockerContainerRunner is the real one. */
export interface ContainerRunner {
  run(request: ContainerRunRequest): Promise<ContainerRunResult>;
}

/** A created, attached and started container, blocked reading its job from stdin. */
export interface PreparedContainer {
  container: Docker.Container;
  stream: NodeJS.ReadWriteStream;
  stdout: OutputCapture;
  stderr: OutputCapture;
  order: ArrivalOrder;
  drained: Promise<void>;
  /** performance.now() when it was started. */
  startedAt: number;
}

/** Observers of the runner (metrics); none of them may throw into a job. */
export interface RunnerHooks {
  /** A container could not be created, attached or started, warm or cold. */
  onStartFailure?(image: string, error: Error): void;
}

const STREAM_DRAIN_MS = 2000;
/** Before a job arms the captures, nothing should arrive; keep a little in case the runner complains. */
const UNARMED_CAP = 64 * 1024;

/**
 * Runs single-use containers: prepare (create, attach, start: the runner then waits for
 * its job on stdin), then execute (write the job, collect output while counting it, kill
 * from outside on deadline/output cap/cancel, wait, inspect for OOM) and remove it in the
 * background, off the result's path. run() does both; a warm pool prepares ahead.
 */
export class DockerContainerRunner implements ContainerRunner {
  private readonly removals = new Set<Promise<void>>();

  constructor(
    private readonly docker: Docker,
    private readonly hooks: RunnerHooks = {},
  ) {}

  async run(request: ContainerRunRequest): Promise<ContainerRunResult> {
    return this.execute(await this.prepare(request.spec), request);
  }

  async prepare(spec: ContainerCreateOptions): Promise<PreparedContainer> {
    try {
      return await this.start(spec);
    } catch (error) {
      this.hooks.onStartFailure?.(spec.Image ?? 'unknown', error as Error);
      throw error;
    }
  }

  private async start(spec: ContainerCreateOptions): Promise<PreparedContainer> {
    const container = await this.docker.createContainer(spec);
    try {
      const stream = await attachStreams(container);
      const drained = new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
      });
      const order = new ArrivalOrder();
      const stdout = new OutputCapture(
        UNARMED_CAP,
        () => undefined,
        (bytes) => order.record('stdout', bytes),
      );
      const stderr = new OutputCapture(
        UNARMED_CAP,
        () => undefined,
        (bytes) => order.record('stderr', bytes),
      );
      this.docker.modem.demuxStream(stream, stdout, stderr);
      await container.start();
      return { container, stream, stdout, stderr, order, drained, startedAt: performance.now() };
    } catch (error) {
      this.removeLater(container);
      throw error;
    }
  }

  async execute(prepared: PreparedContainer, request: ContainerRunRequest): Promise<ContainerRunResult> {
    const { container, stream, stdout, stderr, order, drained } = prepared;
    let killedFor: KillReason | null = null;
    const kill = (reason: KillReason) => {
      if (killedFor) return;
      killedFor = reason;
      container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    };
    stdout.arm(request.stdoutCap, () => kill('output'));
    stderr.arm(request.stderrCap, () => kill('output'));

    const started = performance.now();
    stream.write(request.input);
    stream.end();
    const timer = setTimeout(() => kill('timeout'), request.deadlineMs);
    const onAbort = () => kill('cancel');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();
    try {
      const waiting = container.wait() as Promise<{ StatusCode?: number }>;
      const settled = new Promise<'settled'>((resolve) => {
        const check = () => {
          if (!killedFor && request.settled?.(stdout.tail(), stderr.tail())) resolve('settled');
        };
        stdout.onChunk = stderr.onChunk = check;
        check();
      });
      const first = await Promise.race([settled, waiting.then(() => 'exited' as const)]);
      stdout.onChunk = stderr.onChunk = null;
      const output = () => {
        const interleaving = order.list();
        return {
          stdout: stdout.bytes(),
          stderr: stderr.bytes(),
          stdoutOverflow: stdout.overflowed,
          stderrOverflow: stderr.overflowed,
          ...(interleaving ? { order: interleaving } : {}),
        };
      };
      if (first === 'settled' && !killedFor) {
        waiting.catch(() => undefined);
        return { statusCode: null, oomKilled: false, killedFor, ...output(), wallMs: performance.now() - started };
      }
      const waited = await waiting;
      const wallMs = performance.now() - started;
      let drainTimer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise<void>((resolve) => (drainTimer = setTimeout(resolve, STREAM_DRAIN_MS)))]);
      clearTimeout(drainTimer);
      const info = await container.inspect();
      return {
        statusCode: waited.StatusCode ?? info.State.ExitCode ?? null,
        oomKilled: Boolean(info.State.OOMKilled),
        killedFor,
        ...output(),
        wallMs,
      };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      destroyStream(stream);
      this.removeLater(container);
    }
  }

  /** Discards a prepared container that will not be used (pool shrink, shutdown). */
  discard(prepared: PreparedContainer): void {
    destroyStream(prepared.stream);
    this.removeLater(prepared.container);
  }

  private removeLater(container: Docker.Container): void {
    const removal: Promise<void> = removeContainer(container).then(() => void this.removals.delete(removal));
    this.removals.add(removal);
  }

  /** Waits for background removals, e.g. before the worker exits. */
  async settle(): Promise<void> {
    await Promise.all([...this.removals]);
  }
}

/** Closes an attach stream. Dockerode types it as a plain ReadWriteStream; at run time it is a socket, which has destroy(). */
function destroyStream(stream: NodeJS.ReadWriteStream): void {
  (stream as NodeJS.ReadWriteStream & { destroy?: () => void }).destroy?.();
}
