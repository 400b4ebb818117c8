import { Injectable } from '@nestjs/common';

export type StopReason = 'cancel' | 'shutdown';

/** The executions this worker is running now, so they can be cancelled or drained. */
@Injectable()
export class RunningExecutions {
  private readonly controllers = new Map<string, AbortController>();

  start(jobId: string): AbortSignal {
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    return controller.signal;
  }

  finish(jobId: string): void {
    this.controllers.delete(jobId);
  }

  stop(jobId: string, reason: StopReason): boolean {
    const controller = this.controllers.get(jobId);
    controller?.abort(reason);
    return Boolean(controller);
  }

  stopAll(reason: StopReason): void {
    for (const controller of this.controllers.values()) controller.abort(reason);
  }

  ids(): string[] {
    return [...this.controllers.keys()];
  }

  get size(): number {
    return this.controllers.size;
  }
}
