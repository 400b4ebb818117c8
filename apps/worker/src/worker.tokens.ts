import { hostname } from 'node:os';
import { createHash, randomBytes } from 'node:crypto';

export const WORKER_ID = Symbol('WORKER_ID');
export const DOCKER = Symbol('DOCKER');
/** Labels on every sandbox container of this worker: its id and its fleet. */
export const SANDBOX_LABELS = Symbol('SANDBOX_LABELS');

export function makeWorkerId(configured: string | undefined): string {
  return configured || `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** The fleet is the Redis (host, port, db) the workers share; the password stays out of the label. */
export function fleetIdOf(redisUrl: string): string {
  const url = new URL(redisUrl);
  return createHash('sha256').update(`${url.hostname}:${url.port}${url.pathname}`).digest('hex').slice(0, 12);
}
