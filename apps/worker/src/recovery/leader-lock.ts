import type { Redis } from 'ioredis';

/** Takes the lock if it is free, or extends it if this holder has it. 1 when held afterwards. */
const ACQUIRE = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * A lease in Redis so that one process of the fleet does a periodic job. It is an
 * optimisation, not a safety net: the reconciler's writes are conditional, so two
 * leaders for a moment (a lease lost with Redis data) do no harm.
 */
export class LeaderLock {
  constructor(
    private readonly redis: Pick<Redis, 'eval'>,
    private readonly key: string,
    private readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, this.key, this.holder, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holder);
  }
}
