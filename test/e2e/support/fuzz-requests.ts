import fc from 'fast-check';
import { bodyOf, jobBody, jsonish, keyBody, nasty } from './fuzz-bodies';

/**
 * Requests for the API fuzz test (test/e2e/fuzz.e2e-spec.ts): every endpoint, with mutated
 * and malformed bodies, hostile path parameters, shaped-but-wrong query values, bad
 * credentials and odd headers. Keys and ids are filled in by the test once its stack runs.
 */
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
export interface FuzzRequest {
  method: Method;
  path: string;
  headers: Record<string, string>;
  /** Text, or bytes as they go on the wire (to send what is not UTF-8). */
  body?: string | Buffer;
}

const ID = '00000000-0000-4000-8000-000000000000';

/** Values shaped like what each query parameter expects, and near misses of it (arbitraries built once: cheap to draw). */
const PARAMS = ['wait', 'waitMs', 'base64', 'status', 'language', 'limit', 'cursor', 'ids', 'x', '__proto__'];
const shapedValue: Record<string, fc.Arbitrary<string>> = {
  ids: fc
    .array(fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-fA-F-]{36}$/), nasty), { minLength: 1, maxLength: 4 })
    .map((ids) => ids.join(',')),
  waitMs: fc.oneof(fc.integer({ min: -10, max: 10_000 }), fc.double()).map(String),
  limit: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double()).map(String),
  cursor: fc.oneof(
    fc.base64String({ maxLength: 80 }),
    fc.string().map((t) => Buffer.from(t).toString('base64url')),
  ),
  status: fc.constantFrom('queued', 'running', 'completed', 'failed', 'cancelled', 'QUEUED', ''),
};
const common = fc.constantFrom('true', 'false', '1', 'queued', 'python');
const paramArbs = Object.fromEntries(
  PARAMS.map((name) => [name, fc.oneof(shapedValue[name] ?? nasty, nasty, common).map((value) => [name, value] as [string, string])]),
);

const queryOver = (names: string[]) =>
  fc
    .uniqueArray(fc.constantFrom(...names), { maxLength: 3 })
    .chain((picked) => fc.tuple(...picked.map((name) => paramArbs[name])))
    .map((pairs) => {
      const text = new URLSearchParams(pairs).toString();
      return text ? `?${text}` : '';
    });
const query = queryOver(PARAMS);
/** GET /jobs gets only its own parameters, so that its values (not unknown names) are what is tested. */
const listQuery = queryOver(['status', 'language', 'limit', 'cursor', 'ids', 'base64']);

/** encodeURIComponent refuses unpaired surrogates: those travel as U+FFFD, and as their raw bytes below. */
const inPath = (s: string) => encodeURIComponent(s.replace(/\p{Cs}/gu, '\ufffd'));

const pathParam = fc.oneof(
  nasty.map(inPath),
  fc.constantFrom('%E0%A4%A', '%', '..%2F..%2Fetc', '%ED%A0%80', '%FF', ID, 'not-a-uuid'),
  fc.constant('VICTIM'),
);

const route = fc.oneof(
  fc.record({ method: fc.constant<Method>('POST'), path: fc.constantFrom('/jobs', '/execute', '/jobs/batch'), body: bodyOf(jobBody) }),
  fc.record({ method: fc.constant<Method>('GET'), path: fc.constant('/jobs') }),
  fc.record({
    method: fc.constant<Method>('GET'),
    path: fc.constantFrom('/jobs', '/languages', '/webhooks/secret', '/metrics/backlog', '/health', '/health/ready', '/keys'),
  }),
  fc.record({
    method: fc.constant<Method>('GET'),
    path: fc.constantFrom(
      '/metrics',
      '/docs/openapi.json',
      '/',
      '/admin',
      '/playground',
      '/playground/examples',
      '/admin/api/overview',
      '/admin/api/stats',
      '/admin/api/keys',
      '/admin/api/session',
      '/admin/queues',
    ),
  }),
  fc.record({ method: fc.constant<Method>('GET'), path: query.map((q) => `/admin/api/jobs${q}`) }),
  fc.record({ method: fc.constantFrom<Method>('GET', 'POST'), path: query.map((q) => `/metrics${q}`) }),
  fc.record({ method: fc.constant<Method>('GET'), path: query.map((q) => `/metrics/backlog${q.replace('x=', 'pool=')}`) }),
  fc.record({
    method: fc.constantFrom<Method>('GET', 'DELETE'),
    path: pathParam.map((id) => `/admin/api/jobs/${id}`),
  }),
  fc.record({
    method: fc.constant<Method>('POST'),
    path: fc.tuple(pathParam, fc.constantFrom('cancel', 'rerun')).map(([id, action]) => `/admin/api/jobs/${id}/${action}`),
    body: bodyOf(jsonish),
  }),
  fc.record({ method: fc.constantFrom<Method>('POST', 'DELETE'), path: fc.constant('/admin/api/session'), body: bodyOf(keyBody) }),
  fc.record({ method: fc.constantFrom<Method>('GET', 'POST'), path: pathParam.map((id) => `/jobs/${id}`) }),
  fc.record({ method: fc.constant<Method>('POST'), path: pathParam.map((id) => `/jobs/${id}/cancel`), body: bodyOf(jsonish) }),
  fc.record({ method: fc.constant<Method>('POST'), path: fc.constant('/keys'), body: bodyOf(keyBody) }),
  fc.record({
    method: fc.constantFrom<Method>('GET', 'PATCH', 'DELETE', 'PUT'),
    path: pathParam.map((id) => `/keys/${id}`),
    body: bodyOf(keyBody),
  }),
  fc.record({ method: fc.constantFrom<Method>('GET', 'POST', 'DELETE'), path: nasty.map((s) => `/${inPath(s)}`) }),
);

const credentials = fc.constantFrom('none', 'user', 'user', 'user', 'admin', 'admin', 'admin', 'garbage', 'bearer-user', 'bearer-garbage');

const headerValue = fc.string({ maxLength: 300 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
  'application/json; charset=latin1',
  'none',
);

/** What is drawn; keys and ids are filled in once the stack exists. */
export interface Drawn {
  method: Method;
  path: string;
  body: string | Buffer | undefined;
  auth: string;
  contentType: string;
  idempotency: string | null;
}

export const request: fc.Arbitrary<Drawn> = fc
  .record({
    route,
    query,
    listQuery,
    auth: credentials,
    contentType,
    // Mostly absent; when present, usually malformed.
    idempotency: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: headerValue }),
  })
  .map(({ route: r, query: q, listQuery: lq, auth, contentType: ct, idempotency }) => ({
    method: r.method,
    path: r.path + (r.method === 'GET' && r.path === '/jobs' ? lq : q),
    body: 'body' in r ? (r.body as string | Buffer) : undefined,
    auth,
    contentType: ct,
    idempotency,
  }));
