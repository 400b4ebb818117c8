import type Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import { PassThrough } from 'node:stream';
import { attachStreams } from '../docker/container-attach';
import { removeContainer } from '../docker/container-removal';
import { SandboxError } from '../execution/execution.types';
import { encodeFrame, FrameDecoder } from './host-frames';
import type { DoneMessage, HostMessage, HttpAnswer, HttpRequestMessage, RunMessage, WorkerMessage } from './host-messages';

/** Results and logs are capped in the host; a frame much larger than that is a broken host. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const STDERR_KEPT = 4096;
/** How long past a job's wall-clock limit the host may take to report it before it counts as stuck. */
const DEADLINE_GRACE_MS = 5000;
const NETWORK_OFF = "network access is off for this job: ask for it with network.allow (within the server's egress policy)";

export type HttpRelay = (request: HttpRequestMessage['request']) => Promise<HttpAnswer>;

interface InFlight {
  resolve(done: DoneMessage): void;
  reject(error: Error): void;
  relay: HttpRelay | null;
}

/**
 * One sandbox host: a long-lived hardened container running host/isolate-host.js, reached
 * over its attach streams. Jobs run concurrently in it, each in its own isolate; when the
 * container ends (crash, memory limit, retired) the jobs still in it fail as platform errors.
 */
export class IsolateHost {
  private readonly inFlight = new Map<string, InFlight>();
  private idleWaiters: (() => void)[] = [];
  private stderr = '';
  private stopped: string | null = null;
  /** Jobs handed to this host so far (recycling counts them). */
  served = 0;

  private constructor(
    readonly id: string,
    private readonly container: Docker.Container,
    private readonly stream: NodeJS.ReadWriteStream,
  ) {}

  /** Creates, attaches and starts the container, then waits until the host says it is ready. */
  static async start(docker: Docker, spec: ContainerCreateOptions, readyTimeoutMs: number): Promise<IsolateHost> {
    const container = await docker.createContainer(spec);
    try {
      const stream = await attachStreams(container);
      const host = new IsolateHost(container.id.slice(0, 12), container, stream);
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      docker.modem.demuxStream(stream, stdout, stderr);
      const ready = host.listen(stdout, stderr);
      await container.start();
      void container.wait().then(
        (exit: { StatusCode?: number }) => host.end(`exited with status ${exit.StatusCode ?? 'unknown'}`),
        () => host.end('gone'),
      );
      await withTimeout(ready, readyTimeoutMs, () => `the sandbox host did not start within ${readyTimeoutMs} ms: ${host.stderr.trim()}`);
      return host;
    } catch (error) {
      void removeContainer(container);
      throw error instanceof SandboxError ? error : new SandboxError(`sandbox host: ${(error as Error).message}`);
    }
  }

  get alive(): boolean {
    return this.stopped === null;
  }

  get running(): number {
    return this.inFlight.size;
  }

  /**
   * Runs one job. The host ends it at its limits; should the host miss that by DEADLINE_GRACE_MS
   * (stuck), the job is a timeout and the host is stopped (its other jobs are retried elsewhere).
   */
  run(message: RunMessage, relay: HttpRelay | null): Promise<DoneMessage> {
    if (this.stopped) return Promise.reject(new SandboxError(`sandbox host ${this.id} ${this.stopped}`));
    this.served++;
    return new Promise<DoneMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inFlight.delete(message.id);
        resolve({ t: 'done', id: message.id, status: 'timeout', timeLimit: 'wall', logs: [], logsTruncated: false });
        this.end(`missed the deadline of job ${message.id}`);
        void removeContainer(this.container);
      }, message.timeoutMs + DEADLINE_GRACE_MS);
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          fn(value);
        };
      this.inFlight.set(message.id, { resolve: settle(resolve), reject: settle(reject), relay });
      this.send(message);
    });
  }

  /** Resolves when no job is left in the host (or it has stopped). */
  whenIdle(): Promise<void> {
    if (!this.inFlight.size || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  cancel(jobId: string): void {
    if (this.inFlight.has(jobId)) this.send({ t: 'cancel', id: jobId });
  }

  /** Closes stdin (the host exits) and removes the container; jobs still running fail. */
  async retire(): Promise<void> {
    this.end('retired');
    await removeContainer(this.container);
  }

  private send(message: WorkerMessage): void {
    this.stream.write(encodeFrame(message));
  }

  private listen(stdout: PassThrough, stderr: PassThrough): Promise<void> {
    const decoder = new FrameDecoder(MAX_FRAME_BYTES);
    stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEPT)));
    this.stream.on('end', () => this.end('closed its streams'));
    this.stream.on('error', () => this.end('closed its streams'));
    return new Promise<void>((ready) => {
      stdout.on('data', (chunk: Buffer) => {
        let messages: unknown[];
        try {
          messages = decoder.push(chunk);
        } catch (error) {
          this.end(`sent a broken frame (${(error as Error).message})`);
          void removeContainer(this.container);
          return;
        }
        for (const message of messages as HostMessage[]) {
          if (message.t === 'ready') ready();
          else if (message.t === 'done') this.finish(message);
          else if (message.t === 'http') void this.relay(message);
        }
      });
    });
  }

  private finish(done: DoneMessage): void {
    const job = this.inFlight.get(done.id);
    this.inFlight.delete(done.id);
    job?.resolve(done);
    if (!this.inFlight.size) this.wakeIdle();
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private async relay({ id, call, request }: HttpRequestMessage): Promise<void> {
    const relay = this.inFlight.get(id)?.relay;
    const answer: HttpAnswer = relay ? await relay(request).catch((error: Error) => ({ error: error.message })) : { error: NETWORK_OFF };
    if (!this.stopped) this.send({ t: 'http', call, answer });
  }

  private end(why: string): void {
    if (this.stopped) return;
    this.stopped = why;
    (this.stream as NodeJS.ReadWriteStream & { destroy?: () => void }).destroy?.();
    const detail = this.stderr.trim() ? `: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` : '';
    for (const job of this.inFlight.values()) job.reject(new SandboxError(`sandbox host ${this.id} ${why}${detail}`));
    this.inFlight.clear();
    this.wakeIdle();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new SandboxError(why())), ms)));
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
