import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export const WORKER_ID = Symbol('WORKER_ID');
export const DOCKER = Symbol('DOCKER');

export function makeWorkerId(configured: string | undefined): string {
  return configured || `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
