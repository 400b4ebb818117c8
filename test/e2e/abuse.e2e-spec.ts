import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { ABUSE_CASES, NEIGHBOURS, type AbuseCase, type CaseContext, type JobView, type Runtime } from './abuse/cases';
import { HostMarker, hostFilesNamed, hostProcessesWith } from './abuse/host-probe';
import { eventually } from './support/eventually';
import { expectNoSandboxContainers } from './support/services';
import { Stack } from './support/stack';

/**
 * The abuse corpus: hostile programs and requests, each beside two well-behaved jobs,
 * under runc and under gVisor (runsc). Every case must end with its outcome, leave the
 * host unchanged (marker directory, no files or processes carrying its token, no
 * container labelled with its job) and let its neighbours finish correctly.
 */
jest.setTimeout(900_000);

const RUNTIMES: Runtime[] = ['runc', 'runsc'];
/**
 * Cases in flight at once (each with its two neighbours). gVisor here runs on its ptrace
 * platform, where every system call is a round trip through the host scheduler: on a busy
 * host that is several times slower than runc, so its cases go one at a time.
 */
const PARALLEL_CASES: Record<Runtime, number> = { runc: 3, runsc: 1 };
/** Under gVisor a case whose point is not time gets this many times its wall-clock limit. */
const SLOW_RUNTIME_FACTOR: Record<Runtime, number> = { runc: 1, runsc: 3 };
/** Observed outcomes per runtime, for docs/security.md (kept apart from the test runner's results). */
const resultsDir = join(__dirname, '..', '..', '.runq', 'test', 'abuse');

interface CaseResult {
  name: string;
  status: number;
  outcome: string | null;
  message: string | null;
  wallMs: number | null;
  totalMs: number | null;
  runtime: string | null;
  warm?: boolean;
  /** A short excerpt of what the program printed, as evidence for docs/security.md. */
  evidence?: string;
  errors: string[];
}

/** The outcomes a case may end with under a runtime. */
function expectedOutcomes(c: AbuseCase, runtime: Runtime): string[] {
  if (c.kind !== 'run') return [];
  const o = c.outcome;
  const forRuntime = typeof o === 'string' || Array.isArray(o) ? o : o[runtime];
  return typeof forRuntime === 'string' ? [forRuntime] : forRuntime;
}

/** The case's request; under a slow runtime a case not about time gets a longer wall-clock limit. */
function caseBody(c: AbuseCase, ctx: CaseContext): object | string {
  if (c.kind !== 'run') return c.body(ctx);
  const body = c.body(ctx);
  const factor = SLOW_RUNTIME_FACTOR[ctx.runtime];
  if (factor === 1 || expectedOutcomes(c, ctx.runtime).includes('timeout')) return body;
  const limits = body.limits as { timeoutMs?: number } | undefined;
  return limits?.timeoutMs ? { ...body, limits: { ...limits, timeoutMs: limits.timeoutMs * factor } } : body;
}

async function runCase(stack: Stack, c: AbuseCase, base: Omit<CaseContext, 'token'>, marker: HostMarker): Promise<CaseResult> {
  const ctx: CaseContext = { ...base, token: `runqabuse${randomBytes(6).toString('hex')}` };
  const before = marker.snapshot();
  const errors: string[] = [];
  const submit = (body: object | string) =>
    stack.request('POST', '/execute?waitMs=60000', typeof body === 'string' ? { raw: body } : { body });
  const [main, ...neighbours] = await Promise.all([submit(caseBody(c, ctx)), ...NEIGHBOURS.map((n) => submit(n.body))]);
  const settle = async (res: { status: number; body: any }) =>
    res.status === 202
      ? { status: 200, body: await stack.waitFor(res.body.id, (j) => j.status !== 'queued' && j.status !== 'running', 120_000) }
      : res;

  const result: CaseResult = {
    name: c.name,
    status: main.status,
    outcome: null,
    message: null,
    wallMs: null,
    totalMs: null,
    runtime: null,
    errors,
  };
  if (c.kind === 'reject') {
    if (main.status !== c.status) errors.push(`status ${main.status}, expected ${c.status}: ${JSON.stringify(main.body).slice(0, 300)}`);
    const text = Array.isArray(main.body?.message) ? main.body.message.join('; ') : String(main.body?.message);
    if (!c.message.test(text)) errors.push(`message ${JSON.stringify(text.slice(0, 300))} does not match ${c.message}`);
    result.message = text.slice(0, 200);
  } else {
    const settled = await settle(main);
    const job = settled.body as JobView & { id: string };
    Object.assign(result, {
      status: settled.status,
      outcome: job.outcome,
      message: job.message,
      wallMs: job.run?.wallMs ?? null,
      totalMs: job.totalMs,
      runtime: job.timings?.runtime ?? null,
      warm: job.timings?.warm,
      evidence: job.run
        ? `exit ${job.run.exitCode} ${job.run.signal ?? ''} ${(job.run.encoding === 'utf8' ? job.run.stdout : `(base64) ${job.run.stdout}`).slice(0, 600)}`
        : undefined,
    });
    if (job.status !== 'completed') errors.push(`status ${job.status}: ${job.message}`);
    if (job.attempts !== 1) errors.push(`took ${job.attempts} attempts`);
    const want = expectedOutcomes(c, base.runtime);
    if (!want.includes(job.outcome ?? '')) errors.push(`outcome ${job.outcome} (${job.message}), expected ${want.join(' or ')}`);
    if (job.timings?.runtime !== base.runtime) errors.push(`ran under ${job.timings?.runtime}, not ${base.runtime}`);
    try {
      if (job.status === 'completed') c.check?.(job, ctx);
    } catch (error) {
      errors.push((error as Error).message);
    }
    await expectNoSandboxContainers({ 'runq.job': job.id }, 30_000).catch((error: Error) => errors.push(error.message));
  }
  for (const [i, res] of neighbours.entries()) {
    const { body } = await settle(res);
    if (body.outcome !== 'ok' || body.run?.stdout !== NEIGHBOURS[i].stdout)
      errors.push(`neighbour ${i}: ${body.status} ${body.outcome} ${JSON.stringify(body.run?.stdout)} (${body.message})`);
  }
  // Processes of a removed container are gone; give the engine a moment for the last ones.
  await eventually(
    () => {
      const processes = hostProcessesWith(ctx.token);
      if (processes.length) throw new Error(`host processes left: ${processes.join('; ')}`);
    },
    { timeoutMs: 5000, intervalMs: 250 },
  ).catch((error: Error) => errors.push(error.message));
  const files = hostFilesNamed(ctx.token, [marker.dir]);
  if (files.length) errors.push(`host files created: ${files.join(', ')}`);
  if (marker.snapshot() !== before) errors.push('the host marker directory changed');
  return result;
}

async function runAll(stack: Stack, base: Omit<CaseContext, 'token'>, marker: HostMarker): Promise<Map<string, CaseResult>> {
  const results = new Map<string, CaseResult>();
  const queue = [...ABUSE_CASES];
  await Promise.all(
    Array.from({ length: PARALLEL_CASES[base.runtime] }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const started = Date.now();
        const result = await runCase(stack, c, base, marker).catch((error: Error): CaseResult => ({
          name: c!.name,
          status: 0,
          outcome: null,
          message: null,
          wallMs: null,
          totalMs: null,
          runtime: null,
          errors: [error.stack ?? error.message],
        }));
        results.set(c.name, { ...result, totalMs: result.totalMs ?? Date.now() - started });
      }
    }),
  );
  return results;
}

/** Ids of every container the worker creates (cases, neighbours, warm ones), from the engine's event stream. */
async function watchCreatedContainers(workerId: string): Promise<{ ids: Set<string>; stop: () => void }> {
  const ids = new Set<string>();
  const stream = (await new Docker().getEvents({
    filters: { type: ['container'], event: ['create'], label: [`runq.worker=${workerId}`] },
  })) as NodeJS.ReadableStream & { destroy?: () => void };
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) ids.add((JSON.parse(line) as { id: string }).id);
  });
  return { ids, stop: () => stream.destroy?.() };
}

describe.each(RUNTIMES)('abuse corpus under %s', (runtime) => {
  let stack: Stack;
  let marker: HostMarker;
  let results: Map<string, CaseResult>;
  let created: Awaited<ReturnType<typeof watchCreatedContainers>>;

  beforeAll(async () => {
    const info = await new Docker().info();
    if (!info.Runtimes?.[runtime])
      throw new Error(`the Docker engine has no runtime "${runtime}" (scripts/lib.sh ensure_gvisor_runtime registers runsc)`);
    const bridge = await new Docker().getNetwork('bridge').inspect();
    marker = new HostMarker();
    const workerId = `e2e-abuse-${runtime}-${process.pid}`;
    created = await watchCreatedContainers(workerId);
    stack = await Stack.start(`abuse-${runtime}`, {
      env: { RUNQ_RUNTIME: runtime, RUNQ_WORKER_CONCURRENCY: '6', RUNQ_WORKER_ID: workerId },
    });
    const base: Omit<CaseContext, 'token'> = {
      runtime,
      marker: marker.dir,
      secret: marker.secret,
      gateway: bridge.IPAM?.Config?.[0]?.Gateway ?? '172.17.0.1',
      redisPort: Number(new URL(process.env.REDIS_URL!).port),
      pgPort: Number(new URL(process.env.DATABASE_URL!).port),
      secrets: [process.env.DATABASE_URL!, process.env.REDIS_URL!, stack.adminKey, stack.userKey],
    };
    const started = Date.now();
    results = await runAll(stack, base, marker);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `abuse-${runtime}.json`),
      JSON.stringify({ runtime, seconds: (Date.now() - started) / 1000, cases: [...results.values()] }, null, 2),
    );
  });

  afterAll(async () => {
    created?.stop();
    await stack?.stop();
    marker?.remove();
  });

  it.each(ABUSE_CASES.map((c) => [c.name, c] as const))('%s', (name) => {
    const result = results.get(name);
    expect(result).toBeDefined();
    expect(result!.errors).toEqual([]);
  });

  it('leaves no host process of any of its containers once the worker has stopped', async () => {
    await stack.stop();
    expect(created.ids.size).toBeGreaterThan(ABUSE_CASES.length);
    // runc's shim and a runsc sandbox carry their container's id on the command line.
    const left = () => [...created.ids].flatMap((id) => hostProcessesWith(id));
    await eventually(() => expect(left()).toEqual([]), { timeoutMs: 10_000, intervalMs: 250 });
    await expectNoSandboxContainers({ 'runq.worker': stack.workerId });
  });
});
