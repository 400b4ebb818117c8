import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchProgram } from './programs';

/** Runs argv to completion; resolves with its stdout, rejects on a non-zero exit. */
function exec(argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${argv[0]} exited ${code}: ${err.slice(0, 300)}`))));
  });
}

/**
 * Baseline A: what a naive Docker runner does, one hardened `docker run --rm` per call with
 * the same flags runq's containers get (no network, read-only root, tmpfs, non-root, no
 * capabilities, memory/swap, pids, CPUs, init, no logs).
 */
export function dockerRun(program: BenchProgram, imagePrefix: string): () => Promise<void> {
  const argv = [
    'docker',
    'run',
    '--rm',
    '--network',
    'none',
    '--read-only',
    '--tmpfs',
    '/work:rw,exec,nosuid,nodev,size=64m,mode=1777',
    '--tmpfs',
    '/tmp:rw,noexec,nosuid,nodev,size=32m,mode=1777',
    '--user',
    '65534:65534',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--memory',
    '128m',
    '--memory-swap',
    '128m',
    '--pids-limit',
    '64',
    `--cpus=${program.cpus}`,
    '--ipc',
    'none',
    '--init',
    '--log-driver',
    'none',
    '--workdir',
    '/work',
    `${imagePrefix}${program.image}:latest`,
    ...program.dockerArgv,
  ];
  return async () => void (await exec(argv));
}

/** Baseline B: the bare program as a host process, the physical floor. Null when the host lacks the toolchain. */
export function hostRun(program: BenchProgram): (() => Promise<void>) | null {
  let argv = program.hostArgv;
  if (program.language === 'c') {
    try {
      const dir = mkdtempSync(join(tmpdir(), 'runq-bench-'));
      writeFileSync(join(dir, 'main.c'), program.code);
      execFileSync('gcc', ['-O2', '-o', join(dir, 'main'), join(dir, 'main.c')]);
      argv = [join(dir, 'main')];
    } catch {
      return null;
    }
  }
  if (argv && argv[0] === 'python3') {
    // The interpreter itself, not a version-manager shim in front of it (pyenv's adds ~100 ms).
    try {
      argv = [execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim(), ...argv.slice(1)];
    } catch {
      return null;
    }
  }
  if (!argv || (argv[0].startsWith('/') && !existsSync(argv[0]))) return null;
  const command = argv;
  return async () => void (await exec(command));
}
