import { Logger } from '@nestjs/common';
import type { CallbackQueue, JobEvents } from '#messaging';
import type { Job } from './job';
import { JobFinisher } from './job-finisher';
import { jobFromWire } from './job-record.mapper';
import type { JobRepository } from './job.repository';

describe('JobFinisher', () => {
  let steps: string[];
  let jobs: { recordCallback: jest.Mock };
  let events: { publishFinished: jest.Mock };
  let callbacks: { add: jest.Mock };
  let finisher: JobFinisher;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    steps = [];
    jobs = { recordCallback: jest.fn(async (_id: string, state: { status: string }) => void steps.push(`record ${state.status}`)) };
    events = { publishFinished: jest.fn(async () => void steps.push('publish')) };
    callbacks = { add: jest.fn(async () => void steps.push('queue')) };
    finisher = new JobFinisher(jobs as unknown as JobRepository, events as unknown as JobEvents, callbacks as unknown as CallbackQueue);
  });

  afterEach(() => jest.restoreAllMocks());

  it('marks the webhook pending before waking waiters, so their answer carries the webhook state', async () => {
    await finisher.finished({ id: 'j1', callbackUrl: 'https://example.com/hook' });
    expect(steps).toEqual(['record pending', 'publish', 'queue']);
    expect(callbacks.add).toHaveBeenCalledWith('j1');
  });

  it('sends the row its finishing write returned along with the event, the webhook already marked there', async () => {
    const written = { id: 'j1', callbackUrl: 'https://example.com/hook', status: 'completed', createdAt: new Date(0) } as unknown as Job;
    await finisher.finished(written, written);
    expect(steps).toEqual(['publish', 'queue']);
    expect(events.publishFinished).toHaveBeenCalledWith('j1', JSON.stringify(written));
    expect(jobFromWire(events.publishFinished.mock.calls[0][1] as string)).toEqual(written);
  });

  it('sends only the id when the written row is too large to ride on the event', async () => {
    const written = { id: 'j1', callbackUrl: null, stdin: 'x'.repeat(40_000) } as unknown as Job;
    await finisher.finished(written, written);
    expect(events.publishFinished).toHaveBeenCalledWith('j1', undefined);
  });

  it('only publishes for a job without a callbackUrl', async () => {
    await finisher.finished({ id: 'j1', callbackUrl: null });
    expect(steps).toEqual(['publish']);
  });

  it('records a delivery the queue refused as failed, and still wakes waiters', async () => {
    callbacks.add.mockRejectedValue(new Error('redis down'));
    await expect(finisher.finished({ id: 'j1', callbackUrl: 'https://example.com/hook' })).resolves.toBeUndefined();
    expect(steps).toEqual(['record pending', 'publish', 'record failed']);
    expect(jobs.recordCallback).toHaveBeenLastCalledWith(
      'j1',
      expect.objectContaining({ status: 'failed', lastError: 'not scheduled: redis down' }),
    );
  });

  it('wakes waiters and skips the queue when the pending mark cannot be written', async () => {
    jobs.recordCallback.mockRejectedValue(new Error('postgres down'));
    await expect(finisher.finished({ id: 'j1', callbackUrl: 'https://example.com/hook' })).resolves.toBeUndefined();
    expect(events.publishFinished).toHaveBeenCalledWith('j1', undefined);
    expect(callbacks.add).not.toHaveBeenCalled();
  });

  it('never fails the caller when publishing fails', async () => {
    events.publishFinished.mockRejectedValue(new Error('redis down'));
    await expect(finisher.finished({ id: 'j1', callbackUrl: 'https://example.com/hook' })).resolves.toBeUndefined();
    expect(callbacks.add).toHaveBeenCalledWith('j1');
  });
});
