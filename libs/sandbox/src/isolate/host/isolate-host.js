'use strict';
/* global Buffer, setTimeout, setInterval, clearTimeout, clearInterval */
/*
 * The sandbox host: a long-lived process inside a hardened container that runs function
 * jobs, each in a fresh V8 isolate (isolated-vm) with its own heap limit and deadlines.
 * It talks to the worker over stdin/stdout in frames (4-byte big-endian length + JSON);
 * it has no network: outbound HTTP is relayed to the worker, which applies the egress policy.
 */
const path = require('node:path');
const { ivm, refillSpare, takeIsolate } = require('./isolate-engine.js');

const MAX_FRAME = 64 * 1024 * 1024;
const CPU_CHECK_MS = 10;
const MAX_LOG_MESSAGE_BYTES = 8192 + 64;

function send(message) {
  const body = Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  process.stdout.write(Buffer.concat([head, body]));
}

const jobs = new Map();
let httpCalls = 0; // numbers the relayed requests
const httpWaiters = new Map();

/** Where user code failed, as the user should see it: only frames in their files. */
function describe(error) {
  if (!error || typeof error !== 'object' || typeof error.message !== 'string') {
    let shown;
    try {
      shown = JSON.stringify(error);
    } catch {
      shown = String(error);
    }
    return { name: 'Error', message: `a non-Error value was thrown: ${shown}`, stack: null, line: null, column: null };
  }
  const all = String(error.stack || `${error.name}: ${error.message}`).split('\n');
  // Frames past the isolate's boundary are the host's own.
  const boundary = all.findIndex((line) => line.includes('<isolated-vm boundary>'));
  const lines = boundary < 0 ? all : all.slice(0, boundary);
  const user = (line) => /[ (]\/work\//.test(line);
  const stack = lines.filter((line) => !/^\s+at /.test(line) || user(line)).join('\n');
  const at = lines.find((line) => /^\s+at /.test(line) && user(line));
  const position = at && /:(\d+):(\d+)\)?\s*$/.exec(at);
  // Errors cross the isolate boundary as their built-in type: the stack's first line keeps the name (EgressError, a user's class).
  const header = /^([A-Za-z_$][\w$]*): /.exec(all[0]);
  return {
    name: (error.name === 'Error' && header ? header[1] : error.name) || 'Error',
    message: error.message,
    stack,
    line: position ? Number(position[1]) : null,
    column: position ? Number(position[2]) : null,
  };
}

/** A parse error: isolated-vm appends "[file:line:column]" to the message. */
function compileError(error) {
  const match = /^(.*) \[(\/work\/[^\]]*):(\d+):(\d+)\]$/.exec(String(error && error.message));
  if (!(error instanceof SyntaxError) || !match) return null;
  const [, message, file, line, column] = match;
  const where = `${path.relative('/work', file)}:${line}:${column}`;
  return { name: 'SyntaxError', message: `${message} (${where})`, stack: null, line: Number(line), column: Number(column) };
}

class Job {
  constructor(request) {
    this.request = request;
    this.logs = [];
    this.logBytes = 0;
    this.logsTruncated = false;
    this.timers = new Set();
    this.ended = null; // why the isolate was disposed: 'wall', 'cpu', 'cancel', 'thrown'
    this.fire = null; // the runtime's timer entry, once set up
    this.final = null;
    this.memoryMb = Math.max(8, request.memoryMb);
    this.prepared = takeIsolate(this.memoryMb);
    this.isolate = this.prepared.isolate;
    this.started = process.hrtime.bigint();
  }

  log(level, message) {
    const size = Buffer.byteLength(message) + 40;
    if (this.logBytes + size > this.request.maxLogBytes) {
      this.logsTruncated = true;
      return;
    }
    this.logBytes += Math.min(size, MAX_LOG_MESSAGE_BYTES);
    this.logs.push({ ts: new Date().toISOString(), level, message });
  }

  stop(reason) {
    if (this.ended) return;
    this.ended = reason;
    // Its code may be running: a synchronous call into the isolate (its heap statistics) would block
    // this host, and every job in it, until the code yields. Its CPU time can be read without waiting.
    const cpuMs = this.isolate.isDisposed ? null : Number(this.isolate.cpuTime) / 1e6;
    this.final = { cpuMs, memoryBytes: null };
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  async run() {
    const { request, isolate } = this;
    const wall = setTimeout(() => this.stop('wall'), request.timeoutMs);
    const cpu = setInterval(() => {
      if (!isolate.isDisposed && Number(isolate.cpuTime) / 1e6 > request.cpuTimeMs) this.stop('cpu');
    }, CPU_CHECK_MS);
    try {
      const outcome = await this.evaluate().catch((error) => this.failure(error));
      return { ...outcome, ...(await this.usage()) };
    } finally {
      clearTimeout(wall);
      clearInterval(cpu);
      for (const timer of this.timers) clearTimeout(timer);
    }
  }

  /** After the answer is sent: nothing of the job outlives it. */
  dispose() {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  /**
   * How long code may still run without a break: the smaller of the two limits, less the
   * time already spent. The engine's own timeout ends running code even when this host's
   * timers (which dispose the isolate) fire late.
   */
  budget() {
    const { timeoutMs, cpuTimeMs } = this.request;
    const elapsed = Number(process.hrtime.bigint() - this.started) / 1e6;
    return Math.max(1, Math.ceil(Math.min(timeoutMs, cpuTimeMs) - elapsed));
  }

  get syncLimit() {
    return this.request.cpuTimeMs < this.request.timeoutMs ? 'cpu' : 'wall';
  }

  /**
   * CPU time and heap of the isolate, while it still exists. Asked asynchronously: a timer
   * callback of the job may still be running, and a synchronous call would block the host.
   */
  async measure() {
    if (this.isolate.isDisposed) return { cpuMs: null, memoryBytes: null };
    const cpuMs = Number(this.isolate.cpuTime) / 1e6;
    try {
      const heap = await this.isolate.getHeapStatistics();
      return { cpuMs, memoryBytes: heap.used_heap_size + heap.externally_allocated_size };
    } catch {
      return { cpuMs, memoryBytes: null }; // disposed meanwhile (its wall-clock limit)
    }
  }

  async usage() {
    const wallMs = Number(process.hrtime.bigint() - this.started) / 1e6;
    return { wallMs, ...(this.final ?? (await this.measure())), logs: this.logs, logsTruncated: this.logsTruncated };
  }

  failure(error) {
    if (this.ended === 'wall' || this.ended === 'cpu') return { status: 'timeout', timeLimit: this.ended };
    if (this.ended === 'cancel') return { status: 'cancelled' };
    if (this.ended === 'thrown') return { status: 'error', error: describe(this.thrown) };
    const message = String(error && error.message);
    if (/^Script execution timed out/.test(message)) return { status: 'timeout', timeLimit: this.syncLimit };
    if (/memory limit/.test(message) || (this.isolate.isDisposed && !this.ended)) return { status: 'memory_limit' };
    if (/Promise was abandoned/.test(message)) {
      const text = 'the function returned a promise that never settled';
      return { status: 'error', error: { name: 'Error', message: text, stack: null, line: null, column: null } };
    }
    const parse = compileError(error);
    if (parse) return { status: 'compile_error', error: parse };
    return { status: 'error', error: describe(error) };
  }

  async evaluate() {
    const { request, isolate } = this;
    const { context, setup } = this.prepared;
    // Binding the bridge runs only the platform's own code, briefly: synchronous calls save a thread hop each.
    const log = new ivm.Callback((level, message) => this.log(String(level), String(message)), { ignored: true });
    const schedule = new ivm.Callback((id, ms) => this.schedule(id, ms));
    const http = new ivm.Reference((payload) => relayHttp(request.id, String(payload)));
    const args = [log, schedule, http, request.inputs, request.maxResultBytes, request.maxLogBytes];
    const runtime = setup.applySync(undefined, args, { result: { reference: true } });
    // Taken now, before the job's code runs: once it may run (a timer), a synchronous call would wait for it.
    const [finish, commonjs, call, fire] = ['finish', 'commonjs', 'call', 'fire'].map((name) => runtime.getSync(name, { reference: true }));
    this.fire = fire;
    const filename = `/work/${request.entry}`;
    const timeout = this.budget();
    const promised = { timeout: this.budget(), result: { promise: true, copy: true } };
    let frame;
    if (request.kind === 'script') {
      const script = await isolate.compileScript(request.code, { filename });
      const value = await script.run(context, { timeout, reference: true });
      frame = await finish.apply(undefined, [value.derefInto()], promised);
    } else {
      let exported;
      if (request.kind === 'module') {
        const module = await isolate.compileModule(request.code, { filename });
        await module.instantiate(context, (specifier) => {
          throw new Error(`import "${specifier}" is not available in isolate mode`);
        });
        await module.evaluate({ timeout });
        exported = module.namespace;
      } else {
        const wrapped = `(function (exports, require, module) {${request.code}\n})`;
        const factory = await (await isolate.compileScript(wrapped, { filename })).run(context, { timeout, reference: true });
        exported = await commonjs.apply(undefined, [factory.derefInto()], { timeout, result: { reference: true } });
      }
      frame = await call.apply(undefined, [exported.derefInto(), request.name, request.entry], promised);
    }
    return JSON.parse(frame);
  }

  /** A timer of the job's code: the host waits, then calls back into the isolate (while the job lasts). */
  schedule(id, ms) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.isolate.isDisposed || !this.fire) return;
      this.fire.apply(undefined, [id], { timeout: this.budget() }).catch((error) => this.uncaught(error));
    }, ms);
    this.timers.add(timer);
  }

  /** An exception thrown by a timer callback ends the job, as an uncaught exception ends a process. */
  uncaught(error) {
    if (this.ended || this.isolate.isDisposed) return;
    // The engine's deadline (the job's remaining budget) ran out inside the callback: a time limit, not the code's exception.
    if (/^Script execution timed out/.test(String(error && error.message))) return this.stop(this.syncLimit);
    this.thrown = error;
    this.stop('thrown');
  }
}

/** Outbound HTTP: asked of the worker, which answers with the proxy's JSON (or an error). */
function relayHttp(jobId, payload) {
  const call = ++httpCalls;
  return new Promise((resolve) => {
    httpWaiters.set(call, resolve);
    send({ t: 'http', id: jobId, call, request: JSON.parse(payload) });
  });
}

async function start(request) {
  let job;
  try {
    job = new Job(request);
  } catch (error) {
    send({ t: 'done', id: request.id, status: 'error', error: describe(error), logs: [], logsTruncated: false });
    return;
  }
  jobs.set(request.id, job);
  const outcome = await job.run();
  jobs.delete(request.id);
  send({ t: 'done', id: request.id, ...outcome });
  // Off the job's path: the answer is on its way first.
  job.dispose();
  refillSpare(job.memoryMb);
}

function receive(message) {
  if (message.t === 'run') void start(message);
  else if (message.t === 'cancel') jobs.get(message.id)?.stop('cancel');
  else if (message.t === 'http') {
    const waiter = httpWaiters.get(message.call);
    httpWaiters.delete(message.call);
    waiter?.(JSON.stringify(message.answer));
  }
}

let pending = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  while (pending.length >= 4) {
    const size = pending.readUInt32BE(0);
    if (size > MAX_FRAME) process.exit(2);
    if (pending.length < 4 + size) break;
    const body = pending.subarray(4, 4 + size);
    pending = pending.subarray(4 + size);
    receive(JSON.parse(body.toString('utf8')));
  }
});
process.stdin.on('end', () => process.exit(0));
send({ t: 'ready', engine: `isolated-vm on node ${process.version}` });
