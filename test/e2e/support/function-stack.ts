import { Stack } from './stack';

/**
 * A stack for the function-mode suites: on a Redis database of its own (workers of other
 * suites, which have no egress policy, must not take its jobs), with an egress policy that
 * allows `allow` and, of loopback, only the test's WireMock port.
 */
export function startFunctionStack(name: string, redisDb: number, allow: string, wiremockPort: number, env: NodeJS.ProcessEnv = {}) {
  const redis = new URL(process.env.REDIS_URL!);
  redis.pathname = `/${redisDb}`;
  return Stack.start(name, {
    env: {
      REDIS_URL: redis.toString(),
      RUNQ_EGRESS_ALLOW: allow,
      RUNQ_EGRESS_ALLOW_PRIVATE: `127.0.0.1:${wiremockPort}`,
      RUNQ_EGRESS_TIMEOUT_MS: '3000',
      ...env,
    },
  });
}

/**
 * POST /execute with generous limits (the machine may be busy; no case depends on the job's
 * own time limit unless it sets one), answering the finished job; anything but a 200 throws.
 */
export async function executeFunction(stack: Stack, body: object) {
  const res = await stack.request('POST', '/execute?waitMs=60000', {
    body: { limits: { timeoutMs: 20_000 }, ...body },
    key: stack.userKey,
  });
  if (res.status !== 200) throw new Error(`POST /execute answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
