import type { WorkerHeartbeat, WorkerView } from '#contracts';

/** A heartbeat as the dashboard shows it; pool profiles (image/memory/command) are summed per image. */
export function toWorkerView(beat: WorkerHeartbeat, now: number): WorkerView {
  const pool: Record<string, number> = {};
  for (const [profile, size] of Object.entries(beat.pool?.sizes ?? {})) {
    const image = imageOf(profile);
    pool[image] = (pool[image] ?? 0) + size;
  }
  return {
    id: beat.id,
    host: beat.host,
    pid: beat.pid,
    concurrency: beat.concurrency,
    running: beat.running,
    runtime: beat.runtime,
    dockerOk: beat.docker.ok,
    dockerError: beat.docker.error ?? null,
    languages: Object.keys(beat.languages).length,
    pool,
    poolHits: beat.pool?.hits ?? 0,
    poolMisses: beat.pool?.misses ?? 0,
    isolates: beat.isolates ?? null,
    startedAt: beat.startedAt,
    lastHeartbeat: beat.at,
    heartbeatAgeMs: Math.max(0, now - Date.parse(beat.at)),
  };
}

/** "runq/python:latest/128m//opt/runq/run" (image/memory/command) → "python", whatever the registry prefix. */
function imageOf(profile: string): string {
  const image = /^(.+?)\/\d+m\//.exec(profile)?.[1] ?? profile;
  return image.slice(image.lastIndexOf('/') + 1).split(':')[0] || profile;
}
