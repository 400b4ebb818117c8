import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { WorkerHandle, WorkerSpawner } from './local-autoscaler';

/**
 * Real worker processes: `node <script>` with RUNQ_WORKER_ID set. Output is passed through line by line, with the
 * worker's id in front of lines that are not JSON, so interleaved logs of several workers stay readable.
 */
export function childProcessSpawner(script: string, env: NodeJS.ProcessEnv): WorkerSpawner {
  return (workerId: string): WorkerHandle => {
    const child = spawn(process.execPath, [script], { env: { ...env, RUNQ_WORKER_ID: workerId }, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixLines(child.stdout, process.stdout, workerId);
    prefixLines(child.stderr, process.stderr, workerId);
    return {
      kill: (signal) => void child.kill(signal),
      onExit: (listener) => {
        // 'error' (the process could not start) and 'exit' can both fire: report once.
        let reported = false;
        const report = (code: number | null, signal: NodeJS.Signals | null) => {
          if (!reported) listener(code, signal);
          reported = true;
        };
        child.once('exit', report);
        child.once('error', () => report(null, null));
      },
    };
  };
}

/** JSON log lines already carry their workerId and stay parseable: only other lines get the prefix. */
function prefixLines(from: Readable, to: NodeJS.WritableStream, prefix: string): void {
  createInterface({ input: from }).on('line', (line) => to.write(line.startsWith('{') ? `${line}\n` : `[${prefix}] ${line}\n`));
}
