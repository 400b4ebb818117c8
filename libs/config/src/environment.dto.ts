import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { booleanFromText } from './transforms';

const MiB = 1024 * 1024;
const toNumber = ({ value }: { value: unknown }) => (value === '' || value === undefined ? undefined : Number(value));

/**
 * Every environment variable runq reads, with its default. Validated once at startup;
 * a bad value stops the process with a message naming the variable.
 */
export class EnvironmentVariables {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  @IsOptional() @IsString() HOST = '127.0.0.1';
  @Transform(toNumber) @IsInt() @Min(0) @Max(65535) PORT = 3000;

  // Limits: defaults applied to a job that does not ask, maxima a job may ask for.
  @Transform(toNumber) @IsInt() @Min(100) RUNQ_DEFAULT_TIMEOUT_MS = 5000;
  @Transform(toNumber) @IsInt() @Min(100) RUNQ_MAX_TIMEOUT_MS = 300_000;
  @Transform(toNumber) @IsInt() @Min(100) RUNQ_DEFAULT_CPU_TIME_MS = 5000;
  @Transform(toNumber) @IsInt() @Min(100) RUNQ_MAX_CPU_TIME_MS = 300_000;
  @Transform(toNumber) @IsInt() @Min(16) RUNQ_DEFAULT_MEMORY_MB = 128;
  @Transform(toNumber) @IsInt() @Min(16) RUNQ_MAX_MEMORY_MB = 1024;
  @Transform(toNumber) @IsNumber() @Min(0.01) RUNQ_DEFAULT_CPUS = 0.5;
  @Transform(toNumber) @IsNumber() @Min(0.01) RUNQ_MAX_CPUS = 2;
  @Transform(toNumber) @IsInt() @Min(4) RUNQ_DEFAULT_PROCESSES = 64;
  @Transform(toNumber) @IsInt() @Min(4) RUNQ_MAX_PROCESSES = 256;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_DEFAULT_OUTPUT_BYTES = 1 * MiB;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_MAX_OUTPUT_BYTES = 10 * MiB;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_MAX_CODE_BYTES = 1 * MiB;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_MAX_STDIN_BYTES = 1 * MiB;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_MAX_BODY_BYTES = 2 * MiB;
  @Transform(toNumber) @IsInt() @Min(1000) RUNQ_COMPILE_TIMEOUT_MS = 10_000;
  @Transform(toNumber) @IsInt() @Min(64) RUNQ_COMPILE_MEMORY_MB = 512;

  // Warm container pool (see README, "Performance").
  @Transform(booleanFromText) @IsBoolean() RUNQ_POOL_ENABLED = true;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(256) RUNQ_POOL_MAX?: number;
  @Transform(toNumber) @IsInt() @Min(0) @Max(64) RUNQ_POOL_MAX_PER_PROFILE = 8;
  @Transform(toNumber) @IsInt() @Min(1000) RUNQ_POOL_WINDOW_MS = 10_000;
  @Transform(toNumber) @IsInt() @Min(100) RUNQ_POOL_HORIZON_MS = 2_000;
  @Transform(toNumber) @IsInt() @Min(0) @Max(8) RUNQ_POOL_IDLE_SIZE = 1;
  @Transform(toNumber) @IsInt() @Min(10_000) RUNQ_POOL_MAX_AGE_MS = 300_000;

  // Judging and batches.
  @Transform(toNumber) @IsInt() @Min(1) @Max(1000) RUNQ_MAX_TESTS = 100;
  @Transform(toNumber) @IsInt() @Min(1) @Max(64) RUNQ_TEST_PARALLELISM = 4;
  @Transform(toNumber) @IsInt() @Min(1) @Max(1000) RUNQ_MAX_BATCH = 50;

  // Webhooks.
  @Transform(toNumber) @IsInt() @Min(1) @Max(20) RUNQ_WEBHOOK_ATTEMPTS = 6;
  @Transform(toNumber) @IsInt() @Min(100) RUNQ_WEBHOOK_TIMEOUT_MS = 10_000;
  /** CIDRs a callbackUrl may resolve to although private/loopback (e.g. "10.0.0.0/8,127.0.0.1/32"). */
  @IsString() RUNQ_WEBHOOK_ALLOWED_NETWORKS = '';

  // Access control (see docs/access-control.md): server defaults for keys without their own limits, 0 = unlimited.
  @Transform(toNumber) @IsInt() @Min(0) @Max(1_000_000) RUNQ_RATE_LIMIT_PER_MINUTE = 600;
  @Transform(toNumber) @IsInt() @Min(0) @Max(1_000_000) RUNQ_MAX_ACTIVE_JOBS = 100;
  /** A key (id or unique name) whose role and limits key-less requests get; unset: every request needs a key. */
  @IsOptional() @IsString() RUNQ_ANONYMOUS_KEY?: string;
  /** Backpressure: POST /jobs answers 503 once this many jobs wait in the queue (0 = never). */
  @Transform(toNumber) @IsInt() @Min(0) RUNQ_MAX_QUEUE_DEPTH = 10_000;
  @Transform(toNumber) @IsInt() @Min(1) @Max(3600) RUNQ_BACKPRESSURE_RETRY_AFTER_S = 5;
  // Function mode.
  @Transform(toNumber) @IsInt() @Min(2) RUNQ_FUNCTION_MAX_INPUTS_BYTES = 1 * MiB;
  @Transform(toNumber) @IsInt() @Min(1) @Max(1000) RUNQ_FUNCTION_MAX_INPUTS_DEPTH = 32;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_FUNCTION_MAX_RESULT_BYTES = 1 * MiB;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_FUNCTION_MAX_LOG_BYTES = 64 * 1024;
  // Artifacts: caps while the runner collects (a file past a cap comes back cut and marked).
  @Transform(toNumber) @IsInt() @Min(1) @Max(1000) RUNQ_ARTIFACT_MAX_FILES = 20;
  @Transform(toNumber) @IsInt() @Min(1) @Max(64 * MiB) RUNQ_ARTIFACT_MAX_FILE_BYTES = 8 * MiB;
  @Transform(toNumber) @IsInt() @Min(1) @Max(64 * MiB) RUNQ_ARTIFACT_MAX_TOTAL_BYTES = 16 * MiB;

  // Egress for function mode: off unless RUNQ_EGRESS_ALLOW lists hosts.
  /** Host patterns jobs may ask for in network.allow: "api.example.com", "*.example.com", "host:port", "*". */
  @IsString() RUNQ_EGRESS_ALLOW = '';
  /** Non-public addresses egress may reach anyway: "127.0.0.1:8080", "10.0.0.0/8", "[::1]:8080". */
  @IsString() RUNQ_EGRESS_ALLOW_PRIVATE = '';
  @Transform(toNumber) @IsInt() @Min(100) RUNQ_EGRESS_TIMEOUT_MS = 10_000;
  @Transform(toNumber) @IsInt() @Min(1024) RUNQ_EGRESS_MAX_RESPONSE_BYTES = 1 * MiB;
  @Transform(toNumber) @IsInt() @Min(1) @Max(10_000) RUNQ_EGRESS_MAX_REQUESTS = 20;
  /** Host directory for the worker's egress socket (the Docker engine must see the same path). */
  @IsOptional() @IsString() RUNQ_EGRESS_SOCKET_DIR?: string;

  // Isolate mode for JavaScript/TypeScript functions (docs/function-mode.md): `off`, `on` (asked per job) or `default`.
  @IsIn(['off', 'on', 'default']) RUNQ_ISOLATE: 'off' | 'on' | 'default' = 'on';
  @Transform(toNumber) @IsInt() @Min(1) @Max(16) RUNQ_ISOLATE_HOSTS = 1;
  @Transform(toNumber) @IsInt() @Min(1) RUNQ_ISOLATE_RECYCLE_JOBS = 1000;
  @Transform(toNumber) @IsInt() @Min(128) RUNQ_ISOLATE_HOST_MEMORY_MB = 1024;

  // Synchronous wait (POST /execute, POST /jobs?wait=true).
  @Transform(toNumber) @IsInt() @Min(0) RUNQ_DEFAULT_WAIT_MS = 30_000;
  @Transform(toNumber) @IsInt() @Min(0) RUNQ_MAX_WAIT_MS = 60_000;

  // Worker.
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(256) RUNQ_WORKER_CONCURRENCY?: number;
  @Transform(toNumber) @IsInt() @Min(1) @Max(256) RUNQ_WORKER_MIN_CONCURRENCY = 1;
  @Transform(booleanFromText) @IsBoolean() RUNQ_WORKER_ADAPTIVE = true;
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(100_000) RUNQ_GLOBAL_CONCURRENCY?: number;
  /** `pool=lang,lang;pool2=lang`: languages routed to their own queue and workers. */
  @IsString() RUNQ_POOLS = '';
  @IsString() RUNQ_WORKER_POOL = 'default';
  @Transform(toNumber) @IsInt() @Min(1) @Max(20) RUNQ_JOB_ATTEMPTS = 3;
  @Transform(toNumber) @IsInt() @Min(0) RUNQ_SHUTDOWN_GRACE_MS = 30_000;
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'RUNQ_RUNTIME must be a runtime name such as runc or runsc' })
  RUNQ_RUNTIME = 'runc';
  /** Per-language runtime, e.g. "java=runsc,python=runc"; checked against the catalog and the engine at worker start. */
  @IsString() RUNQ_RUNTIME_OVERRIDES = '';
  /** How long a worker retries writing a finished job's result while Postgres is unreachable. */
  @Transform(toNumber) @IsInt() @Min(0) @Max(3_600_000) RUNQ_RESULT_WRITE_RETRY_MS = 300_000;
  @IsString() RUNQ_IMAGE_PREFIX = 'runq/';
  @IsOptional() @IsString() RUNQ_WORKER_ID?: string;

  // Retention (see docs/operations.md, "Retention"): finished jobs older than this many days are deleted; 0 keeps them.
  @Transform(toNumber) @IsInt() @Min(0) @Max(36_500) RUNQ_RETENTION_DAYS = 30;
  @Transform(toNumber) @IsInt() @Min(1) @Max(100_000) RUNQ_RETENTION_BATCH_SIZE = 1000;
  @Transform(toNumber) @IsInt() @Min(0) @Max(60_000) RUNQ_RETENTION_PAUSE_MS = 100;

  // Browsers: origins whose pages may call the API (CORS); none by default.
  /** Comma list of origins (`https://app.example.com`), or `*` for any. */
  @IsString() RUNQ_CORS_ORIGINS = '';

  // Admin dashboard sessions (cookie `runq_session`, kept in Redis).
  @Transform(toNumber) @IsInt() @Min(60) @Max(7 * 24 * 3600) RUNQ_SESSION_TTL_S = 8 * 3600;
  /** Marks the session cookie Secure: set it when the API is reached over HTTPS (behind a TLS proxy). */
  @Transform(booleanFromText) @IsBoolean() RUNQ_COOKIE_SECURE = false;

  @IsIn(['debug', 'log', 'warn', 'error']) RUNQ_LOG_LEVEL: 'debug' | 'log' | 'warn' | 'error' = 'log';
  /** `json` (one object a line) for collectors; `pretty` for people (npm start). */
  @IsIn(['json', 'pretty']) RUNQ_LOG_FORMAT: 'json' | 'pretty' = 'json';

  // Metrics (see README, "Metrics").
  /** When set, GET /metrics on the API needs `Authorization: Bearer <token>`. */
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{16,256}$/, { message: 'RUNQ_METRICS_TOKEN must be 16 to 256 printable characters without spaces' })
  RUNQ_METRICS_TOKEN?: string;
  /** The worker's metrics port; 0 lets the system pick one. A busy port moves on to the next free one of the 16 above it. */
  @Transform(toNumber) @IsInt() @Min(0) @Max(65535) RUNQ_WORKER_METRICS_PORT = 9464;
  @IsString() RUNQ_WORKER_METRICS_HOST = '127.0.0.1';
  @Transform(booleanFromText) @IsBoolean() RUNQ_WORKER_METRICS_ENABLED = true;
}
