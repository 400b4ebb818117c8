import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { EnvironmentVariables } from './environment.dto';
import { parsePools, poolNames } from './pools';
import { listItems } from './transforms';
import type { JobLimits } from '#contracts';
import { parseAddressAllowance, parseHostPattern, parseNetwork } from '#netpolicy';

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
  /** Defaults for user keys without limits of their own; 0 = unlimited. */
  access: {
    rateLimitPerMinute: number;
    maxActiveJobs: number;
    /** RUNQ_ANONYMOUS_KEY: the key (id or name) key-less requests act as; undefined: none do. */
    anonymousKey: string | undefined;
  };
  backpressure: { maxQueueDepth: number; retryAfterSeconds: number };
  judging: { maxTests: number; testParallelism: number; maxBatch: number };
  webhooks: { attempts: number; timeoutMs: number; allowedNetworks: string[] };
  function: { maxInputsBytes: number; maxInputsDepth: number; maxResultBytes: number; maxLogBytes: number };
  artifacts: { maxFiles: number; maxFileBytes: number; maxTotalBytes: number };
  egress: {
    /** Host patterns jobs may ask for; empty: egress is off. */
    allow: string[];
    allowPrivate: string[];
    timeoutMs: number;
    maxResponseBytes: number;
    maxRequests: number;
    /** Set per worker when left out (see EgressProxy). */
    socketDir: string | undefined;
  };
  /** Isolate mode: `mode` off (refused), on (asked per job), default (JavaScript/TypeScript functions without `isolation`); the worker's hosts. */
  isolate: { mode: 'off' | 'on' | 'default'; hosts: number; recycleAfterJobs: number; hostMemoryMb: number };
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
    /** Upper bound of job slots; the adaptive governor moves between minConcurrency and this. */
    concurrency: number;
    minConcurrency: number;
    adaptive: boolean;
    /** Fleet-wide cap on running jobs of this worker's pool (BullMQ global concurrency); undefined leaves it as is. */
    globalConcurrency: number | undefined;
    pool: string;
    attempts: number;
    shutdownGraceMs: number;
    resultWriteRetryMs: number;
    runtime: string;
    /** language id or alias -> runtime, as configured (the worker checks them against its catalog and engine). */
    runtimeOverrides: Record<string, string>;
    imagePrefix: string;
  };
  /** language id -> pool, for languages outside the default pool. */
  pools: Record<string, string>;
  /** Finished jobs older than `days` are deleted in batches of `batchSize`, `pauseMs` apart; 0 days keeps them. */
  retention: { days: number; batchSize: number; pauseMs: number };
  /** Origins allowed to call the API from a browser; `['*']` for any, empty for none. */
  cors: { origins: string[] };
  /** Admin dashboard login sessions. */
  session: { ttlS: number; secureCookie: boolean };
  logLevel: EnvironmentVariables['RUNQ_LOG_LEVEL'];
  logFormat: EnvironmentVariables['RUNQ_LOG_FORMAT'];
  metrics: {
    /** Bearer token for the API's GET /metrics; open when unset. */
    token: string | undefined;
    worker: { enabled: boolean; host: string; port: number };
  };
}

export class ConfigError extends Error {}

const LIMIT_VARIABLES: Record<keyof JobLimits, [string, string]> = {
  timeoutMs: ['RUNQ_DEFAULT_TIMEOUT_MS', 'RUNQ_MAX_TIMEOUT_MS'],
  cpuTimeMs: ['RUNQ_DEFAULT_CPU_TIME_MS', 'RUNQ_MAX_CPU_TIME_MS'],
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
    cpuTimeMs: vars.RUNQ_DEFAULT_CPU_TIME_MS,
    memoryMb: vars.RUNQ_DEFAULT_MEMORY_MB,
    cpus: vars.RUNQ_DEFAULT_CPUS,
    processes: vars.RUNQ_DEFAULT_PROCESSES,
    outputBytes: vars.RUNQ_DEFAULT_OUTPUT_BYTES,
  };
  const maxima: JobLimits = {
    timeoutMs: vars.RUNQ_MAX_TIMEOUT_MS,
    cpuTimeMs: vars.RUNQ_MAX_CPU_TIME_MS,
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
  const webhookNetworks = listItems(vars.RUNQ_WEBHOOK_ALLOWED_NETWORKS);
  for (const cidr of webhookNetworks) {
    if (!parseNetwork(cidr))
      throw new ConfigError(`Invalid configuration: RUNQ_WEBHOOK_ALLOWED_NETWORKS entry "${cidr}" is not an address or CIDR`);
  }
  let pools: Record<string, string>;
  try {
    pools = parsePools(vars.RUNQ_POOLS);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`);
  }
  if (!poolNames(pools).includes(vars.RUNQ_WORKER_POOL)) {
    throw new ConfigError(`Invalid configuration: RUNQ_WORKER_POOL "${vars.RUNQ_WORKER_POOL}" is not default or a pool of RUNQ_POOLS`);
  }
  const concurrency = vars.RUNQ_WORKER_CONCURRENCY ?? defaultConcurrency(vars.RUNQ_DEFAULT_MEMORY_MB);
  if (vars.RUNQ_WORKER_MIN_CONCURRENCY > concurrency) {
    throw new ConfigError(`Invalid configuration: RUNQ_WORKER_MIN_CONCURRENCY is above the worker's concurrency (${concurrency})`);
  }
  const egressAllow = listItems(vars.RUNQ_EGRESS_ALLOW);
  const egressAllowPrivate = listItems(vars.RUNQ_EGRESS_ALLOW_PRIVATE);
  for (const entry of egressAllow) {
    if (typeof parseHostPattern(entry) === 'string')
      throw new ConfigError(
        `Invalid configuration: RUNQ_EGRESS_ALLOW entry "${entry}" is not a host pattern (host, *.domain, host:port or *)`,
      );
  }
  for (const entry of egressAllowPrivate) {
    if (typeof parseAddressAllowance(entry) === 'string')
      throw new ConfigError(`Invalid configuration: RUNQ_EGRESS_ALLOW_PRIVATE entry "${entry}" is not an address, CIDR or address:port`);
  }
  const corsOrigins = parseCorsOrigins(vars.RUNQ_CORS_ORIGINS);
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
    access: {
      rateLimitPerMinute: vars.RUNQ_RATE_LIMIT_PER_MINUTE,
      maxActiveJobs: vars.RUNQ_MAX_ACTIVE_JOBS,
      anonymousKey: vars.RUNQ_ANONYMOUS_KEY?.trim() || undefined,
    },
    backpressure: { maxQueueDepth: vars.RUNQ_MAX_QUEUE_DEPTH, retryAfterSeconds: vars.RUNQ_BACKPRESSURE_RETRY_AFTER_S },
    judging: { maxTests: vars.RUNQ_MAX_TESTS, testParallelism: vars.RUNQ_TEST_PARALLELISM, maxBatch: vars.RUNQ_MAX_BATCH },
    function: {
      maxInputsBytes: vars.RUNQ_FUNCTION_MAX_INPUTS_BYTES,
      maxInputsDepth: vars.RUNQ_FUNCTION_MAX_INPUTS_DEPTH,
      maxResultBytes: vars.RUNQ_FUNCTION_MAX_RESULT_BYTES,
      maxLogBytes: vars.RUNQ_FUNCTION_MAX_LOG_BYTES,
    },
    artifacts: {
      maxFiles: vars.RUNQ_ARTIFACT_MAX_FILES,
      maxFileBytes: vars.RUNQ_ARTIFACT_MAX_FILE_BYTES,
      maxTotalBytes: vars.RUNQ_ARTIFACT_MAX_TOTAL_BYTES,
    },
    egress: {
      allow: egressAllow,
      allowPrivate: egressAllowPrivate,
      timeoutMs: vars.RUNQ_EGRESS_TIMEOUT_MS,
      maxResponseBytes: vars.RUNQ_EGRESS_MAX_RESPONSE_BYTES,
      maxRequests: vars.RUNQ_EGRESS_MAX_REQUESTS,
      socketDir: vars.RUNQ_EGRESS_SOCKET_DIR,
    },
    isolate: {
      mode: vars.RUNQ_ISOLATE,
      hosts: vars.RUNQ_ISOLATE_HOSTS,
      recycleAfterJobs: vars.RUNQ_ISOLATE_RECYCLE_JOBS,
      hostMemoryMb: vars.RUNQ_ISOLATE_HOST_MEMORY_MB,
    },
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
      allowedNetworks: webhookNetworks,
    },
    worker: {
      id: vars.RUNQ_WORKER_ID,
      concurrency,
      minConcurrency: vars.RUNQ_WORKER_MIN_CONCURRENCY,
      adaptive: vars.RUNQ_WORKER_ADAPTIVE,
      globalConcurrency: vars.RUNQ_GLOBAL_CONCURRENCY,
      pool: vars.RUNQ_WORKER_POOL,
      attempts: vars.RUNQ_JOB_ATTEMPTS,
      shutdownGraceMs: vars.RUNQ_SHUTDOWN_GRACE_MS,
      resultWriteRetryMs: vars.RUNQ_RESULT_WRITE_RETRY_MS,
      runtime: vars.RUNQ_RUNTIME,
      runtimeOverrides: parseRuntimeOverrides(vars.RUNQ_RUNTIME_OVERRIDES),
      imagePrefix: vars.RUNQ_IMAGE_PREFIX,
    },
    pools,
    retention: { days: vars.RUNQ_RETENTION_DAYS, batchSize: vars.RUNQ_RETENTION_BATCH_SIZE, pauseMs: vars.RUNQ_RETENTION_PAUSE_MS },
    cors: { origins: corsOrigins },
    session: { ttlS: vars.RUNQ_SESSION_TTL_S, secureCookie: vars.RUNQ_COOKIE_SECURE },
    logLevel: vars.RUNQ_LOG_LEVEL,
    logFormat: vars.RUNQ_LOG_FORMAT,
    metrics: {
      token: vars.RUNQ_METRICS_TOKEN,
      worker: { enabled: vars.RUNQ_WORKER_METRICS_ENABLED, host: vars.RUNQ_WORKER_METRICS_HOST, port: vars.RUNQ_WORKER_METRICS_PORT },
    },
  };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._+#-]*$/;

/** "java=runsc, python=runc" -> {java: "runsc", python: "runc"}; a malformed entry is a ConfigError naming it. */
export function parseRuntimeOverrides(text: string): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const entry of listItems(text)) {
    const [language, runtime, ...rest] = entry.split('=').map((p) => p.trim());
    if (rest.length || !language || !runtime || !NAME.test(language) || !NAME.test(runtime))
      throw new ConfigError(`Invalid configuration: RUNQ_RUNTIME_OVERRIDES entry "${entry}" is not language=runtime`);
    const key = language.toLowerCase();
    if (key in overrides) throw new ConfigError(`Invalid configuration: RUNQ_RUNTIME_OVERRIDES names "${language}" twice`);
    overrides[key] = runtime;
  }
  return overrides;
}

/**
 * "https://a.example.com, http://localhost:5173" -> those origins (scheme, host and port, as
 * browsers send them in `Origin`); "*" alone allows any origin.
 */
export function parseCorsOrigins(text: string): string[] {
  const entries = listItems(text);
  if (entries.includes('*')) {
    if (entries.length > 1) throw new ConfigError('Invalid configuration: RUNQ_CORS_ORIGINS is either * or a list of origins, not both');
    return ['*'];
  }
  return entries.map((entry) => {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      // reported below
    }
    // An origin is scheme, host and port: no path, query, fragment or credentials.
    const bare = url?.pathname === '/' && !/[?#@]/.test(entry);
    if (!url || !bare || !['http:', 'https:'].includes(url.protocol))
      throw new ConfigError(
        `Invalid configuration: RUNQ_CORS_ORIGINS entry "${entry}" is not an origin such as https://app.example.com or http://localhost:5173`,
      );
    return url.origin;
  });
}

/** The default egress socket directory: one per worker process. */
export function defaultEgressSocketDir(workerId: string): string {
  return join(tmpdir(), 'runq-egress', workerId.replace(/[^A-Za-z0-9._-]/g, '_'));
}
