import { constants } from 'node:os';
import type { Job } from '../job';

export interface Judge0Status {
  id: number;
  description: string;
}

/** Judge0 CE 1.13.1's 14 statuses, in id order. */
export const JUDGE0_STATUSES: readonly Judge0Status[] = [
  { id: 1, description: 'In Queue' },
  { id: 2, description: 'Processing' },
  { id: 3, description: 'Accepted' },
  { id: 4, description: 'Wrong Answer' },
  { id: 5, description: 'Time Limit Exceeded' },
  { id: 6, description: 'Compilation Error' },
  { id: 7, description: 'Runtime Error (SIGSEGV)' },
  { id: 8, description: 'Runtime Error (SIGXFSZ)' },
  { id: 9, description: 'Runtime Error (SIGFPE)' },
  { id: 10, description: 'Runtime Error (SIGABRT)' },
  { id: 11, description: 'Runtime Error (NZEC)' },
  { id: 12, description: 'Runtime Error (Other)' },
  { id: 13, description: 'Internal Error' },
  { id: 14, description: 'Exec Format Error' },
];

/** Signals Judge0 gives a status of their own (isolate `SG` of the program itself). */
const SIGNAL_STATUS: Record<string, number> = { SIGSEGV: 7, SIGXFSZ: 8, SIGFPE: 9, SIGABRT: 10 };

export function statusOf(id: number): Judge0Status {
  return JUDGE0_STATUSES[id - 1]!;
}

/** A signal's number (Judge0's `exit_signal`), or null. */
export function signalNumber(signal: string | null | undefined): number | null {
  if (!signal) return null;
  const value = (constants.signals as Record<string, number | undefined>)[signal];
  return value ?? null;
}

/** The Judge0 status of a runq job, from its status and outcome. */
export function classifyJob(job: Pick<Job, 'status' | 'outcome' | 'run'>): Judge0Status {
  if (job.status === 'queued') return statusOf(1);
  if (job.status === 'running') return statusOf(2);
  if (job.status !== 'completed') return statusOf(13); // failed by the platform, or cancelled
  switch (job.outcome) {
    case 'ok':
      return statusOf(3);
    case 'wrong_answer':
      return statusOf(4);
    case 'timeout':
      return statusOf(5);
    case 'compile_error':
      return statusOf(6);
    case 'runtime_error':
      return statusOf(job.run?.signal ? (SIGNAL_STATUS[job.run.signal] ?? 12) : 11);
    case 'memory_limit':
    case 'output_limit':
      return statusOf(12);
    default:
      return statusOf(13);
  }
}
