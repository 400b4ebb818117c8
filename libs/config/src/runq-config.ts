import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { cpus, totalmem } from 'node:os';
import ipaddr from 'ipaddr.js';
import { EnvironmentVariables } from './environment.dto';
import type { JobLimits } from '#contracts';

export interface RunqConfig {
  databaseUrl: string;
  redisUrl: string;
  host: string;
  port: number;
  defaults: JobLimits;
  maxima: JobLimits;
  compile: { timeoutMs: number; memoryMb: number };
  maxCodeBytes: number;
  maxStdinBytes: number;
  maxBodyBytes: number;
  wait: { defaultMs: number; maxMs: number };
  judging: { maxTests: number; testParallelism: number; maxBatch: number };
  webhooks: { attempts: number; timeoutMs: number; allowedNetworks: string[] };
  pool: {
    enabled: boolean;
    maxTotal: number;
    maxPerProfile: number;
    windowMs: number;
    horizonMs: number;
    idleSize: number;
    maxAgeMs: number;
  };
  worker: {
    id: string | undefined;
    concurrency: number;
    attempts: number;
    shutdownGraceMs: number;
    resultWriteRetryMs: number;
    runtime: string;
    imagePrefix: string;
  };
  logLevel: EnvironmentVariables['RUNQ_LOG_LEVEL'];
}

export class ConfigError extends Error {}

const LIMIT_VARIABLES: Record<keyof JobLimits, [string, string]> = {
  timeoutMs: ['RUNQ_DEFAULT_TIMEOUT_MS', 'RUNQ_MAX_TIMEOUT_MS'],
  memoryMb: ['RUNQ_DEFAULT_MEMORY_MB', 'RUNQ_MAX_MEMORY_MB'],
  cpus: ['RUNQ_DEFAULT_CPUS', 'RUNQ_MAX_CPUS'],
  processes: ['RUNQ_DEFAULT_PROCESSES', 'RUNQ_MAX_PROCESSES'],
  outputBytes: ['RUNQ_DEFAULT_OUTPUT_BYTES', 'RUNQ_MAX_OUTPUT_BYTES'],
};

/** Fits the host: one slot per core, but never more than memory for default-sized jobs allows. */
export function defaultConcurrency(memoryMb: number): number {
  const byCpu = Math.max(1, cpus().length * 2);
  const byMemory = Math.max(1, Math.floor(totalmem() / (1024 * 1024) / 2 / Math.max(memoryMb, 64)));
  return Math.min(byCpu, byMemory, 32);
}

/** Warm containers are cheap while they wait (a shell blocked on stdin), but each start costs CPU. */
export function defaultPoolSize(): number {
  return Math.max(2, Math.min(cpus().length * 4, Math.floor(totalmem() / (1024 * 1024) / 256), 32));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RunqConfig {
  // An empty variable (common in .env and compose files) means "use the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const vars = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const defaults: JobLimits = {
    timeoutMs: vars.RUNQ_DEFAULT_TIMEOUT_MS,
    memoryMb: vars.RUNQ_DEFAULT_MEMORY_MB,
    cpus: vars.RUNQ_DEFAULT_CPUS,
    processes: vars.RUNQ_DEFAULT_PROCESSES,
    outputBytes: vars.RUNQ_DEFAULT_OUTPUT_BYTES,
  };
  const maxima: JobLimits = {
    timeoutMs: vars.RUNQ_MAX_TIMEOUT_MS,
    memoryMb: vars.RUNQ_MAX_MEMORY_MB,
    cpus: vars.RUNQ_MAX_CPUS,
    processes: vars.RUNQ_MAX_PROCESSES,
    outputBytes: vars.RUNQ_MAX_OUTPUT_BYTES,
  };
  for (const key of Object.keys(defaults) as (keyof JobLimits)[]) {
    if (defaults[key] > maxima[key]) {
      const [def, max] = LIMIT_VARIABLES[key];
      throw new ConfigError(`Invalid configuration: ${def} (${defaults[key]}) is above ${max} (${maxima[key]})`);
    }
  }
  for (const cidr of vars.RUNQ_WEBHOOK_ALLOWED_NETWORKS.split(',')
    .map((c) => c.trim())
    .filter(Boolean)) {
    if (!isCidr(cidr))
      throw new ConfigError(`Invalid configuration: RUNQ_WEBHOOK_ALLOWED_NETWORKS entry "${cidr}" is not an address or CIDR`);
  }
  if (vars.RUNQ_DEFAULT_WAIT_MS > vars.RUNQ_MAX_WAIT_MS) {
    throw new ConfigError('Invalid configuration: RUNQ_DEFAULT_WAIT_MS is above RUNQ_MAX_WAIT_MS');
  }
  return {
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    host: vars.HOST,
    port: vars.PORT,
    defaults,
    maxima,
    compile: { timeoutMs: vars.RUNQ_COMPILE_TIMEOUT_MS, memoryMb: vars.RUNQ_COMPILE_MEMORY_MB },
    maxCodeBytes: vars.RUNQ_MAX_CODE_BYTES,
    maxStdinBytes: vars.RUNQ_MAX_STDIN_BYTES,
    maxBodyBytes: vars.RUNQ_MAX_BODY_BYTES,
    wait: { defaultMs: vars.RUNQ_DEFAULT_WAIT_MS, maxMs: vars.RUNQ_MAX_WAIT_MS },
    judging: { maxTests: vars.RUNQ_MAX_TESTS, testParallelism: vars.RUNQ_TEST_PARALLELISM, maxBatch: vars.RUNQ_MAX_BATCH },
    pool: {
      enabled: vars.RUNQ_POOL_ENABLED,
      maxTotal: vars.RUNQ_POOL_MAX ?? defaultPoolSize(),
      maxPerProfile: vars.RUNQ_POOL_MAX_PER_PROFILE,
      windowMs: vars.RUNQ_POOL_WINDOW_MS,
      horizonMs: vars.RUNQ_POOL_HORIZON_MS,
      idleSize: vars.RUNQ_POOL_IDLE_SIZE,
      maxAgeMs: vars.RUNQ_POOL_MAX_AGE_MS,
    },
    webhooks: {
      attempts: vars.RUNQ_WEBHOOK_ATTEMPTS,
      timeoutMs: vars.RUNQ_WEBHOOK_TIMEOUT_MS,
      allowedNetworks: vars.RUNQ_WEBHOOK_ALLOWED_NETWORKS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    worker: {
      id: vars.RUNQ_WORKER_ID,
      concurrency: vars.RUNQ_WORKER_CONCURRENCY ?? defaultConcurrency(vars.RUNQ_DEFAULT_MEMORY_MB),
      attempts: vars.RUNQ_JOB_ATTEMPTS,
      shutdownGraceMs: vars.RUNQ_SHUTDOWN_GRACE_MS,
      resultWriteRetryMs: vars.RUNQ_RESULT_WRITE_RETRY_MS,
      runtime: vars.RUNQ_RUNTIME,
      imagePrefix: vars.RUNQ_IMAGE_PREFIX,
    },
    logLevel: vars.RUNQ_LOG_LEVEL,
  };
}

function isCidr(text: string): boolean {
  try {
    if (text.includes('/')) ipaddr.parseCIDR(text);
    else ipaddr.parse(text);
    return true;
  } catch {
    return false;
  }
}
