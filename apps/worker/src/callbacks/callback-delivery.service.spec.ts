import { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { ApiKeyRepository } from '#keys';
import type { JobRepository, Job } from '#jobs';
import { verifyWebhook, WebhookDeliveryError, type WebhookClient, type WebhookRequest } from '#webhooks';
import { CallbackDeliveryService } from './callback-delivery.service';

const JOB_ID = '11111111-1111-4111-8111-111111111111';
const KEY_ID = '22222222-2222-4222-8222-222222222222';

function row(overrides: Partial<Job> = {}): Job {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id: JOB_ID,
    apiKeyId: KEY_ID,
    status: 'completed',
    outcome: 'ok',
    language: 'python',
    version: '3.12',
    files: [{ name: 'main.py', content: 'print(1)' }],
    stdin: '',
    args: [],
    compileOptions: [],
    limits: { timeoutMs: 1000, cpuTimeMs: 1000, memoryMb: 128, cpus: 1, processes: 16, outputBytes: 65536 },
    encoding: 'utf8',
    expectedOutput: null,
    comparison: null,
    tests: null,
    compile: null,
    run: { stdout: '1\n', stderr: '', exitCode: 0, signal: null, timeMs: 10, memoryKb: 1000, encoding: 'utf8' },
    testResults: null,
    summary: null,
    callbackUrl: 'https://hooks.example.com/runq',
    callback: { status: 'pending', attempts: 0, lastError: null, lastStatus: null, deliveredAt: null },
    message: null,
    attempts: 1,
    workerId: 'w1',
    createdAt: at,
    startedAt: at,
    finishedAt: at,
    ...overrides,
  } as Job;
}

function setup(options: { job?: Job | null; secret?: string | null; send?: jest.Mock } = {}) {
  const job = options.job === undefined ? row() : options.job;
  const jobs = {
    findForCallback: jest
      .fn()
      .mockResolvedValue(job ? { job, secret: options.secret === undefined ? 'whsec_stored' : options.secret } : null),
    recordCallback: jest.fn().mockResolvedValue(undefined),
  };
  const keys = { webhookSecret: jest.fn().mockResolvedValue('whsec_created') };
  const send = options.send ?? jest.fn().mockResolvedValue(200);
  const service = new CallbackDeliveryService(
    jobs as unknown as JobRepository,
    keys as unknown as ApiKeyRepository,
    { send } as unknown as WebhookClient,
  );
  const states = () => jobs.recordCallback.mock.calls.map(([, state]) => state);
  return { service, jobs, keys, send, states };
}

const attempt = (n: number, max = 6) => ({ jobId: JOB_ID, attempt: n, maxAttempts: max });
const retryable = (status: number | null = 503) =>
  new WebhookDeliveryError(status ? `receiver answered ${status}` : 'no response within 10 ms', true, status);

describe('CallbackDeliveryService', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('sends the signed job JSON and records the delivery', async () => {
    const { service, send, states, keys } = setup();
    await expect(service.deliver(attempt(1))).resolves.toBe('delivered');

    expect(send).toHaveBeenCalledTimes(1);
    const request = send.mock.calls[0][0] as WebhookRequest;
    expect(request.url).toBe('https://hooks.example.com/runq');
    expect(request.method).toBe('POST');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ id: JOB_ID, status: 'completed', outcome: 'ok', run: { stdout: '1\n' } });
    expect(body).not.toHaveProperty('files');
    expect(request.headers).toMatchObject({ 'Content-Type': 'application/json', 'User-Agent': 'runq-webhooks', 'X-Runq-Job-Id': JOB_ID });
    expect(verifyWebhook('whsec_stored', request.headers['X-Runq-Timestamp'], request.body, request.headers['X-Runq-Signature'])).toBe(
      true,
    );
    expect(keys.webhookSecret).not.toHaveBeenCalled();

    expect(states()).toEqual([{ status: 'delivered', attempts: 1, lastError: null, lastStatus: 200, deliveredAt: expect.any(String) }]);
    expect(Date.parse(states()[0].deliveredAt)).not.toBeNaN();
  });

  it('calls a Judge0 submission back as Judge0 does: a PUT of its 8 default fields, base64', async () => {
    const { service, send } = setup({ job: row({ callbackFormat: 'judge0', run: { ...row().run!, cpuMs: 2, memoryBytes: 2048 } }) });
    await expect(service.deliver(attempt(1))).resolves.toBe('delivered');
    const request = send.mock.calls[0][0] as WebhookRequest;
    expect(request.method).toBe('PUT');
    expect(JSON.parse(request.body)).toEqual({
      token: JOB_ID,
      time: '0.002',
      memory: 2,
      stdout: 'MQo=',
      stderr: null,
      compile_output: null,
      message: null,
      status: { id: 3, description: 'Accepted' },
    });
    expect(request.headers['Content-Type']).toBe('application/json');
  });

  it("creates the key's secret when it has none yet", async () => {
    const { service, send, keys } = setup({ secret: null });
    await service.deliver(attempt(1));
    expect(keys.webhookSecret).toHaveBeenCalledWith(KEY_ID);
    const request = send.mock.calls[0][0] as WebhookRequest;
    expect(verifyWebhook('whsec_created', request.headers['X-Runq-Timestamp'], request.body, request.headers['X-Runq-Signature'])).toBe(
      true,
    );
  });

  it('retries a retryable failure, counting attempts, then fails on the last attempt', async () => {
    const send = jest.fn().mockRejectedValue(retryable(503));
    const { service, states } = setup({ send });

    for (const n of [1, 2]) {
      const error = await service.deliver(attempt(n, 3)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(UnrecoverableError);
    }
    await expect(service.deliver(attempt(3, 3))).rejects.toBeInstanceOf(UnrecoverableError);

    expect(states()).toEqual([
      { status: 'pending', attempts: 1, lastError: 'receiver answered 503', lastStatus: 503, deliveredAt: null },
      { status: 'pending', attempts: 2, lastError: 'receiver answered 503', lastStatus: 503, deliveredAt: null },
      { status: 'failed', attempts: 3, lastError: 'receiver answered 503', lastStatus: 503, deliveredAt: null },
    ]);
  });

  it('records a success after earlier failures with the attempt that succeeded', async () => {
    const send = jest.fn().mockRejectedValueOnce(retryable(null)).mockResolvedValueOnce(204);
    const { service, states } = setup({ send });
    await expect(service.deliver(attempt(1))).rejects.toThrow('no response within 10 ms');
    await service.deliver(attempt(2));
    expect(states()).toEqual([
      { status: 'pending', attempts: 1, lastError: 'no response within 10 ms', lastStatus: null, deliveredAt: null },
      { status: 'delivered', attempts: 2, lastError: null, lastStatus: 204, deliveredAt: expect.any(String) },
    ]);
  });

  it('does not retry a permanent failure', async () => {
    const send = jest.fn().mockRejectedValue(new WebhookDeliveryError('receiver answered 404', false, 404));
    const { service, states } = setup({ send });
    await expect(service.deliver(attempt(1))).rejects.toThrow(new UnrecoverableError('receiver answered 404'));
    expect(states()).toEqual([{ status: 'failed', attempts: 1, lastError: 'receiver answered 404', lastStatus: 404, deliveredAt: null }]);
  });

  it('refuses to send a webhook it cannot sign (job without an API key)', async () => {
    const { service, send, keys, states } = setup({ job: row({ apiKeyId: null }), secret: null });
    await expect(service.deliver(attempt(1))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(keys.webhookSecret).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
    expect(states()).toEqual([
      {
        status: 'failed',
        attempts: 1,
        lastError: expect.stringMatching(/not submitted with an API key/),
        lastStatus: null,
        deliveredAt: null,
      },
    ]);
  });

  it('retries when its own side fails (e.g. the secret cannot be read)', async () => {
    const { service, keys, send, states } = setup({ secret: null });
    keys.webhookSecret.mockRejectedValueOnce(new Error('connection lost'));
    await expect(service.deliver(attempt(1))).rejects.not.toBeInstanceOf(UnrecoverableError);
    expect(send).not.toHaveBeenCalled();
    expect(states()[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook not sent: connection lost' });
  });

  it('skips a job that is gone or has no callbackUrl', async () => {
    for (const job of [null, row({ callbackUrl: null })]) {
      const { service, send, states } = setup({ job });
      await expect(service.deliver(attempt(1))).resolves.toBe('skipped');
      expect(send).not.toHaveBeenCalled();
      expect(states()).toEqual([]);
    }
  });
});
