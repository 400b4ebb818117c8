import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { ExecutionResult } from '#contracts';
import { createPrismaClient, type PrismaService } from '#db';
import { JobRepository, type NewJob } from '#jobs';
import { ScratchDatabase } from './support/scratch-database';

/**
 * JobRepository against a real Postgres: the conditions of its writes are SQL, so only
 * a database shows that a superseded attempt cannot finish a job and that the per-key
 * lock holds across processes. Each client stands for one API or worker process.
 */
jest.setTimeout(60_000);

type DbClient = ReturnType<typeof createPrismaClient>;

let db: ScratchDatabase;
const clients: DbClient[] = [];
let jobs: JobRepository;

/** A repository on a client (a pool of two connections) of its own, as another process has. */
function repository(): JobRepository {
  const client = createPrismaClient(db.url);
  clients.push(client);
  return new JobRepository(client as unknown as PrismaService);
}

beforeAll(async () => {
  db = await ScratchDatabase.create('jobrepo');
  jobs = repository();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  await db?.drop();
});

function newJob(): NewJob {
  return {
    id: randomUUID(),
    apiKeyId: null,
    language: 'python',
    version: null,
    files: [{ name: 'main.py', content: 'print(1)' }],
    stdin: '',
    args: [],
    compileOptions: [],
    limits: { timeoutMs: 5000, cpuTimeMs: 5000, memoryMb: 128, cpus: 1, processes: 64, outputBytes: 65_536 },
    encoding: 'utf8',
    expectedOutput: null,
    comparison: null,
    tests: null,
    callbackUrl: null,
  };
}

function keyJob(apiKeyId: string): NewJob & { apiKeyId: string } {
  return { ...newJob(), apiKeyId };
}

const RESULT: ExecutionResult = {
  outcome: 'ok',
  compile: null,
  run: {
    stdout: '1\n',
    stderr: '',
    encoding: 'utf8',
    exitCode: 0,
    signal: null,
    wallMs: 12,
    cpuMs: 8,
    memoryBytes: 1024,
    truncated: false,
  },
  message: null,
};

async function apiKey(): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO api_keys (id, name, prefix, hash) VALUES ($1, $2, $3, $4)', [id, `key-${id}`, 'rq_test', id]);
  return id;
}

async function queued(): Promise<string> {
  return (await jobs.create(newJob())).id;
}

/** A job claimed by worker `w1`: attempt 1 runs it. */
async function running(maxAttempts = 3): Promise<string> {
  const id = await queued();
  expect(await jobs.claim(id, 'w1', maxAttempts)).toMatchObject({ kind: 'claimed' });
  return id;
}

describe('claim', () => {
  it('moves a queued job to running with attempts + 1, the worker and a start time', async () => {
    const id = await queued();
    const claimed = await jobs.claim(id, 'w1', 3);
    expect(claimed).toMatchObject({ kind: 'claimed', row: { id, status: 'running', attempts: 1, workerId: 'w1' } });
    expect(claimed!.row.startedAt).toBeInstanceOf(Date);
  });

  it('claims a running job again below the attempt limit: the next attempt supersedes the first', async () => {
    const id = await running();
    expect(await jobs.claim(id, 'w2', 3)).toMatchObject({ kind: 'claimed', row: { status: 'running', attempts: 2, workerId: 'w2' } });
  });

  it('answers exhausted for a running job at the attempt limit, and leaves it as it was', async () => {
    const id = await running(2);
    await jobs.claim(id, 'w2', 2);
    expect(await jobs.claim(id, 'w3', 2)).toMatchObject({ kind: 'exhausted', row: { status: 'running', attempts: 2, workerId: 'w2' } });
    expect(await jobs.findById(id)).toMatchObject({ status: 'running', attempts: 2, workerId: 'w2' });
  });

  it('answers null for a cancelled, completed, failed or missing job, and changes nothing', async () => {
    const cancelled = await queued();
    await jobs.cancel(cancelled, 'queued');
    const completed = await running();
    await jobs.complete(completed, 1, RESULT, null);
    const failed = await running();
    await jobs.fail(failed, 1, 'broken');
    for (const id of [cancelled, completed, failed]) {
      const before = await jobs.findById(id);
      expect(await jobs.claim(id, 'w9', 3)).toBeNull();
      expect(await jobs.findById(id)).toEqual(before);
    }
    expect(await jobs.claim(randomUUID(), 'w9', 3)).toBeNull();
  });
});

describe('writes of an attempt (complete, fail, release)', () => {
  it('complete by the attempt that runs the job records the result', async () => {
    const id = await running();
    const written = await jobs.complete(id, 1, RESULT, '3.12.1');
    const row = await jobs.findById(id);
    expect(row).toMatchObject({ status: 'completed', outcome: 'ok', run: RESULT.run, version: '3.12.1', attempts: 1, callback: null });
    expect(row!.finishedAt).toBeInstanceOf(Date);
    // The written row is the stored one, so it can stand in for a read.
    expect(written).toEqual(row);
  });

  it('complete marks the webhook of a job with a callbackUrl due in the same write', async () => {
    const id = (await jobs.create({ ...newJob(), callbackUrl: 'https://example.com/hook' })).id;
    await jobs.claim(id, 'w1', 3);
    const written = await jobs.complete(id, 1, RESULT, null);
    expect(written).toMatchObject({ status: 'completed', callback: { status: 'pending', attempts: 0, deliveredAt: null } });
    expect(await jobs.findById(id)).toEqual(written);
  });

  it('reads and writes every field as a model query does', async () => {
    const job: NewJob = {
      ...newJob(),
      apiKeyId: await apiKey(),
      version: '3.13',
      stdin: 'in',
      args: ['-v'],
      compileOptions: ['-O2'],
      encoding: 'base64',
      expectedOutput: 'MQo=',
      comparison: { mode: 'whitespace' },
      tests: [{ stdin: '', expectedOutput: '1\n', encoding: 'utf8' }],
      callbackUrl: 'https://example.com/hook',
      callbackFormat: 'judge0',
      functionCall: { name: 'main', inputs: { z: 1, a: [2] } },
      network: { allow: ['example.com'] },
      artifactPatterns: ['*.png'],
      runs: 3,
      redirectStderr: true,
    } as NewJob;
    const created = await jobs.create(job);
    const model = (id: string) => clients[0].job.findUnique({ where: { id } });
    expect(created).toEqual(await model(job.id));
    expect(Object.keys(created.functionCall!.inputs as object)).toEqual(['z', 'a']);
    const claimed = await jobs.claim(job.id, 'w1', 3);
    expect(claimed!.row).toEqual(await model(job.id));
    const result: ExecutionResult = {
      ...RESULT,
      outcome: 'wrong_answer',
      function: { result: { b: 1, a: 2 }, logs: [], logsTruncated: false, error: null },
      timings: { sandboxMs: 3, warm: true },
      message: 'note',
    } as ExecutionResult;
    const written = await jobs.complete(job.id, 1, result, '3.13.1');
    expect(written).toEqual(await model(job.id));
    expect(written).toMatchObject({ outcome: 'wrong_answer', message: 'note', version: '3.13.1', timings: result.timings });
    expect(Object.keys(written!.functionResult!.result as object)).toEqual(['b', 'a']);
    expect(await jobs.findById(job.id)).toEqual(written);
  });

  it('fail by the running attempt marks the job failed with its message', async () => {
    const id = await running();
    expect(await jobs.fail(id, 1, 'docker went away')).toBe(true);
    expect(await jobs.findById(id)).toMatchObject({ status: 'failed', outcome: 'internal_error', message: 'docker went away' });
  });

  it('release by the running attempt hands the job back to queued; the next claim is attempt 2', async () => {
    const id = await running();
    expect(await jobs.release(id, 1)).toBe(true);
    expect(await jobs.findById(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await jobs.claim(id, 'w2', 3)).toMatchObject({ kind: 'claimed', row: { attempts: 2, workerId: 'w2' } });
  });

  it('refuses every write of a superseded attempt; the current attempt still finishes the job', async () => {
    const id = await running();
    await jobs.claim(id, 'w2', 3);
    expect(await jobs.complete(id, 1, RESULT, null)).toBeNull();
    expect(await jobs.fail(id, 1, 'late')).toBe(false);
    expect(await jobs.release(id, 1)).toBe(false);
    expect(await jobs.findById(id)).toMatchObject({ status: 'running', attempts: 2, workerId: 'w2', outcome: null, run: null });
    expect(await jobs.complete(id, 2, RESULT, null)).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('lets exactly the current attempt win when both complete at once', async () => {
    const id = await running();
    await jobs.claim(id, 'w2', 3);
    const other = repository();
    const [first, second] = await Promise.all([other.complete(id, 1, RESULT, null), jobs.complete(id, 2, RESULT, null)]);
    expect([first, second?.status]).toEqual([null, 'completed']);
  });

  it('refuses writes to a job that is not running: queued, or already finished', async () => {
    const waiting = await queued();
    expect(await jobs.complete(waiting, 0, RESULT, null)).toBeNull();
    expect(await jobs.release(waiting, 0)).toBe(false);
    const done = await running();
    await jobs.complete(done, 1, RESULT, null);
    expect(await jobs.complete(done, 1, { ...RESULT, outcome: 'timeout' }, null)).toBeNull();
    expect(await jobs.fail(done, 1, 'again')).toBe(false);
    expect(await jobs.release(done, 1)).toBe(false);
    expect(await jobs.findById(waiting)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await jobs.findById(done)).toMatchObject({ status: 'completed', outcome: 'ok' });
  });
});

describe('cancel(id, from)', () => {
  it('cancels a queued job only from queued', async () => {
    const id = await queued();
    expect(await jobs.cancel(id, 'running')).toBe(false);
    expect(await jobs.cancel(id, 'queued')).toBe(true);
    const row = await jobs.findById(id);
    expect(row).toMatchObject({ status: 'cancelled', message: 'cancelled by request', attempts: 0 });
    expect(row!.finishedAt).toBeInstanceOf(Date);
  });

  it('cancels a running job only from running; its attempt can then no longer complete it', async () => {
    const id = await running();
    expect(await jobs.cancel(id, 'queued')).toBe(false);
    expect(await jobs.cancel(id, 'running')).toBe(true);
    expect(await jobs.complete(id, 1, RESULT, null)).toBeNull();
    expect(await jobs.findById(id)).toMatchObject({ status: 'cancelled', outcome: null });
  });

  it('answers false for a finished or missing job', async () => {
    const done = await running();
    await jobs.complete(done, 1, RESULT, null);
    expect(await jobs.cancel(done, 'running')).toBe(false);
    expect(await jobs.cancel(done, 'queued')).toBe(false);
    expect(await jobs.cancel(randomUUID(), 'queued')).toBe(false);
    expect(await jobs.findById(done)).toMatchObject({ status: 'completed' });
  });
});

describe('createWithinLimit (per-key advisory lock)', () => {
  async function rowsOf(key: string): Promise<number> {
    const [{ n }] = await db.query<{ n: string }>('SELECT count(*) AS n FROM jobs WHERE api_key_id = $1', [key]);
    return Number(n);
  }

  it('admits exactly the cap when many submissions of one key race from several processes', async () => {
    const key = await apiKey();
    const processes = [jobs, repository(), repository(), repository()];
    // Connected and ready first, so the submissions really overlap.
    await Promise.all(processes.flatMap((p) => [p.findById(randomUUID()), p.findById(randomUUID())]));
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => processes[i % processes.length].createWithinLimit(keyJob(key), 3)),
    );
    expect({ admitted: results.filter((r) => r !== null).length, refused: results.filter((r) => r === null).length }).toEqual({
      admitted: 3,
      refused: 13,
    });
    expect(await rowsOf(key)).toBe(3);
  });

  it('counts only queued and running jobs against the cap', async () => {
    const key = await apiKey();
    const admitted = [];
    for (let i = 0; i < 3; i++) admitted.push(await jobs.createWithinLimit(keyJob(key), 3));
    expect(admitted.every((job) => job !== null)).toBe(true);
    expect(await jobs.createWithinLimit(keyJob(key), 3)).toBeNull();
    await jobs.claim(admitted[0]!.id, 'w1', 3); // running: still counts
    expect(await jobs.createWithinLimit(keyJob(key), 3)).toBeNull();
    await jobs.complete(admitted[0]!.id, 1, RESULT, null);
    await jobs.cancel(admitted[1]!.id, 'queued');
    expect(await jobs.createWithinLimit(keyJob(key), 3)).not.toBeNull();
    expect(await jobs.createWithinLimit(keyJob(key), 3)).not.toBeNull();
    expect(await jobs.createWithinLimit(keyJob(key), 3)).toBeNull();
    expect(await rowsOf(key)).toBe(5);
  });

  it('a held lock of one key blocks that key only, never another', async () => {
    const [a, b] = [await apiKey(), await apiKey()];
    // Another process inside createWithinLimit for key a: it holds a's lock until it commits.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7))', [a]);
      let aDone = false;
      const forA = jobs.createWithinLimit(keyJob(a), 3).finally(() => (aDone = true));
      const started = Date.now();
      expect(await repository().createWithinLimit(keyJob(b), 3)).not.toBeNull();
      expect(Date.now() - started).toBeLessThan(2000);
      // Deliberate: nothing may happen for key a while its lock is held.
      await new Promise((r) => setTimeout(r, 300));
      expect(aDone).toBe(false);
      await holder.query('COMMIT');
      expect(await forA).not.toBeNull();
    } finally {
      await holder.end();
    }
    expect([await rowsOf(a), await rowsOf(b)]).toEqual([1, 1]);
  });
});
