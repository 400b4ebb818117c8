import type { WorkerHeartbeat } from '#contracts';
import { toWorkerView } from './fleet-overview';

const beat: WorkerHeartbeat = {
  id: 'w1',
  host: 'box',
  pid: 42,
  concurrency: 4,
  running: 1,
  runtime: 'runsc',
  docker: { ok: true },
  languages: { python: '3.11.2', c: '12.2.0' },
  pool: {
    hits: 9,
    misses: 2,
    sizes: {
      'runq/python:latest/128m//opt/runq/run': 2,
      'runq/python:latest/64m//opt/runq/run': 1,
      'runq/c:latest/512m//opt/runq/compile': 1,
    },
  },
  startedAt: '2026-11-21T10:00:00.000Z',
  at: '2026-11-21T10:00:10.000Z',
};

describe('toWorkerView', () => {
  it('sums warm containers per image and ages the last heartbeat', () => {
    const view = toWorkerView(beat, Date.parse('2026-11-21T10:00:12.500Z'));
    expect(view.pool).toEqual({ python: 3, c: 1 });
    expect(view).toMatchObject({ runtime: 'runsc', languages: 2, poolHits: 9, poolMisses: 2, heartbeatAgeMs: 2500, dockerOk: true });
  });

  it('finds the image behind any registry prefix', () => {
    const sizes = { 'registry.example.com:5000/team/runq-ruby:v2/256m//opt/runq/run': 2 };
    expect(toWorkerView({ ...beat, pool: { hits: 0, misses: 0, sizes } }, 0).pool).toEqual({ 'runq-ruby': 2 });
  });

  it('copes with a worker that has no pool', () => {
    expect(toWorkerView({ ...beat, pool: undefined }, Date.parse(beat.at)).pool).toEqual({});
  });
});
