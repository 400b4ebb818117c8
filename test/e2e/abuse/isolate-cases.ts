import type { Outcome } from '../../../libs/contracts/src';

/** A finished isolate job as the abuse checks read it. */
export interface IsolateJob {
  status: string;
  outcome: string | null;
  result: unknown;
  error: { name: string; message: string } | null;
  logs: { level: string; message: string }[] | null;
  logsTruncated: boolean;
  timings: { isolation?: string } | null;
}

/** Hostile JavaScript for isolate mode: each must end with its outcome, and its neighbours must not notice. */
export interface IsolateCase {
  name: string;
  /** Shown in docs/security.md: what the case does. */
  what: string;
  code: string;
  limits?: { timeoutMs?: number; cpuTimeMs?: number; memoryMb?: number };
  outcome: Outcome | Outcome[];
  check?: (job: IsolateJob) => void;
}

function expectThat(ok: boolean, why: string): void {
  if (!ok) throw new Error(why);
}

const QUICK = { timeoutMs: 2000, cpuTimeMs: 1500 };

export const ISOLATE_CASES: IsolateCase[] = [
  { name: 'busy loop', what: '`while (true) {}`', code: 'while (true) {}', limits: QUICK, outcome: 'timeout' },
  {
    name: 'memory bomb',
    what: 'grows an array of arrays until the isolate heap limit',
    code: 'const a = []; while (true) a.push(new Array(1e5).fill(a.length));',
    limits: { timeoutMs: 20_000, memoryMb: 64 },
    outcome: 'memory_limit',
  },
  {
    name: 'array buffer bomb',
    what: 'allocates 100 MB ArrayBuffers outside the JavaScript heap',
    code: 'const k = []; for (let i = 0; i < 100; i++) k.push(new ArrayBuffer(100 * 1024 * 1024)); k.length',
    limits: { timeoutMs: 20_000, memoryMb: 64 },
    outcome: ['runtime_error', 'memory_limit'],
    check: (job) => expectThat(job.result === null, 'the allocations must not succeed'),
  },
  {
    name: 'deep recursion',
    what: 'unbounded recursion',
    code: 'function f(n) { return f(n + 1) + 1; } f(0)',
    outcome: 'runtime_error',
    check: (job) => expectThat(job.error?.name === 'RangeError', `expected a RangeError, got ${job.error?.name}`),
  },
  {
    name: 'huge string result',
    what: 'returns a 64 MB string',
    code: '"x".repeat(64 * 1024 * 1024)',
    limits: { timeoutMs: 20_000, memoryMb: 256 },
    outcome: 'runtime_error',
    check: (job) => expectThat(job.error?.name === 'ResultError', `expected a ResultError, got ${job.error?.name}`),
  },
  {
    name: 'huge array result',
    what: 'returns an array of 5 million numbers',
    code: 'Array.from({ length: 5e6 }, (_, i) => i)',
    limits: { timeoutMs: 20_000, memoryMb: 256 },
    outcome: ['runtime_error', 'memory_limit'],
  },
  {
    name: 'log flood',
    what: 'writes a million log lines',
    code: 'for (let i = 0; i < 1e6; i++) console.log("line", i); "done"',
    limits: { timeoutMs: 20_000, cpuTimeMs: 20_000 },
    outcome: 'ok',
    check: (job) => expectThat(job.logsTruncated && (job.logs?.length ?? 0) < 5000, 'logs must be capped'),
  },
  {
    name: 'never-resolving promise',
    what: 'returns a promise that never settles',
    code: 'new Promise(() => {})',
    limits: QUICK,
    outcome: ['runtime_error', 'timeout'],
  },
  {
    name: 'microtask flood',
    what: 'an endless chain of microtasks',
    code: 'const spin = () => Promise.resolve().then(spin); spin(); new Promise(() => {})',
    limits: QUICK,
    // The chain grows the heap: whichever limit comes first ends it.
    outcome: ['timeout', 'memory_limit'],
  },
  {
    name: 'timer flood',
    what: 'a thousand intervals of 0 ms',
    code: 'for (let i = 0; i < 1000; i++) setInterval(() => {}, 0); new Promise(() => {})',
    limits: QUICK,
    outcome: 'timeout',
  },
  {
    name: 'Atomics.wait',
    what: 'blocks forever on a SharedArrayBuffer',
    code: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)',
    limits: QUICK,
    outcome: 'timeout',
  },
  {
    name: 'WebAssembly',
    what: 'instantiates a WebAssembly module (its memory would live outside the heap limit)',
    code: 'new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))',
    outcome: 'runtime_error',
    check: (job) => expectThat(job.error?.name === 'ReferenceError', `WebAssembly must be absent, got ${job.error?.name}`),
  },
  {
    name: 'host objects',
    what: 'looks for process, require, Deno, Bun, and for the host through the Function and generator constructors',
    code: `[typeof process, typeof require, typeof Deno, typeof Bun, typeof global, typeof module,
      this.constructor.constructor("return typeof process")(),
      (function* () {}).constructor("yield typeof process")().next().value]`,
    outcome: 'ok',
    check: (job) =>
      expectThat(
        JSON.stringify(job.result) === JSON.stringify(Array(8).fill('undefined')),
        `host objects reachable: ${JSON.stringify(job.result)}`,
      ),
  },
];

/** A job that leaves every kind of state it can behind; the next job must see none of it. */
export const POLLUTER = `
  Object.prototype.polluted = "yes"; Array.prototype.includes = () => true; JSON.stringify = () => '"hijacked"';
  globalThis.leaked = 1; setInterval(() => { globalThis.late = 1 }, 1); new Promise(() => {}); "polluted"`;
export const POLLUTION_PROBE = `[typeof ({}).polluted, [1].includes(2), typeof leaked, typeof late, JSON.stringify({ a: 1 })]`;
export const CLEAN = ['undefined', false, 'undefined', 'undefined', '{"a":1}'];
