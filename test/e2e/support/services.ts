import { Queue } from 'bullmq';
import Docker from 'dockerode';
import { Client } from 'pg';
import { EXECUTIONS_QUEUE } from '../../../libs/contracts/src';
import { eventually } from './eventually';

/** Direct views of the real services, to check what the API did (or did not) write. */
export async function countJobRows(): Promise<number> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM jobs');
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** Which worker ran each job (the row's worker_id). */
export async function workersOfJobs(ids: string[]): Promise<Record<string, string | null>> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; worker_id: string | null }>(
      'SELECT id, worker_id FROM jobs WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return Object.fromEntries(rows.map((r) => [r.id, r.worker_id]));
  } finally {
    await client.end();
  }
}

export async function countQueueEntries(): Promise<number> {
  const queue = new Queue(EXECUTIONS_QUEUE, { connection: { url: process.env.REDIS_URL } as never });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  } finally {
    await queue.close();
  }
}

export async function sandboxContainers(filter: Record<string, string> = {}): Promise<Docker.ContainerInfo[]> {
  const labels = ['runq.managed=1', ...Object.entries(filter).map(([k, v]) => `${k}=${v}`)];
  return new Docker().listContainers({ all: true, filters: { label: labels } });
}

/** Containers are removed in the background after a result; give removal a moment. */
export async function expectNoSandboxContainers(filter: Record<string, string> = {}, ms = 10_000): Promise<void> {
  await eventually(
    async () => {
      const left = await sandboxContainers(filter);
      if (left.length)
        throw new Error(
          `sandbox containers left behind: ${left.map((c) => `${c.Id.slice(0, 12)} ${JSON.stringify(c.Labels)}`).join(', ')}`,
        );
    },
    { timeoutMs: ms, intervalMs: 200 },
  );
}
