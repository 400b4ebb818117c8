import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { loadConfig } from '#config';
import { apiLoggerParams, requestIdOf } from './logging';

describe('requestIdOf', () => {
  it('keeps an incoming id that looks like one', () => {
    for (const id of ['abc', 'req-123', '0af7651916cd43dd8448eb211c80319c', 'a.b_c:d@e/f+g=h', 'x'.repeat(128)])
      expect(requestIdOf(id)).toBe(id);
  });

  it('replaces anything else with a fresh UUID', () => {
    for (const id of [undefined, '', 'with space', 'line\nbreak', 'x'.repeat(129), '"quoted"', ['a', 'b']]) {
      expect(requestIdOf(id as string | string[] | undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('apiLoggerParams', () => {
  const BASE = { DATABASE_URL: 'postgresql://runq@localhost/runq', REDIS_URL: 'redis://localhost:6379' };
  const http = apiLoggerParams(loadConfig(BASE)).pinoHttp as Options<IncomingMessage, ServerResponse>;

  it('echoes the request id it logs in the X-Request-Id response header', () => {
    const headers: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
    const id = http.genReqId!({ headers: { 'x-request-id': 'abc-1' } } as unknown as IncomingMessage, res);
    expect(id).toBe('abc-1');
    expect(headers['X-Request-Id']).toBe('abc-1');
  });

  it('logs a request by method, url and address only: no headers, so no API key', () => {
    const req = { method: 'POST', url: '/jobs', remoteAddress: '127.0.0.1', headers: { 'x-api-key': 'rq_secret' } };
    expect(http.serializers!.req(req)).toEqual({ method: 'POST', url: '/jobs', remoteAddress: '127.0.0.1' });
    expect(http.serializers!.res({ statusCode: 201, headers: { 'set-cookie': 'x' } })).toEqual({ statusCode: 201 });
  });

  it('logs a key sent as ?X-Auth-Token= as redacted', () => {
    const req = { method: 'GET', url: '/judge0/languages?a=1&X-Auth-Token=rq_secret&b=2', remoteAddress: '127.0.0.1' };
    expect(http.serializers!.req(req).url).toBe('/judge0/languages?a=1&X-Auth-Token=[redacted]&b=2');
  });

  it('writes no access line for probes and scrapes', () => {
    const ignore = (http.autoLogging as { ignore: (req: IncomingMessage) => boolean }).ignore;
    for (const url of ['/health', '/health/ready', '/metrics', '/metrics/backlog']) expect(ignore({ url } as IncomingMessage)).toBe(true);
    for (const url of ['/jobs', '/healthz-not', '/execute']) expect(ignore({ url } as IncomingMessage)).toBe(false);
  });
});
