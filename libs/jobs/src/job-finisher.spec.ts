import { Logger } from '@nestjs/common';
import type { CallbackQueue, JobEvents } from '#messaging';
import { JobFinisher } from './job-finisher';
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
    expect(events.publishFinished).toHaveBeenCalledWith('j1');
    expect(callbacks.add).not.toHaveBeenCalled();
  });

  it('never fails the caller when publishing fails', async () => {
    events.publishFinished.mockRejectedValue(new Error('redis down'));
    await expect(finisher.finished({ id: 'j1', callbackUrl: 'https://example.com/hook' })).resolves.toBeUndefined();
    expect(callbacks.add).toHaveBeenCalledWith('j1');
  });
});
