import { parseAutoscalerArgs } from './autoscaler-options';

describe('parseAutoscalerArgs', () => {
  it('reads --min/--max and fills the rest with defaults', () => {
    expect(parseAutoscalerArgs(['--min', '1', '--max', '4'], {}, 6)).toEqual({
      pool: 'default',
      intervalMs: 1000,
      settings: {
        min: 1,
        max: 4,
        perWorkerCapacity: 6,
        scaleOutAgeMs: 5000,
        cooldownOutMs: 15000,
        cooldownInMs: 60000,
        scaleInIdleMs: 120000,
      },
    });
  });

  it('follows one pool of RUNQ_POOLS, from --pool or RUNQ_WORKER_POOL', () => {
    const env = { RUNQ_POOLS: 'jvm=java,kotlin' };
    expect(parseAutoscalerArgs(['--max', '2', '--pool', 'jvm'], env, 6).pool).toBe('jvm');
    expect(parseAutoscalerArgs(['--max', '2'], { ...env, RUNQ_WORKER_POOL: 'jvm' }, 6).pool).toBe('jvm');
    expect(() => parseAutoscalerArgs(['--max', '2', '--pool', 'gpu'], env, 6)).toThrow(
      '--pool must be one of default, jvm (RUNQ_POOLS), got "gpu"',
    );
  });

  it('takes the capacity from --capacity, else RUNQ_WORKER_CONCURRENCY', () => {
    expect(parseAutoscalerArgs(['--max', '2'], { RUNQ_WORKER_CONCURRENCY: '3' }, 6).settings.perWorkerCapacity).toBe(3);
    expect(parseAutoscalerArgs(['--max', '2', '--capacity', '9'], { RUNQ_WORKER_CONCURRENCY: '3' }, 6).settings.perWorkerCapacity).toBe(9);
  });

  it('rejects missing or inconsistent bounds and unknown flags', () => {
    expect(() => parseAutoscalerArgs([], {}, 1)).toThrow('--max is required');
    expect(() => parseAutoscalerArgs(['--min', '3', '--max', '2'], {}, 1)).toThrow('--min (3) is above --max (2)');
    expect(() => parseAutoscalerArgs(['--max', 'two'], {}, 1)).toThrow('--max must be an integer >= 1');
    expect(() => parseAutoscalerArgs(['--max', '2', '--maxx', '3'], {}, 1)).toThrow();
  });
});
