import { parseArgs } from 'node:util';
import { parsePools, poolNames } from '#config';
import { DEFAULT_POOL } from '#contracts';
import type { ScalingSettings } from './scaling-policy';

export interface AutoscalerCli {
  settings: ScalingSettings;
  intervalMs: number;
  /** The worker pool (RUNQ_POOLS) whose queue is followed and whose workers are started. */
  pool: string;
}

const FLAGS = {
  min: { type: 'string', default: '1' },
  pool: { type: 'string' },
  max: { type: 'string' },
  capacity: { type: 'string' },
  'interval-ms': { type: 'string', default: '1000' },
  'scale-out-age-ms': { type: 'string', default: '5000' },
  'cooldown-out-ms': { type: 'string', default: '15000' },
  'cooldown-in-ms': { type: 'string', default: '60000' },
  'scale-in-idle-ms': { type: 'string', default: '120000' },
} as const;

/**
 * `npm run workers -- --min 1 --max N [--pool P] [--capacity C] [...]`. The capacity per worker defaults to
 * RUNQ_WORKER_CONCURRENCY, which the supervisor then passes to every worker so both sides agree on it.
 */
export function parseAutoscalerArgs(argv: string[], env: NodeJS.ProcessEnv, defaultCapacity: number): AutoscalerCli {
  const { values } = parseArgs({ args: argv, options: FLAGS, strict: true });
  const pool = values.pool ?? env.RUNQ_WORKER_POOL ?? DEFAULT_POOL;
  const pools = poolNames(parsePools(env.RUNQ_POOLS ?? ''));
  if (!pools.includes(pool)) throw new Error(`--pool must be one of ${pools.join(', ')} (RUNQ_POOLS), got "${pool}"`);
  const int = (name: keyof typeof FLAGS, value: string | undefined, least: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < least) throw new Error(`--${name} must be an integer >= ${least} (got "${value}")`);
    return n;
  };
  if (values.max === undefined) throw new Error('--max is required (the most worker processes this host should run)');
  const min = int('min', values.min, 0);
  const max = int('max', values.max, 1);
  if (min > max) throw new Error(`--min (${min}) is above --max (${max})`);
  return {
    pool,
    intervalMs: int('interval-ms', values['interval-ms'], 100),
    settings: {
      min,
      max,
      perWorkerCapacity: int('capacity', values.capacity ?? env.RUNQ_WORKER_CONCURRENCY ?? String(defaultCapacity), 1),
      scaleOutAgeMs: int('scale-out-age-ms', values['scale-out-age-ms'], 0),
      cooldownOutMs: int('cooldown-out-ms', values['cooldown-out-ms'], 0),
      cooldownInMs: int('cooldown-in-ms', values['cooldown-in-ms'], 0),
      scaleInIdleMs: int('scale-in-idle-ms', values['scale-in-idle-ms'], 0),
    },
  };
}
