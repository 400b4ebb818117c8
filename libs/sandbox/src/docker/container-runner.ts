import Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';
import { performance } from 'node:perf_hooks';
import { OutputCapture } from './output-capture';

export interface ContainerRunRequest {
  spec: ContainerCreateOptions;
  /** Written to the container's stdin, which is then closed. */
  input: Buffer;
  /** Wall-clock kill from outside, counted from start. */
  deadlineMs: number;
  stdoutCap: number;
  stderrCap: number;
  signal?: AbortSignal;
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
  wallMs: number;
}

/** The port the sandbox logic talks to; DockerContainerRunner is the real one. */
export interface ContainerRunner {
  run(request: ContainerRunRequest): Promise<ContainerRunResult>;
}

const STREAM_DRAIN_MS = 2000;

/**
 * Runs one single-use container: create, attach, start, feed stdin, collect output
 * while counting it, kill from outside on deadline/output cap/cancel, wait, inspect
 * for OOM, and remove it in the background (off the result's path).
 */
export class DockerContainerRunner implements ContainerRunner {
  private readonly removals = new Set<Promise<void>>();

  constructor(private readonly docker: Docker) {}

  async run(request: ContainerRunRequest): Promise<ContainerRunResult> {
    const container = await this.docker.createContainer(request.spec);
    try {
      return await this.drive(container, request);
    } finally {
      this.removeLater(container);
    }
  }

  private async drive(container: Docker.Container, request: ContainerRunRequest): Promise<ContainerRunResult> {
    let killedFor: KillReason | null = null;
    const kill = (reason: KillReason) => {
      if (killedFor) return;
      killedFor = reason;
      container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    };
    const stdout = new OutputCapture(request.stdoutCap, () => kill('output'));
    const stderr = new OutputCapture(request.stderrCap, () => kill('output'));

    const stream = (await container.attach({
      stream: true,
      stdin: true,
      stdout: true,
      stderr: true,
      hijack: true,
    })) as NodeJS.ReadWriteStream;
    const drained = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    this.docker.modem.demuxStream(stream, stdout, stderr);

    const started = performance.now();
    await container.start();
    stream.write(request.input);
    stream.end();
    const timer = setTimeout(() => kill('timeout'), request.deadlineMs);
    const onAbort = () => kill('cancel');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();
    try {
      const waited = (await container.wait()) as { StatusCode?: number };
      const wallMs = performance.now() - started;
      let drainTimer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise<void>((resolve) => (drainTimer = setTimeout(resolve, STREAM_DRAIN_MS)))]);
      clearTimeout(drainTimer);
      const info = await container.inspect();
      return {
        statusCode: waited.StatusCode ?? info.State.ExitCode ?? null,
        oomKilled: Boolean(info.State.OOMKilled),
        killedFor,
        stdout: stdout.bytes(),
        stderr: stderr.bytes(),
        stdoutOverflow: stdout.overflowed,
        stderrOverflow: stderr.overflowed,
        wallMs,
      };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      (stream as unknown as { destroy?: () => void }).destroy?.();
    }
  }

  private removeLater(container: Docker.Container): void {
    const removal = container
      .remove({ force: true, v: true })
      .catch(() => undefined)
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  /** Waits for background removals, e.g. before the worker exits. */
  async settle(): Promise<void> {
    await Promise.all([...this.removals]);
  }
}
