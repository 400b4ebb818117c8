import type { LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['error', 'warn', 'log', 'debug'];

/** Nest's logger levels up to and including the configured one (RUNQ_LOG_LEVEL). */
export function logLevels(level: 'error' | 'warn' | 'log' | 'debug'): LogLevel[] {
  return ORDER.slice(0, ORDER.indexOf(level) + 1);
}
