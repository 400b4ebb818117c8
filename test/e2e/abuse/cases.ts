import type { Outcome } from '../../../libs/contracts/src';

export type Runtime = 'runc' | 'runsc';

/** What a case's code may refer to: host facts it aims at and its own unique token. */
export interface CaseContext {
  runtime: Runtime;
  /** Unique per case: files it tries to leave and processes it tries to keep carry it in their names. */
  token: string;
  marker: string;
  secret: string;
  gateway: string;
  redisPort: number;
  pgPort: number;
  /** Values that must never reach a sandbox (database and Redis URLs, API keys). */
  secrets: string[];
}

export interface JobView {
  status: string;
  outcome: string | null;
  message: string | null;
  attempts: number;
  run: {
    stdout: string;
    stderr: string;
    encoding: string;
    exitCode: number | null;
    signal: string | null;
    wallMs: number | null;
    memoryBytes: number | null;
    truncated: boolean;
  } | null;
  totalMs: number | null;
  timings: { runtime?: string; warm?: boolean } | null;
  artifacts?: { name: string; size: number; truncated: boolean; base64?: string }[] | null;
}

interface BaseCase {
  name: string;
  /** Shown in docs/security.md: what the case does. */
  what: string;
}

/** A job that runs: it must end `completed` with this outcome (per runtime where they differ). */
export interface RunCase extends BaseCase {
  kind: 'run';
  body: (ctx: CaseContext) => Record<string, unknown>;
  /** The outcome, per runtime where they differ; a list where either is right (see `why`). */
  outcome: Outcome | Outcome[] | Record<Runtime, Outcome | Outcome[]>;
  /** Why the outcome differs between runtimes or is not unique. */
  why?: string;
  /** Extra assertions on the finished job (throw to fail). */
  check?: (job: JobView, ctx: CaseContext) => void;
}

/** A request the API must refuse with a 4xx naming the field (never a 5xx). */
export interface RejectCase extends BaseCase {
  kind: 'reject';
  /** A body, or raw JSON text. */
  body: (ctx: CaseContext) => object | string;
  status: number;
  message: RegExp;
}

export type AbuseCase = RunCase | RejectCase;

const MiB = 1024 * 1024;
const bash = (code: string, limits: Record<string, number> = {}, extra: Record<string, unknown> = {}) => ({
  language: 'bash',
  code,
  limits: { timeoutMs: 2000, ...limits },
  ...extra,
});
const python = (code: string, limits: Record<string, number> = {}, extra: Record<string, unknown> = {}) => ({
  language: 'python',
  code,
  limits: { timeoutMs: 5000, ...limits },
  ...extra,
});

/** Lines `key:value` printed by a case, as a map. */
export function report(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) map[line.slice(0, at)] = line.slice(at + 1);
  }
  return map;
}

function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const noSecrets = (job: JobView, ctx: CaseContext) => {
  const all = `${job.run?.stdout ?? ''}${job.run?.stderr ?? ''}`;
  for (const secret of [...ctx.secrets, ctx.secret])
    expectThat(!all.includes(secret), `the output reveals a host secret (${secret.slice(0, 12)}…)`);
};

// Written as text: JSON.stringify itself cannot nest this deep.
const nestDepth = 100_000;
const nested = (leaf: string) => `${'{"a":'.repeat(nestDepth)}${leaf}${'}'.repeat(nestDepth)}`;
const nestedArray = () => `${'['.repeat(nestDepth)}${']'.repeat(nestDepth)}`;

// Directories a program might try to fill or write to; only /work and /tmp may take anything.
const WRITE_TARGETS = '/ /work /tmp /dev/shm /var/tmp /home /run /dev /dev/mqueue /opt/runq /etc /usr/bin /root /proc /sys/fs/cgroup';

export const ABUSE_CASES: AbuseCase[] = [
  {
    kind: 'run',
    name: 'fork bomb',
    what: 'C: every process forks forever (`for(;;) fork();`), the main one never exits',
    body: () => ({ language: 'c', code: '#include <unistd.h>\nint main(void) { for (;;) fork(); }', limits: { timeoutMs: 5000 } }),
    outcome: { runc: 'timeout', runsc: ['runtime_error', 'timeout'] },
    why: 'under gVisor (ptrace) the host threads of the sandbox kernel keep growing while forks fail, until the pids backstop stops the whole sandbox (after about 2 s on an idle machine: `the sandbox stopped before the program ended`); on a busy machine the time limit may come first',
    check: (job) => {
      if (job.outcome === 'runtime_error') expectThat(/^the sandbox stopped/.test(job.message ?? ''), `message ${job.message}`);
    },
  },
  {
    kind: 'run',
    name: 'fork bomb, classic shell',
    what: 'bash `:(){ :|:& };:`: the main shell exits at once, the bomb goes on in the background',
    body: () => bash(':(){ :|:& };:', { timeoutMs: 2000 }),
    outcome: { runc: ['ok', 'timeout'], runsc: ['ok', 'timeout', 'runtime_error'] },
    why: "the main shell exits at once (ok) unless its own fork already hit the process limit, which bash retries until the time limit (timeout); under gVisor the bomb's host threads may reach the pids backstop first, which stops the sandbox (runtime_error, as for the C fork bomb)",
    check: (job) => {
      if (job.outcome === 'runtime_error') expectThat(/^the sandbox stopped/.test(job.message ?? ''), `message ${job.message}`);
    },
  },
  {
    kind: 'run',
    name: 'memory bomb',
    what: 'Python appends 10 MB blocks forever under a 64 MB limit',
    body: () => python('x = []\nwhile True:\n    x.append(bytearray(10 * 1024 * 1024))', { memoryMb: 64 }),
    outcome: { runc: 'memory_limit', runsc: ['memory_limit', 'runtime_error'] },
    why: "under gVisor the host's OOM killer ends the whole sandbox, and Docker 20.10 sometimes misses the OOM event of a runsc container (1 run in 5 by hand): then `runtime_error`, `the sandbox was killed (SIGKILL) …`",
    check: (job) => {
      if (job.outcome === 'runtime_error') expectThat(/^the sandbox was killed/.test(job.message ?? ''), `message ${job.message}`);
    },
  },
  {
    kind: 'run',
    name: 'memory growth via tmpfs and /dev/shm',
    what: 'writes 1 GB into /work, /tmp and /dev/shm under a 64 MB limit',
    body: (ctx) =>
      bash(
        `for d in /work /tmp /dev/shm; do head -c 1G /dev/zero > "$d/${ctx.token}" 2>/dev/null; echo "$d:$(wc -c < "$d/${ctx.token}" 2>/dev/null || echo none)"; done`,
        { memoryMb: 64, timeoutMs: 10_000 },
      ),
    outcome: { runc: 'ok', runsc: ['memory_limit', 'runtime_error'] },
    why: "gVisor keeps tmpfs files in the sandbox kernel's memory, which shares the container's memory limit with the kernel itself, so 48 MB of files under a 64 MB limit is an OOM kill there (runtime_error when Docker misses the OOM event, as for the memory bomb)",
    check: (job) => {
      if (job.outcome !== 'ok') return;
      const r = report(job.run!.stdout);
      expectThat(Number(r['/work']) <= 32 * MiB, `/work took ${r['/work']} bytes`);
      expectThat(Number(r['/tmp']) <= 16 * MiB, `/tmp took ${r['/tmp']} bytes`);
      expectThat(r['/dev/shm'] === 'none', `/dev/shm took ${r['/dev/shm']}`);
    },
  },
  {
    kind: 'run',
    name: 'disk fill in every writable path',
    what: `tries to write 200 MB into each of ${WRITE_TARGETS}`,
    body: (ctx) =>
      bash(
        `for d in ${WRITE_TARGETS}; do head -c 200M /dev/zero > "$d/${ctx.token}" 2>/dev/null; echo "$d:$(wc -c < "$d/${ctx.token}" 2>/dev/null || echo none)"; done`,
        { timeoutMs: 10_000 },
      ),
    outcome: 'ok',
    check: (job) => {
      const r = report(job.run!.stdout);
      expectThat(Object.keys(r).length === WRITE_TARGETS.split(' ').length, `not every path was tried: ${job.run!.stdout}`);
      for (const [dir, size] of Object.entries(r)) {
        if (dir === '/work') expectThat(Number(size) <= 64 * MiB, `/work took ${size} bytes`);
        else if (dir === '/tmp') expectThat(Number(size) <= 32 * MiB, `/tmp took ${size} bytes`);
        // A POSIX message queue in the container's own IPC namespace, bounded by RLIMIT_MSGQUEUE.
        else if (dir === '/dev/mqueue') expectThat(size === 'none' || Number(size) < 1024, `/dev/mqueue took ${size} bytes`);
        else expectThat(size === 'none', `${dir} took a file of ${size} bytes`);
      }
    },
  },
  {
    kind: 'run',
    name: 'file descriptor exhaustion',
    what: 'opens /dev/null until the kernel refuses',
    body: () =>
      python(
        'import os\nfds = []\ntry:\n    while True:\n        fds.append(os.open("/dev/null", os.O_RDONLY))\nexcept OSError as e:\n    print(f"open:{len(fds)}:{e.errno}")',
      ),
    outcome: 'ok',
    check: (job) => {
      const [, count, errno] = job.run!.stdout.trim().split(':');
      expectThat(Number(count) > 400 && Number(count) <= 512 && errno === '24', `stdout ${job.run!.stdout}`);
    },
  },
  {
    kind: 'run',
    name: 'artifact bomb',
    what: 'asks back `**` after leaving 3000 files, a 40-level tree, a FIFO, a symlink loop and links out, and trying mknod',
    body: (ctx) =>
      python(
        [
          'import os',
          'for i in range(3000): open(f"f{i}", "w").write("x" * 100)',
          'path = "."',
          'for i in range(40):',
          '    path += "/d"',
          '    os.mkdir(path)',
          `    open(path + "/deep", "w").write("${ctx.token}")`,
          'os.mkfifo("fifo")',
          'os.symlink("loop", "loop")',
          'os.symlink("/", "root")',
          'os.symlink("/proc/self/environ", "environ")',
          'try:',
          '    os.mknod("dev", 0o600 | 0o20000, os.makedev(1, 3))',
          '    print("mknod:made")',
          'except OSError as e:',
          '    print(f"mknod:{e.errno}")',
        ].join('\n'),
        { timeoutMs: 10_000 },
        { artifacts: ['**'] },
      ),
    outcome: 'ok',
    why: 'runc refuses mknod (no CAP_MKNOD: `mknod:1`); gVisor makes the node in its own file system (`mknod:made`), which the collector skips as it skips every file that is not regular',
    check: (job) => {
      expectThat(/^mknod:(\d+|made)\n$/.test(job.run!.stdout), `mknod: ${job.run!.stdout}`);
      const artifacts = job.artifacts ?? [];
      // RUNQ_ARTIFACT_MAX_FILES' default; only regular files, none behind a link or a special file.
      expectThat(artifacts.length === 20, `${artifacts.length} artifacts`);
      const names = artifacts.map((a) => a.name);
      const special = names.filter((n) => /^(fifo|loop|root|environ|dev)(\/|$)/.test(n));
      expectThat(special.length === 0, `special files collected: ${special.join(' ')}`);
    },
  },
  {
    kind: 'run',
    name: 'segmentation fault and core dump',
    what: 'C writes through a null pointer; a core file would land in /work',
    body: () => ({
      language: 'c',
      code: '#include <stdio.h>\nint main(void) { puts("before"); fflush(stdout); *(volatile int *)0 = 1; return 0; }',
      limits: { timeoutMs: 5000 },
    }),
    outcome: 'runtime_error',
    check: (job) => {
      expectThat(job.run!.signal === 'SIGSEGV' && job.message === 'killed by SIGSEGV', `signal ${job.run!.signal}, ${job.message}`);
      expectThat(job.run!.stdout === 'before\n', `stdout ${job.run!.stdout}`);
    },
  },
  {
    kind: 'run',
    name: 'output flood on stdout',
    what: '`yes` to stdout with a 64 KiB cap',
    body: () => bash('yes', { outputBytes: 65536 }),
    outcome: 'output_limit',
    check: (job) => {
      expectThat(job.run!.truncated && job.run!.stdout.length === 65536, `stdout kept ${job.run!.stdout.length} bytes`);
    },
  },
  {
    kind: 'run',
    name: 'output flood on stderr',
    what: '`yes >&2` with a 64 KiB cap',
    body: () => bash('yes >&2', { outputBytes: 65536 }),
    outcome: 'output_limit',
    check: (job) => {
      expectThat(job.run!.truncated && job.run!.stderr.length === 65536, `stderr kept ${job.run!.stderr.length} bytes`);
    },
  },
  {
    kind: 'run',
    name: '100k tiny lines',
    what: 'Python writes 100 000 lines, flushing after each',
    body: () =>
      python('import sys\nfor i in range(100000):\n    sys.stdout.write(f"{i}\\n")\n    sys.stdout.flush()', { timeoutMs: 30_000 }),
    outcome: 'ok',
    check: (job) => {
      const expected = Array.from({ length: 100000 }, (_, i) => `${i}\n`).join('');
      expectThat(job.run!.stdout === expected, `stdout differs (${job.run!.stdout.length} bytes, expected ${expected.length})`);
    },
  },
  {
    kind: 'run',
    name: 'binary and invalid UTF-8 output',
    what: 'all 256 byte values on stdout, an invalid UTF-8 sequence on stderr',
    body: () => python('import sys\nsys.stdout.buffer.write(bytes(range(256)) * 4)\nsys.stderr.buffer.write(b"\\xff\\xfe\\xc3\\x28 bad")'),
    outcome: 'ok',
    check: (job) => {
      expectThat(job.run!.encoding === 'base64', `encoding ${job.run!.encoding}`);
      const out = Buffer.from(job.run!.stdout, 'base64');
      const expected = Buffer.concat(Array.from({ length: 4 }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i))));
      expectThat(out.equals(expected), 'stdout bytes differ');
      expectThat(
        Buffer.from(job.run!.stderr, 'base64').equals(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x20, 0x62, 0x61, 0x64])),
        'stderr bytes differ',
      );
    },
  },
  {
    kind: 'run',
    name: 'sleep forever',
    what: '`sleep infinity`, 1.5 s limit',
    body: () => bash('sleep infinity', { timeoutMs: 1500 }),
    outcome: 'timeout',
    check: (job) => expectThat(job.run!.wallMs! >= 1500 && job.run!.wallMs! < 6000, `wallMs ${job.run!.wallMs}`),
  },
  {
    kind: 'run',
    name: 'busy loop',
    what: '`while :; do :; done`, 1.5 s limit',
    body: () => bash('while :; do :; done', { timeoutMs: 1500 }),
    outcome: 'timeout',
  },
  {
    kind: 'run',
    name: 'kill -STOP on itself',
    what: '`kill -STOP $$`',
    body: () => bash('echo before; kill -STOP $$; echo after', { timeoutMs: 1500 }),
    outcome: 'timeout',
    check: (job) => expectThat(job.run!.stdout === 'before\n', `stdout ${JSON.stringify(job.run!.stdout)}`),
  },
  {
    kind: 'run',
    name: 'kill -STOP on its children and itself',
    what: 'stops a child `sleep`, then itself',
    body: (ctx) => bash(`(exec -a ${ctx.token}-child sleep 1000) & kill -STOP $!; kill -STOP $$`, { timeoutMs: 1500 }),
    outcome: 'timeout',
  },
  {
    kind: 'run',
    name: 'kill -STOP on every process it can signal',
    what: '`kill -STOP -1`: the runner and its supervisor included, so only the outside kill is left',
    body: (ctx) => bash(`(exec -a ${ctx.token}-child sleep 1000) & kill -STOP -1; kill -STOP $$`, { timeoutMs: 1500 }),
    outcome: 'timeout',
  },
  {
    kind: 'run',
    name: 'kill -KILL on every process it can signal',
    what: '`kill -KILL -1`: kills the runner before it can report',
    body: () => bash('echo before; kill -KILL -1; sleep 5', { timeoutMs: 3000 }),
    outcome: 'runtime_error',
    check: (job) => expectThat(/^the sandbox was killed \(SIGKILL\)/.test(job.message ?? ''), `message ${job.message}`),
  },
  {
    kind: 'run',
    name: 'background daemon left after exit',
    what: 'a `setsid` daemon and a background child holding stdout, then the main process exits',
    body: (ctx) =>
      bash(
        `setsid sh -c 'exec -a ${ctx.token}-daemon sleep 1000' </dev/null >/dev/null 2>&1 &\n(exec -a ${ctx.token}-holder sleep 1000) &\necho started`,
        { timeoutMs: 10_000 },
      ),
    outcome: 'ok',
    check: (job) => {
      expectThat(job.run!.stdout === 'started\n', `stdout ${JSON.stringify(job.run!.stdout)}`);
      expectThat(job.run!.wallMs! < 5000, `the result waited for the daemon (${job.run!.wallMs} ms)`);
    },
  },
  {
    kind: 'run',
    name: 'zombie storm',
    what: 'forks children that exit at once and are never waited for, until fork fails',
    body: () =>
      python(
        'import os\nn = 0\nfor i in range(5000):\n    try:\n        if os.fork() == 0:\n            os._exit(0)\n        n += 1\n    except OSError as e:\n        print("stopped:" + e.__class__.__name__)\n        break\nprint(f"zombies:{n}")',
        { timeoutMs: 15_000 },
      ),
    outcome: 'ok',
    check: (job) => expectThat(Number(report(job.run!.stdout).zombies) > 10, `stdout ${job.run!.stdout}`),
  },
  {
    kind: 'run',
    name: 'network attempts',
    what: 'DNS, TCP to 1.1.1.1, 169.254.169.254, the Docker bridge gateway, Redis and Postgres ports of the host; UDP to 1.1.1.1:53',
    body: (ctx) =>
      python(
        [
          'import socket',
          'def tcp(host, port):',
          '    s = socket.socket(); s.settimeout(2)',
          '    try:',
          '        s.connect((host, port)); return "CONNECTED"',
          '    except OSError as e:',
          '        return e.__class__.__name__ + " " + str(e.errno)',
          'def dns(name):',
          '    try:',
          '        return "RESOLVED " + str(socket.getaddrinfo(name, 80)[0][4])',
          '    except OSError as e:',
          '        return e.__class__.__name__',
          'def udp():',
          '    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
          '    try:',
          '        s.sendto(b"x", ("1.1.1.1", 53)); return "SENT"',
          '    except OSError as e:',
          '        return e.__class__.__name__ + " " + str(e.errno)',
          'print("dns example.com => " + dns("example.com"))',
          'print("dns deb.debian.org => " + dns("deb.debian.org"))',
          'print("udp 1.1.1.1:53 => " + udp())',
          `for host, port in [("1.1.1.1", 443), ("1.1.1.1", 53), ("169.254.169.254", 80), ("${ctx.gateway}", 2375), ("${ctx.gateway}", 80), ("${ctx.gateway}", ${ctx.redisPort}), ("${ctx.gateway}", ${ctx.pgPort}), ("127.0.0.1", ${ctx.redisPort}), ("127.0.0.1", ${ctx.pgPort})]:`,
          '    print(f"tcp {host}:{port} => " + tcp(host, port))',
          'print("interfaces => " + ",".join(sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").read().splitlines()[2:])))',
        ].join('\n'),
        { timeoutMs: 20_000 },
      ),
    outcome: 'ok',
    check: (job) => {
      const r: Record<string, string> = Object.fromEntries(
        job
          .run!.stdout.split('\n')
          .filter(Boolean)
          .map((l) => l.split(' => ')),
      );
      const attempts = Object.entries(r).filter(([k]) => k !== 'interfaces');
      expectThat(attempts.length === 12, `not every attempt reported: ${job.run!.stdout}`);
      for (const [target, result] of attempts) expectThat(!/CONNECTED|RESOLVED|SENT/.test(result), `${target} succeeded: ${result}`);
      expectThat(!r.interfaces || r.interfaces === 'lo', `interfaces besides lo: ${r.interfaces}`);
    },
  },
  {
    kind: 'run',
    name: 'reading environment variables and /proc/1/environ',
    what: '`env` and the environment of PID 1',
    body: () => bash('env; echo ---; tr "\\0" "\\n" < /proc/1/environ'),
    outcome: 'ok',
    check: (job, ctx) => {
      noSecrets(job, ctx);
      const names = job
        .run!.stdout.split('\n')
        .map((l) => l.split('=')[0])
        .filter((n) => n && n !== '---');
      const allowed = new Set(['PATH', 'HOSTNAME', 'HOME', 'PWD', 'SHLVL', '_', 'OLDPWD', 'LANG', 'LC_ALL', 'TERM']);
      const unexpected = names.filter((n) => !allowed.has(n));
      expectThat(unexpected.length === 0, `unexpected variables: ${unexpected.join(', ')}`);
    },
  },
  {
    kind: 'run',
    name: 'reading /proc/self/mountinfo',
    what: 'lists the mounts the sandbox sees',
    body: () => bash('cat /proc/self/mountinfo'),
    outcome: 'ok',
    check: (job, ctx) => {
      const mounts = job.run!.stdout;
      expectThat(!/docker\.sock/.test(mounts), 'the Docker socket is mounted');
      expectThat(!mounts.includes(ctx.marker), 'a host directory is mounted');
      const root = mounts.split('\n').find((l) => l.split(' ')[4] === '/');
      expectThat(Boolean(root && / ro[ ,]/.test(root)), `the root is not read-only: ${root}`);
      const writable = mounts
        .split('\n')
        .filter((l) => / rw[ ,]/.test(l.split(' - ')[0] ?? ''))
        .map((l) => l.split(' ')[4]);
      // /dev and /sys/fs/cgroup are root-owned tmpfs (mode 755); /proc/keys and /proc/timer_list are masked with /dev/null.
      const allowed = new Set([
        '/work',
        '/tmp',
        '/dev',
        '/dev/pts',
        '/dev/mqueue',
        '/proc',
        '/sys/fs/cgroup',
        '/proc/keys',
        '/proc/timer_list',
      ]);
      const other = writable.filter((m) => !allowed.has(m));
      expectThat(other.length === 0, `writable mounts besides the tmpfs: ${other.join(', ')}`);
    },
  },
  {
    kind: 'run',
    name: 'reading host paths',
    what: '/etc/shadow, /root, the marker directory of the host, /proc/1/root, /var/lib/docker, /proc/sys/kernel/core_pattern',
    body: (ctx) =>
      bash(
        `for p in /etc/shadow /root ${ctx.marker} ${ctx.marker}/secret.txt /proc/1/root/etc/shadow /var/lib/docker /host /proc/sys/kernel/core_pattern; do if { [ -d "$p" ] && ls "$p"; } >/dev/null 2>&1 || { [ ! -d "$p" ] && cat "$p"; } >/dev/null 2>&1; then echo "$p:readable"; else echo "$p:denied"; fi; done; cat ${ctx.marker}/secret.txt /proc/1/root${ctx.marker}/secret.txt 2>&1`,
      ),
    outcome: 'runtime_error',
    check: (job, ctx) => {
      noSecrets(job, ctx);
      const r = report(job.run!.stdout);
      for (const p of [
        '/etc/shadow',
        '/root',
        ctx.marker,
        `${ctx.marker}/secret.txt`,
        '/proc/1/root/etc/shadow',
        '/var/lib/docker',
        '/host',
      ])
        expectThat(r[p] === 'denied', `${p}: ${r[p]}`);
    },
  },
  {
    kind: 'run',
    name: 'writing outside the work dir',
    what: 'overwrites the runner, /etc/passwd, /usr/bin, /proc/sys and cgroup files',
    body: (ctx) =>
      bash(
        `for p in /opt/runq/run /etc/passwd /usr/bin/${ctx.token} /${ctx.token} /proc/sys/kernel/core_pattern /proc/sysrq-trigger /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max ${ctx.marker}/${ctx.token}; do if (echo x > "$p") 2>/dev/null; then echo "$p:written"; else echo "$p:denied"; fi; done`,
      ),
    outcome: 'ok',
    check: (job) => {
      const r = report(job.run!.stdout);
      expectThat(Object.keys(r).length === 9, `not every path was tried: ${job.run!.stdout}`);
      for (const [p, result] of Object.entries(r)) expectThat(result === 'denied', `${p}: ${result}`);
    },
  },
  {
    kind: 'run',
    name: 'symlinks to host paths in every writable location',
    what: 'links to the host marker, /, /etc/shadow and the Docker socket in /work, /tmp, /tmp/runq (over the runner files) and a result dir, then stays alive until killed',
    body: (ctx) =>
      bash(
        [
          'mkdir -p /work/sub /tmp/result 2>/dev/null',
          // Shell built-ins where possible: under gVisor's ptrace platform every process start is slow.
          `for d in /work /work/sub /tmp /tmp/runq /tmp/result; do for t in ${ctx.marker} ${ctx.marker}/secret.txt ${ctx.marker}/sub/keep.txt / /etc/shadow /var/run/docker.sock; do ln -sf "$t" "$d/${ctx.token}-\${t//\\//_}" 2>/dev/null; done; done`,
          `for f in stdin argv nonce timeout; do rm -f /tmp/runq/$f; ln -s ${ctx.marker}/secret.txt /tmp/runq/$f; done`,
          `rm -rf /tmp/result; ln -s ${ctx.marker} /tmp/result; ln -s ${ctx.marker}/sub /work/work`,
          'n=0; for l in /work/* /work/sub/* /tmp/* /tmp/runq/* /tmp/result/*; do [ -L "$l" ] && n=$((n + 1)); done; echo planted:$n',
          'sleep infinity',
        ].join('\n'),
        { timeoutMs: 6000 },
      ),
    outcome: 'timeout',
    check: (job) => expectThat(Number(report(job.run!.stdout).planted) >= 30, `planted ${job.run!.stdout}`),
  },
  {
    kind: 'run',
    name: 'symlinks planted by a judged program',
    what: 'the same links from each test case of a judged job, which then exits normally',
    body: (ctx) =>
      bash(
        `ln -s ${ctx.marker}/secret.txt /work/out; ln -s ${ctx.marker} /tmp/result; ln -s / /tmp/root; cat`,
        {},
        {
          tests: [
            { stdin: 'a', expectedOutput: 'a' },
            { stdin: 'b', expectedOutput: 'b' },
          ],
        },
      ),
    outcome: 'ok',
  },
  {
    kind: 'run',
    name: 'symlinks planted at compile time',
    what: 'Template Haskell runs code inside the compiler: it links /work/planted to the host marker and /work/root to /, which the compile stage hands back in its tar',
    body: (ctx) => ({
      language: 'haskell',
      code: [
        '{-# LANGUAGE TemplateHaskell #-}',
        'import Language.Haskell.TH (runIO)',
        'import System.Process (callCommand)',
        'import System.Directory (doesPathExist)',
        `$(runIO (callCommand "ln -s ${ctx.marker}/secret.txt /work/planted && ln -s / /work/root && ln -s ${ctx.marker} /work/dir") >> return [])`,
        'main :: IO ()',
        'main = mapM doesPathExist ["planted", "root", "dir"] >>= \\found -> putStrLn ("links:" ++ show found)',
      ].join('\n'),
      limits: { timeoutMs: 5000 },
    }),
    outcome: 'ok',
    // The worker keeps regular files only from the compile stage's tar: the links never reach the run stage.
    check: (job) => expectThat(job.run!.stdout === 'links:[False,False,False]\n', `stdout ${job.run!.stdout}`),
  },
  {
    kind: 'run',
    name: 'looking for the Docker socket',
    what: 'searches the file system for sockets and docker.sock',
    body: () =>
      bash(
        'find / -xdev \\( -type s -o -name "docker.sock*" -o -name "containerd.sock*" \\) 2>/dev/null; ls -la /var/run/docker.sock /run/docker.sock 2>&1; true',
        { timeoutMs: 15_000 },
      ),
    outcome: 'ok',
    check: (job) => {
      expectThat(!/^\/.*\.sock$/m.test(job.run!.stdout), `found: ${job.run!.stdout}`);
      expectThat((job.run!.stdout.match(/cannot access/g) ?? []).length === 2, `stdout ${job.run!.stdout}`);
    },
  },
  {
    kind: 'run',
    name: 'setuid binaries',
    what: 'looks for setuid/setgid files, tries setuid(0), and a setuid copy of a shell in /work',
    body: () =>
      bash(
        'echo "suid:$(find / -xdev -perm /6000 -type f 2>/dev/null | tr "\\n" " ")"\ncp /bin/bash /work/sh && chmod 6755 /work/sh && echo "copy:$(/work/sh -p -c "id -u")"\necho "uid:$(id -u)"\necho "setuid0:$(perl -MPOSIX -e "print POSIX::setuid(0) ? q(granted) : qq(denied \\$!)")"',
        { timeoutMs: 15_000 },
      ),
    outcome: 'ok',
    check: (job) => {
      const r = report(job.run!.stdout);
      expectThat(r.suid?.trim() === '', `setuid files: ${r.suid}`);
      expectThat(r.copy === '65534' && r.uid === '65534', `uid ${r.uid}, setuid copy ${r.copy}`);
      expectThat(r.setuid0?.startsWith('denied') === true, `setuid(0): ${r.setuid0}`);
    },
  },
  {
    kind: 'run',
    name: 'huge argv',
    what: '128 arguments of 4096 characters each (the API maximum)',
    body: () =>
      python(
        'import sys\nprint(len(sys.argv) - 1, sum(map(len, sys.argv[1:])))',
        {},
        { args: Array.from({ length: 128 }, (_, i) => String(i % 10).repeat(4096)) },
      ),
    outcome: 'ok',
    check: (job) => expectThat(job.run!.stdout === '128 524288\n', `stdout ${job.run!.stdout}`),
  },
  {
    kind: 'reject',
    name: 'huge argv above the maximum',
    what: '129 arguments',
    body: () => ({ language: 'python', code: 'print(1)', args: Array.from({ length: 129 }, () => 'x') }),
    status: 400,
    message: /args must contain no more than 128 elements/,
  },
  {
    kind: 'reject',
    name: 'a file named ../../x',
    what: '`files: [{name: "../../x"}]`',
    body: () => ({ language: 'python', files: [{ name: '../../x', content: 'print(1)' }] }),
    status: 400,
    message: /files\[0\]\.name/,
  },
  {
    kind: 'reject',
    name: 'code of 1 MiB + 1 byte',
    what: '`code` one byte over the maximum',
    body: () => ({ language: 'python', code: 'x'.repeat(MiB + 1) }),
    status: 400,
    message: /code must be at most 1048576 bytes/,
  },
  {
    kind: 'reject',
    name: 'deeply nested JSON in files',
    what: `${nestDepth} nested arrays as \`files\``,
    body: () => `{"language":"python","files":${nestedArray()}}`,
    status: 400,
    message: /files/,
  },
  {
    kind: 'reject',
    name: 'deeply nested JSON in tests',
    what: `${nestDepth} nested objects as a test case's \`stdin\``,
    body: () => `{"language":"python","code":"print(1)","tests":[{"stdin":${nested('"x"')},"expectedOutput":"1"}]}`,
    status: 400,
    message: /tests/,
  },
  {
    kind: 'reject',
    name: 'deeply nested JSON in limits',
    what: `${nestDepth} nested objects as \`limits.timeoutMs\``,
    body: () => `{"language":"python","code":"print(1)","limits":{"timeoutMs":${nested('1')}}}`,
    status: 400,
    message: /limits\.timeoutMs/,
  },
  {
    kind: 'reject',
    name: 'deeply nested JSON in an unknown field',
    what: `${nestDepth} nested objects in a field the API does not know`,
    body: () => `{"language":"python","code":"print(1)","extra":${nested('1')}}`,
    status: 400,
    message: /^extra\b.*nested more than/,
  },
  {
    kind: 'reject',
    name: 'deeply nested JSON in function inputs',
    what: `${nestDepth} nested objects as a function's \`inputs\``,
    body: () => `{"language":"python","code":"INPUTS","inputs":${nested('1')}}`,
    status: 400,
    message: /^inputs is nested more than/,
  },
];

/** Two well-behaved jobs that run beside every case; their answers must come back right. */
export const NEIGHBOURS = [
  {
    body: {
      language: 'python',
      code: 'import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))',
      stdin: Array.from({ length: 100 }, (_, i) => i + 1).join(' '),
      limits: { timeoutMs: 30_000 },
    },
    stdout: '5050\n',
  },
  { body: { language: 'bash', code: 'read a b; echo $((a * b))', stdin: '6 7\n', limits: { timeoutMs: 30_000 } }, stdout: '42\n' },
];
