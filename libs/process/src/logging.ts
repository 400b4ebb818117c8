import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream, Level, LoggerOptions } from 'pino';
import type { Options as HttpOptions } from 'pino-http';
import pretty from 'pino-pretty';
import type { RunqConfig } from '#config';

const PINO_LEVEL: Record<RunqConfig['logLevel'], Level> = { debug: 'debug', log: 'info', warn: 'warn', error: 'error' };

/** An incoming X-Request-Id is kept only when it looks like an id: no spaces, control characters or log-line tricks. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

/** Headers that carry credentials: never written to a log, whatever a serializer does. */
const REDACT = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["x-api-key"]',
  'headers.authorization',
  'secret',
  '*.secret',
];

function baseOptions(config: RunqConfig, app: 'api' | 'worker'): LoggerOptions {
  return {
    level: PINO_LEVEL[config.logLevel],
    base: { app, pid: process.pid },
    redact: { paths: REDACT, censor: '[redacted]' },
  };
}

/** One line per entry: who, which request or job, the message, and for requests what was answered. */
const PRETTY_LINE =
  '{app}{if workerId} {workerId}{end} {if context}[{context}] {end}{if requestId}req={requestId} {end}' +
  '{if jobId}job={jobId}{if attempt}#{attempt}{end} {end}{msg}{if req.method} {req.method} {req.url} {res.statusCode} {responseTime}ms{end}';

function destination(config: RunqConfig): DestinationStream | undefined {
  if (config.logFormat !== 'pretty') return undefined;
  // In-process and synchronous: no worker thread, and nothing lost when the process exits.
  return pretty({
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    messageFormat: PRETTY_LINE,
    ignore: 'pid,hostname,app,context,requestId,jobId,attempt,workerId,req,res,responseTime',
  });
}

const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/**
 * nestjs-pino settings for the API: one JSON object per line, every line logged while a
 * request is handled carries its `requestId` (pino-http binds it through AsyncLocalStorage).
 * Requests are logged by method, path and status only: no headers, no bodies (code, secrets).
 */
export function apiLoggerParams(config: RunqConfig): Params {
  const http: HttpOptions<IncomingMessage, ServerResponse> = {
    ...baseOptions(config, 'api'),
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    // Probes and scrapes would drown the rest; their failures still show in metrics.
    autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: req.method,
        // Judge0 clients may send the key as ?X-Auth-Token=: it never reaches a log.
        url: req.url?.replace(/([?&]X-Auth-Token=)[^&]*/gi, '$1[redacted]'),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  const stream = destination(config);
  return { pinoHttp: stream ? [http, stream] : http };
}

/** nestjs-pino settings for the worker (no HTTP): job lines get their `jobId` from the processor's logging context. */
export function workerLoggerParams(config: RunqConfig): Params {
  const options = baseOptions(config, 'worker');
  const stream = destination(config);
  return { pinoHttp: stream ? [options, stream] : options };
}
