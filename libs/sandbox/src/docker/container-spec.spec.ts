import {
  buildContainerSpec,
  GVISOR_PIDS_BASE,
  GVISOR_PIDS_PER_PROCESS,
  processLimits,
  tmpfsSizes,
  type SandboxProfile,
} from './container-spec';

const MiB = 1024 * 1024;

function spec(profile: Partial<SandboxProfile> = {}, labels: Record<string, string> = { 'runq.job': 'j1' }) {
  return buildContainerSpec({
    image: 'runq/python:latest',
    cmd: ['/opt/runq/run', '5.000', 'python3', 'main.py'],
    profile: { memoryMb: 256, cpus: 0.5, processes: 64, runtime: 'runc', ...profile },
    labels,
  });
}

describe('buildContainerSpec', () => {
  it('passes image and command through', () => {
    const created = spec();
    expect(created.Image).toBe('runq/python:latest');
    expect(created.Cmd).toEqual(['/opt/runq/run', '5.000', 'python3', 'main.py']);
  });

  it('cuts the container off the network', () => {
    const created = spec();
    expect(created.NetworkDisabled).toBe(true);
    expect(created.HostConfig?.NetworkMode).toBe('none');
  });

  it('runs unprivileged, as nobody, with no capabilities and no privilege escalation', () => {
    const created = spec();
    const host = created.HostConfig!;
    expect(created.User).toBe('65534:65534');
    expect(host.Privileged).toBe(false);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd ?? []).toEqual([]);
    expect(host.SecurityOpt).toContain('no-new-privileges');
  });

  it('has a read-only root, an empty environment, no IPC sharing, an init and no logs', () => {
    const created = spec();
    const host = created.HostConfig!;
    expect(host.ReadonlyRootfs).toBe(true);
    expect(created.Env).toEqual([]);
    expect(host.IpcMode).toBe('none');
    expect(host.Init).toBe(true);
    expect(host.LogConfig?.Type).toBe('none');
  });

  it('mounts nothing from the host (in particular no docker socket)', () => {
    const created = spec();
    const host = created.HostConfig!;
    expect(host.Binds).toBeUndefined();
    expect(host.Mounts).toBeUndefined();
    expect(host.VolumesFrom).toBeUndefined();
    expect(created.Volumes).toBeUndefined();
    expect(JSON.stringify(created)).not.toContain('docker.sock');
  });

  it('bounds memory without swap, CPU and processes from the profile', () => {
    const host = spec({ memoryMb: 300, cpus: 1.25, processes: 17 }).HostConfig!;
    expect(host.Memory).toBe(300 * MiB);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.NanoCpus).toBe(1_250_000_000);
    expect(host.PidsLimit).toBe(17);
  });

  it('rounds fractional CPUs to whole nanocpus', () => {
    expect(spec({ cpus: 0.3333333333 }).HostConfig!.NanoCpus).toBe(333_333_333);
  });

  it('mounts /work executable and /tmp noexec as tmpfs sized from the memory limit', () => {
    const memoryMb = 512;
    const { workMb, tmpMb } = tmpfsSizes(memoryMb);
    const tmpfs = spec({ memoryMb }).HostConfig!.Tmpfs!;
    expect(Object.keys(tmpfs).sort()).toEqual(['/tmp', '/work']);

    const work = tmpfs['/work'].split(',');
    expect(work).toContain('exec');
    expect(work).not.toContain('noexec');
    expect(work).toEqual(expect.arrayContaining(['nosuid', 'nodev', `size=${workMb}m`]));

    const tmp = tmpfs['/tmp'].split(',');
    expect(tmp).toContain('noexec');
    expect(tmp).not.toContain('exec');
    expect(tmp).toEqual(expect.arrayContaining(['nosuid', 'nodev', `size=${tmpMb}m`]));
  });

  it('labels the container as managed by runq, together with the given labels', () => {
    const labels = spec({}, { 'runq.job': 'abc', 'runq.stage': 'run' }).Labels;
    expect(labels).toEqual({ 'runq.managed': '1', 'runq.job': 'abc', 'runq.stage': 'run' });
  });

  it('keeps stdin open for the job tar and attaches the output streams', () => {
    const created = spec();
    expect(created).toMatchObject({
      OpenStdin: true,
      StdinOnce: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
  });

  it('sets no Runtime for runc', () => {
    expect(spec({ runtime: 'runc' }).HostConfig).not.toHaveProperty('Runtime');
  });

  it('sets Runtime for any other runtime', () => {
    expect(spec({ runtime: 'runsc' }).HostConfig!.Runtime).toBe('runsc');
  });

  it('bounds processes with the pids cgroup alone under runc (RLIMIT_NPROC would count the whole host uid)', () => {
    const host = spec({ runtime: 'runc', processes: 16 }).HostConfig!;
    expect(host.PidsLimit).toBe(16);
    expect(host.Ulimits!.map((u) => u.Name)).not.toContain('nproc');
  });

  it('under gVisor bounds the program by RLIMIT_NPROC and leaves the cgroup room for the sandbox kernel', () => {
    // With PidsLimit = processes, a runsc sandbox died (exit 2) before the program ran.
    const host = spec({ runtime: 'runsc', processes: 16 }).HostConfig!;
    expect(host.Ulimits).toContainEqual({ Name: 'nproc', Soft: 16, Hard: 16 });
    expect(host.PidsLimit).toBe(GVISOR_PIDS_BASE + GVISOR_PIDS_PER_PROCESS * 16);
    expect(processLimits(4, 'runsc').pidsLimit).toBeGreaterThanOrEqual(48); // the least a runsc sandbox starts with
  });
});

describe('tmpfsSizes', () => {
  it('gives /work half and /tmp a quarter of the memory', () => {
    expect(tmpfsSizes(512)).toEqual({ workMb: 256, tmpMb: 128 });
    expect(tmpfsSizes(129)).toEqual({ workMb: 64, tmpMb: 32 });
  });

  it('never goes below 16 MB', () => {
    expect(tmpfsSizes(16)).toEqual({ workMb: 16, tmpMb: 16 });
    expect(tmpfsSizes(40)).toEqual({ workMb: 20, tmpMb: 16 });
  });
});

describe('buildContainerSpec environment', () => {
  it('carries only the variables the language declares', () => {
    const spec = buildContainerSpec({
      image: 'i',
      cmd: ['x'],
      env: ['HOME=/tmp'],
      profile: { memoryMb: 64, cpus: 1, processes: 16, runtime: 'runc' },
      labels: {},
    });
    expect(spec.Env).toEqual(['HOME=/tmp']);
  });
});
