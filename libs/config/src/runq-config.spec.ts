import { ConfigError, defaultConcurrency, loadConfig } from './runq-config';

const MiB = 1024 * 1024;
const BASE = { DATABASE_URL: 'postgresql://runq@localhost/runq', REDIS_URL: 'redis://localhost:6379' };

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('fills the documented defaults from a minimal environment', () => {
    const config = loadConfig(BASE);
    expect(config.databaseUrl).toBe(BASE.DATABASE_URL);
    expect(config.redisUrl).toBe(BASE.REDIS_URL);
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.defaults).toEqual({ timeoutMs: 5000, cpuTimeMs: 5000, memoryMb: 128, cpus: 0.5, processes: 64, outputBytes: 1 * MiB });
    expect(config.maxima).toEqual({
      timeoutMs: 300_000,
      cpuTimeMs: 300_000,
      memoryMb: 1024,
      cpus: 2,
      processes: 256,
      outputBytes: 10 * MiB,
    });
    expect(config.compile).toEqual({ timeoutMs: 10_000, memoryMb: 512 });
    expect(config.maxCodeBytes).toBe(1 * MiB);
    expect(config.maxStdinBytes).toBe(1 * MiB);
    expect(config.maxBodyBytes).toBe(2 * MiB);
    expect(config.wait).toEqual({ defaultMs: 30_000, maxMs: 60_000 });
    expect(config.worker).toMatchObject({ id: undefined, attempts: 3, shutdownGraceMs: 30_000, runtime: 'runc', imagePrefix: 'runq/' });
    expect(config.logLevel).toBe('log');
  });

  it('reads access limits and backpressure, 0 meaning unlimited', () => {
    expect(loadConfig(BASE).access).toEqual({ rateLimitPerMinute: 600, maxActiveJobs: 100 });
    expect(loadConfig(BASE).backpressure).toEqual({ maxQueueDepth: 10_000, retryAfterSeconds: 5 });
    const config = loadConfig({ ...BASE, RUNQ_RATE_LIMIT_PER_MINUTE: '0', RUNQ_MAX_ACTIVE_JOBS: '3', RUNQ_MAX_QUEUE_DEPTH: '50' });
    expect(config.access).toEqual({ rateLimitPerMinute: 0, maxActiveJobs: 3 });
    expect(config.backpressure.maxQueueDepth).toBe(50);
    expect(configError({ RUNQ_RATE_LIMIT_PER_MINUTE: '-1' }).message).toMatch(/RUNQ_RATE_LIMIT_PER_MINUTE/);
    expect(configError({ RUNQ_MAX_QUEUE_DEPTH: 'many' }).message).toMatch(/RUNQ_MAX_QUEUE_DEPTH/);
  });

  it('leaves anonymous access off unless RUNQ_ANONYMOUS_KEY names a key', () => {
    expect(loadConfig(BASE).access.anonymousKey).toBeUndefined();
    expect(loadConfig({ ...BASE, RUNQ_ANONYMOUS_KEY: '  ' }).access.anonymousKey).toBeUndefined();
    expect(loadConfig({ ...BASE, RUNQ_ANONYMOUS_KEY: ' anonymous ' }).access.anonymousKey).toBe('anonymous');
  });

  it('sizes the worker from the host when no concurrency is configured', () => {
    expect(loadConfig(BASE).worker.concurrency).toBe(defaultConcurrency(128));
  });

  it('reads numbers and strings from the environment', () => {
    const config = loadConfig({
      ...BASE,
      PORT: '8080',
      HOST: '0.0.0.0',
      RUNQ_DEFAULT_TIMEOUT_MS: '2000',
      RUNQ_MAX_CPUS: '4',
      RUNQ_DEFAULT_CPUS: '1.5',
      RUNQ_WORKER_CONCURRENCY: '7',
      RUNQ_WORKER_ID: 'w-1',
      RUNQ_RUNTIME: 'runsc',
      RUNQ_LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.defaults.timeoutMs).toBe(2000);
    expect(config.defaults.cpus).toBe(1.5);
    expect(config.maxima.cpus).toBe(4);
    expect(config.worker).toMatchObject({ concurrency: 7, id: 'w-1', runtime: 'runsc' });
    expect(config.logLevel).toBe('debug');
  });

  it('reads per-language runtimes and names a malformed entry', () => {
    expect(loadConfig(BASE).worker.runtimeOverrides).toEqual({});
    expect(loadConfig({ ...BASE, RUNQ_RUNTIME_OVERRIDES: ' Java=runsc, python = runc ' }).worker.runtimeOverrides).toEqual({
      java: 'runsc',
      python: 'runc',
    });
    expect(configError({ RUNQ_RUNTIME_OVERRIDES: 'java' }).message).toMatch(/RUNQ_RUNTIME_OVERRIDES entry "java" is not language=runtime/);
    expect(configError({ RUNQ_RUNTIME_OVERRIDES: 'java=run sc' }).message).toMatch(/entry "java=run sc"/);
    expect(configError({ RUNQ_RUNTIME_OVERRIDES: 'java=runsc,java=runc' }).message).toMatch(/names "java" twice/);
    expect(configError({ RUNQ_RUNTIME: 'run sc' }).message).toMatch(/RUNQ_RUNTIME must be a runtime name/);
  });

  it('accepts rediss:// and postgres:// URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/runq', REDIS_URL: 'rediss://cache:6380' });
    expect(config.redisUrl).toBe('rediss://cache:6380');
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['REDIS_URL', { REDIS_URL: 'http://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['RUNQ_DEFAULT_TIMEOUT_MS', { RUNQ_DEFAULT_TIMEOUT_MS: '50' }],
    ['RUNQ_MAX_CPU_TIME_MS', { RUNQ_MAX_CPU_TIME_MS: 'soon' }],
    ['RUNQ_DEFAULT_MEMORY_MB', { RUNQ_DEFAULT_MEMORY_MB: '12.5' }],
    ['RUNQ_WORKER_CONCURRENCY', { RUNQ_WORKER_CONCURRENCY: '0' }],
    ['RUNQ_JOB_ATTEMPTS', { RUNQ_JOB_ATTEMPTS: '21' }],
    ['RUNQ_LOG_LEVEL', { RUNQ_LOG_LEVEL: 'verbose' }],
  ])('rejects a bad %s with a message naming it', (variable, env) => {
    expect(configError(env).message).toContain(variable);
  });

  it('names every bad variable at once', () => {
    const { message } = configError({ PORT: 'abc', RUNQ_MAX_MEMORY_MB: 'lots' });
    expect(message).toContain('PORT');
    expect(message).toContain('RUNQ_MAX_MEMORY_MB');
  });

  it('rejects a missing database URL', () => {
    expect(() => loadConfig({ REDIS_URL: BASE.REDIS_URL })).toThrow(/DATABASE_URL/);
  });

  it('rejects a default limit above its maximum, with both values', () => {
    const { message } = configError({ RUNQ_DEFAULT_TIMEOUT_MS: '400000' });
    expect(message).toContain('400000');
    expect(message).toContain('300000');
  });

  it('rejects a default CPU time above its maximum, naming both variables', () => {
    const { message } = configError({ RUNQ_DEFAULT_CPU_TIME_MS: '9000', RUNQ_MAX_CPU_TIME_MS: '8000' });
    expect(message).toContain('RUNQ_DEFAULT_CPU_TIME_MS (9000) is above RUNQ_MAX_CPU_TIME_MS (8000)');
  });

  it('reads the CPU time limits', () => {
    const config = loadConfig({ ...BASE, RUNQ_DEFAULT_CPU_TIME_MS: '1000', RUNQ_MAX_CPU_TIME_MS: '60000' });
    expect([config.defaults.cpuTimeMs, config.maxima.cpuTimeMs]).toEqual([1000, 60_000]);
  });

  it('accepts a default limit equal to its maximum', () => {
    expect(loadConfig({ ...BASE, RUNQ_DEFAULT_MEMORY_MB: '1024' }).defaults.memoryMb).toBe(1024);
  });

  it('rejects a default wait above the maximum wait', () => {
    expect(configError({ RUNQ_DEFAULT_WAIT_MS: '70000' }).message).toContain('RUNQ_DEFAULT_WAIT_MS');
  });
});

describe('worker pools and concurrency', () => {
  it("reads pools, the worker's pool, its concurrency bounds and the global cap", () => {
    const config = loadConfig({
      ...BASE,
      RUNQ_POOLS: 'jvm=java,kotlin',
      RUNQ_WORKER_POOL: 'jvm',
      RUNQ_WORKER_CONCURRENCY: '6',
      RUNQ_WORKER_MIN_CONCURRENCY: '2',
      RUNQ_GLOBAL_CONCURRENCY: '20',
      RUNQ_WORKER_ADAPTIVE: 'false',
    });
    expect(config.pools).toEqual({ java: 'jvm', kotlin: 'jvm' });
    expect(config.worker).toMatchObject({ pool: 'jvm', concurrency: 6, minConcurrency: 2, globalConcurrency: 20, adaptive: false });
  });

  it('defaults to the default pool, adaptive sizing and no global cap', () => {
    expect(loadConfig(BASE).worker).toMatchObject({ pool: 'default', minConcurrency: 1, adaptive: true, globalConcurrency: undefined });
  });

  it.each([
    [{ RUNQ_POOLS: 'JVM=java' }, 'RUNQ_POOLS'],
    [{ RUNQ_WORKER_POOL: 'jvm' }, 'RUNQ_WORKER_POOL "jvm" is not default or a pool of RUNQ_POOLS'],
    [{ RUNQ_WORKER_CONCURRENCY: '2', RUNQ_WORKER_MIN_CONCURRENCY: '3' }, 'RUNQ_WORKER_MIN_CONCURRENCY'],
    [{ RUNQ_GLOBAL_CONCURRENCY: '-1' }, 'RUNQ_GLOBAL_CONCURRENCY'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(configError(env).message).toContain(message);
  });
});

describe('webhook allowed networks', () => {
  const base = { DATABASE_URL: 'postgresql://x', REDIS_URL: 'redis://x' };
  it('accepts addresses and CIDRs, and names a bad entry', () => {
    expect(loadConfig({ ...base, RUNQ_WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).webhooks.allowedNetworks).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
    ]);
    expect(() => loadConfig({ ...base, RUNQ_WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/8,intranet' })).toThrow(
      /RUNQ_WEBHOOK_ALLOWED_NETWORKS entry "intranet"/,
    );
  });
});

describe('dashboard sessions', () => {
  it('last 8 hours in a cookie without Secure by default, and take both from the environment', () => {
    expect(loadConfig(BASE).session).toEqual({ ttlS: 8 * 3600, secureCookie: false });
    expect(loadConfig({ ...BASE, RUNQ_SESSION_TTL_S: '600', RUNQ_COOKIE_SECURE: 'true' }).session).toEqual({
      ttlS: 600,
      secureCookie: true,
    });
    expect(configError({ RUNQ_SESSION_TTL_S: '5' }).message).toContain('RUNQ_SESSION_TTL_S');
    expect(configError({ RUNQ_COOKIE_SECURE: 'yes' }).message).toContain('RUNQ_COOKIE_SECURE');
  });
});
