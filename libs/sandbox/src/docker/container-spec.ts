import type { ContainerCreateOptions } from 'dockerode';

export const MANAGED_LABEL = 'runq.managed';
export const JOB_LABEL = 'runq.job';
export const WORKER_LABEL = 'runq.worker';
/** Workers sharing one Redis form a fleet; orphan clean-up never touches another fleet's containers. */
export const FLEET_LABEL = 'runq.fleet';
export const SANDBOX_USER = '65534:65534';

export interface SandboxProfile {
  memoryMb: number;
  cpus: number;
  processes: number;
  runtime: string;
}

export interface ContainerSpecInput {
  image: string;
  cmd: string[];
  /** The language's own variables (HOME, caches); never secrets. Empty otherwise. */
  env?: string[];
  profile: SandboxProfile;
  labels: Record<string, string>;
  /** Host directories mounted read-only (the egress socket for jobs that may use the network). */
  readOnlyMounts?: { source: string; target: string }[];
}

const MiB = 1024 * 1024;

/**
 * Under gVisor the host's pids cgroup counts the sandbox kernel's own threads and, on the
 * ptrace platform, a stub per guest process (measured: about 40, plus about 5 per guest
 * process), so `processes` as a cgroup limit would kill the sandbox before the program
 * starts. There the guest's limit is RLIMIT_NPROC, which gVisor enforces per sandbox
 * (threads included), and the cgroup stays as a backstop sized for that overhead. Under
 * runc RLIMIT_NPROC would count every process of uid 65534 on the host, so it is not set.
 */
export const GVISOR_PIDS_BASE = 64;
export const GVISOR_PIDS_PER_PROCESS = 8;

export function isGvisor(runtime: string): boolean {
  return /^runsc\b/.test(runtime);
}

/** The pids cgroup limit and, under gVisor, the RLIMIT_NPROC that bounds the program's processes. */
export function processLimits(processes: number, runtime: string): { pidsLimit: number; nproc: number | null } {
  if (!isGvisor(runtime)) return { pidsLimit: processes, nproc: null };
  return { pidsLimit: GVISOR_PIDS_BASE + GVISOR_PIDS_PER_PROCESS * processes, nproc: processes };
}

/** tmpfs sizes follow the memory limit: tmpfs pages are charged to the container anyway. */
export function tmpfsSizes(memoryMb: number): { workMb: number; tmpMb: number } {
  return { workMb: Math.max(16, Math.floor(memoryMb / 2)), tmpMb: Math.max(16, Math.floor(memoryMb / 4)) };
}

/**
 * The hardened container every stage runs in: no network, no capabilities, read-only
 * root, non-root user, empty environment, bounded memory/CPU/pids/files, and stdin
 * left open so the job arrives as a tar stream (the host never writes into it).
 */
export function buildContainerSpec({ image, cmd, env, profile, labels, readOnlyMounts }: ContainerSpecInput): ContainerCreateOptions {
  const { workMb, tmpMb } = tmpfsSizes(profile.memoryMb);
  const memory = profile.memoryMb * MiB;
  const { pidsLimit, nproc } = processLimits(profile.processes, profile.runtime);
  return {
    Image: image,
    Cmd: cmd,
    Env: [...(env ?? [])],
    User: SANDBOX_USER,
    WorkingDir: '/work',
    Hostname: 'sandbox',
    Labels: { [MANAGED_LABEL]: '1', ...labels },
    NetworkDisabled: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: {
        '/work': `rw,exec,nosuid,nodev,size=${workMb}m,mode=1777`,
        '/tmp': `rw,noexec,nosuid,nodev,size=${tmpMb}m,mode=1777`,
      },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      PidsLimit: pidsLimit,
      Memory: memory,
      MemorySwap: memory,
      MemorySwappiness: 0,
      NanoCpus: Math.round(profile.cpus * 1e9),
      Ulimits: [
        { Name: 'nofile', Soft: 512, Hard: 512 },
        { Name: 'fsize', Soft: workMb * MiB, Hard: workMb * MiB },
        { Name: 'core', Soft: 0, Hard: 0 },
        ...(nproc === null ? [] : [{ Name: 'nproc', Soft: nproc, Hard: nproc }]),
      ],
      IpcMode: 'none',
      Init: true,
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
      Privileged: false,
      ...(readOnlyMounts?.length
        ? {
            Mounts: readOnlyMounts.map(({ source, target }) => ({ Type: 'bind' as const, Source: source, Target: target, ReadOnly: true })),
          }
        : {}),
      ...(profile.runtime && profile.runtime !== 'runc' ? { Runtime: profile.runtime } : {}),
    },
  };
}
