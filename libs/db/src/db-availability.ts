/**
 * True when an error means Postgres could not be reached or dropped the connection (a
 * restart, a failover), as opposed to a bad query: the same call may succeed later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, meta } = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } };
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const cause = meta?.driverAdapterError?.cause;
  if (cause?.kind && UNAVAILABLE_KINDS.has(cause.kind)) return true;
  if (cause?.originalCode && /^(08|57P0)/.test(cause.originalCode)) return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}

/** Prisma's connection errors, and node-postgres' socket errors. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/** Driver-adapter error kinds that describe the connection, not the statement. */
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseAccessDenied',
]);
const UNAVAILABLE_MESSAGE =
  /Can't reach database|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect|Server has closed the connection|ECONNREFUSED|ECONNRESET/i;
