import { createHash } from 'node:crypto';
import type { ContainerCreateOptions } from 'dockerode';

/**
 * Two container specs can share warm containers when everything fixed at creation is
 * equal: image, command, environment, and the whole HostConfig (limits, runtime, tmpfs).
 * Labels differ per job and are left out.
 */
export function poolKey(spec: ContainerCreateOptions): string {
  const { Labels: _labels, ...fixed } = spec;
  return createHash('sha256').update(JSON.stringify(fixed)).digest('hex').slice(0, 16);
}
