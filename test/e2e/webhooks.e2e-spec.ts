import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { CALLBACKS_QUEUE } from '../../libs/contracts/src';
import { verifyWebhook } from '../../libs/webhooks/src/webhook-signature';
import { Stack } from './support/stack';
import { WireMock } from './support/wiremock';

jest.setTimeout(120_000);

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A receiver on loopback: answers 503 twice, then 200, and keeps what it was sent; `/failing` always answers 503. */
class Receiver {
  readonly hits: Hit[] = [];
  readonly failing: Hit[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/failing') {
          this.failing.push({ headers: req.headers, body, answered: 503 });
          res.writeHead(503).end();
          return;
        }
        const answered = this.hits.length < 2 ? 503 : 200;
        this.hits.push({ headers: req.headers, body, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

let stack: Stack;
const receiver = new Receiver();
/** A receiver that accepts every delivery at once. */
const wiremock = new WireMock([{ request: { method: 'POST', urlPath: '/hook' }, response: { status: 204 } }]);
beforeAll(async () => {
  await Promise.all([receiver.start(), wiremock.start()]);
  // A Redis database of its own: a worker of another suite running at the same time, started without
  // the loopback allowance, would otherwise take this suite's deliveries from the shared queue and refuse them.
  const redis = new URL(process.env.REDIS_URL!);
  redis.pathname = '/7';
  // The receiver is on loopback, which the SSRF policy refuses unless allowed.
  stack = await Stack.start('webhooks', { env: { REDIS_URL: redis.toString(), RUNQ_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8' } });
});
afterAll(async () => {
  await stack?.stop();
  await Promise.all([receiver.stop(), wiremock.stop()]);
});

describe('webhooks', () => {
  it('delivers the finished job, signed, retrying through 503s', async () => {
    const key = stack.userKey;
    const { status, body: secretBody } = await stack.request('GET', '/webhooks/secret', { key });
    expect(status).toBe(200);
    const secret: string = secretBody.secret;
    expect(secret).toMatch(/^whsec_/);
    // Asking again gives the same secret.
    expect((await stack.request('GET', '/webhooks/secret', { key })).body.secret).toBe(secret);

    const created = await stack.request('POST', '/jobs', {
      key,
      body: { language: 'python', code: 'open("out.txt", "w").write("x")\nprint(1)', artifacts: ['out.txt'], callbackUrl: receiver.url },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    const job = await stack.waitFor(id, (j) => j.callback?.status === 'delivered' || j.callback?.status === 'failed', 25_000);
    expect(job.callback).toMatchObject({ status: 'delivered', attempts: 3, lastError: null, lastStatus: 200 });
    expect(Date.parse(job.callback.deliveredAt)).not.toBeNaN();

    expect(receiver.hits.map((h) => h.answered)).toEqual([503, 503, 200]);
    for (const hit of receiver.hits) {
      expect(hit.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'runq-webhooks', 'x-runq-job-id': id });
      const timestamp = hit.headers['x-runq-timestamp'] as string;
      expect(verifyWebhook(secret, timestamp, hit.body, hit.headers['x-runq-signature'] as string)).toBe(true);
      expect(verifyWebhook('whsec_wrong', timestamp, hit.body, hit.headers['x-runq-signature'] as string)).toBe(false);
    }
    const delivered = JSON.parse(receiver.hits[2].body);
    expect(delivered).toMatchObject({ id, status: 'completed', outcome: 'ok', callbackUrl: receiver.url, run: { stdout: '1\n' } });
    // Artifacts travel as metadata only: the bytes are on GET /jobs/:id and the download route.
    expect(delivered.artifacts).toEqual([{ name: 'out.txt', size: 1, mime: 'text/plain', truncated: false }]);
  }, 30_000);

  it('refuses a callbackUrl aimed at the cloud metadata address at submission', async () => {
    const res = await stack.request('POST', '/jobs', {
      body: { language: 'python', code: 'print(1)', callbackUrl: 'http://169.254.169.254/latest/meta-data' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/callbackUrl/);
    expect(res.body.message).toContain('RUNQ_WEBHOOK_ALLOWED_NETWORKS');
    expect(receiver.hits).toHaveLength(3);
  });

  it('stops the retries of a job deleted meanwhile, quietly, and the worker carries on', async () => {
    const failingUrl = receiver.url.replace(/\/hook$/, '/failing');
    const created = await stack.request('POST', '/jobs', { body: { language: 'python', code: 'print(1)', callbackUrl: failingUrl } });
    const id: string = created.body.id;
    await stack.waitFor(id, (job) => job.callback?.attempts >= 1 && job.callback?.lastStatus === 503, 25_000);
    expect((await stack.request('DELETE', `/jobs/${id}`)).status).toBe(204);
    const attemptsBefore = receiver.failing.length;
    // The next retry finds no job: the delivery ends as skipped, without calling the receiver again.
    const queue = new Queue(CALLBACKS_QUEUE, { connection: { url: stack.environment.REDIS_URL } as never });
    try {
      const deadline = Date.now() + 30_000;
      let state = await (await queue.getJob(`callback-${id}`))?.getState();
      while (state !== 'completed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        state = await (await queue.getJob(`callback-${id}`))?.getState();
      }
      const delivery = await queue.getJob(`callback-${id}`);
      expect([state, delivery?.returnvalue]).toEqual(['completed', 'skipped']);
    } finally {
      await queue.close();
    }
    expect(receiver.failing.length).toBeLessThanOrEqual(attemptsBefore + 1);
    expect(stack.worker?.exitCode).toBeNull();
    const next = await stack.request('POST', '/execute', { body: { language: 'python', code: 'print("alive")' } });
    expect(next.body).toMatchObject({ status: 'completed', run: { stdout: 'alive\n' } });
  });

  it('says which setting allows a loopback receiver when it is refused', async () => {
    // This server allows 127.0.0.0/8 only: IPv6 loopback is still refused.
    const res = await stack.request('POST', '/jobs', {
      body: { language: 'python', code: 'print(1)', callbackUrl: 'http://[::1]:8080/hook' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('callbackUrl address ::1 is in a loopback range');
    expect(res.body.message).toContain('RUNQ_WEBHOOK_ALLOWED_NETWORKS');
  });

  it('answers /execute with the webhook state of the job, not null', async () => {
    const hook = `${wiremock.url}/hook`;
    const answers = await Promise.all(
      [1, 2, 3].map((n) =>
        stack.request('POST', '/execute', { key: stack.userKey, body: { language: 'python', code: `print(${n})`, callbackUrl: hook } }),
      ),
    );
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'completed', callbackUrl: hook });
      expect(body.callback).toEqual(expect.objectContaining({ status: expect.stringMatching(/^(pending|delivered)$/) }));
    }
    for (const { body } of answers) {
      const job = await stack.waitFor(body.id, (j) => j.callback?.status === 'delivered' || j.callback?.status === 'failed', 25_000);
      expect(job.callback).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204 });
    }
    const seen = (await (await fetch(`${wiremock.url}/__admin/requests`)).json()) as {
      requests: { request: { headers: Record<string, string> } }[];
    };
    const jobIdOf = (headers: Record<string, string>) =>
      Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-runq-job-id')?.[1];
    const ids = seen.requests.map((r) => jobIdOf(r.request.headers));
    expect(ids).toEqual(expect.arrayContaining(answers.map((a) => a.body.id)));
  });
});
