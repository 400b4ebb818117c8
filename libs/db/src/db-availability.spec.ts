import { isDatabaseUnavailable } from './db-availability';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises Prisma connection errors by code', () => {
    expect(isDatabaseUnavailable(withCode('P1001', "Can't reach database server at 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(withCode('P1017'))).toBe(true);
  });

  it('recognises driver-adapter causes and Postgres admin shutdown codes', () => {
    const notReachable = Object.assign(new Error('x'), { meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } });
    const adminShutdown = Object.assign(new Error('x'), {
      meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '57P01' } } },
    });
    expect(isDatabaseUnavailable(notReachable)).toBe(true);
    expect(isDatabaseUnavailable(adminShutdown)).toBe(true);
  });

  it('recognises node-postgres messages of a dropped or refused connection', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('the database system is starting up'))).toBe(true);
  });

  it('does not take query errors or non-errors for an outage', () => {
    expect(isDatabaseUnavailable(withCode('P2025', 'Record to update not found.'))).toBe(false);
    const syntax = Object.assign(new Error('syntax error'), {
      meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '42601' } } },
    });
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable('P1001')).toBe(false);
  });
});
