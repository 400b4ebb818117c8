/*
 * Evaluated first in every fresh isolate context (no Node.js there: only ECMAScript
 * built-ins). Its value is a setup function; the host calls it with the bridge callbacks
 * and gets back the runtime the job uses. The bridge stays in closures, never on globalThis.
 */
/* global createResultEncoder, httpResult */
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- the script's completion value is the setup function
(function setup(log, schedule, http, inputsJson, maxResultBytes, maxLogBytes) {
  'use strict';
  // Taken before user code runs: code that replaces them changes nothing in how its result is read.
  const { stringify, parse } = JSON;
  const { keys } = Object;
  const MAX_LOG_MESSAGE = 8192;
  delete globalThis.WebAssembly; // its memories live outside the isolate's heap limit

  function inspect(value, depth) {
    if (typeof value === 'string') return depth ? stringify(value) : value;
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'function') return `[Function: ${value.name || '(anonymous)'}]`;
    if (typeof value === 'symbol' || value === undefined || value === null || typeof value !== 'object') return String(value);
    if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
    if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
    try {
      if (Array.isArray(value)) return `[ ${value.map((v) => inspect(v, depth + 1)).join(', ')} ]`;
      const entries = keys(value).map((k) => `${k}: ${inspect(value[k], depth + 1)}`);
      return entries.length ? `{ ${entries.join(', ')} }` : '{}';
    } catch {
      return '[Object]';
    }
  }

  function format(args) {
    let message = args.map((a) => inspect(a, 0)).join(' ');
    if (message.length > MAX_LOG_MESSAGE) message = `${message.slice(0, MAX_LOG_MESSAGE)}… (cut)`;
    return message;
  }

  // Counted here too, so a log flood past the cap costs the host nothing.
  let logBytes = 0;
  function record(level, args) {
    if (logBytes > maxLogBytes) return;
    const message = format(args);
    logBytes += message.length + 40;
    log(level, message);
  }
  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = (...args) => record(level, args);
  console.trace = (...args) => record('debug', args);
  Object.defineProperty(globalThis, 'console', { value: Object.freeze(console), writable: true, configurable: true });

  // Timers: the host keeps the clock; it calls fire(id) back when one is due.
  const timers = new Map();
  let nextTimer = 1;
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('the callback must be a function');
    const id = nextTimer++;
    const delay = Math.max(0, Number(ms) || 0);
    timers.set(id, { fn, args, repeat, delay });
    schedule(id, delay);
    return id;
  }
  globalThis.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
  globalThis.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
  globalThis.clearTimeout = globalThis.clearInterval = (id) => void timers.delete(id);
  globalThis.queueMicrotask = (fn) => void Promise.resolve().then(fn);

  // Outbound HTTP goes to the worker's egress proxy; the host relays, the worker applies the policy.
  function toRequest(url, options) {
    const o = options || {};
    const body = o.body === undefined || o.body === null ? null : typeof o.body === 'string' ? o.body : stringify(o.body);
    const headers = {};
    const given = o.headers && typeof o.headers.entries === 'function' ? Object.fromEntries(o.headers.entries()) : o.headers || {};
    for (const key of keys(given)) headers[String(key).toLowerCase()] = String(given[key]);
    return { url: String(url), method: o.method ? String(o.method).toUpperCase() : 'GET', headers, body };
  }
  class EgressError extends Error {}
  EgressError.prototype.name = 'EgressError';
  const egressError = (message) => new EgressError(message);
  // httpResult comes from http-result.js, evaluated just before this script; taken now, as JSON.parse is.
  const toResult = httpResult;
  function parsed(answer) {
    if (answer.error) throw egressError(answer.error);
    return toResult(answer, answer.text, parse);
  }
  globalThis.httpGet = (url, options) => parsed(parse(http.applySyncPromise(undefined, [stringify(toRequest(url, options))])));
  globalThis.fetch = async (url, options) => {
    const answer = parse(await http.apply(undefined, [stringify(toRequest(url, options))], { result: { promise: true } }));
    const result = parsed(answer);
    return {
      ok: result.ok,
      status: result.status,
      statusText: result.statusText,
      headers: { get: (name) => answer.headers[String(name).toLowerCase()] ?? null },
      text: async () => answer.text,
      json: async () => parse(answer.text),
    };
  };

  const INPUTS = parse(inputsJson);
  Object.defineProperty(globalThis, 'INPUTS', { value: INPUTS, writable: true, configurable: true });

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function base64(bytes) {
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
      out += i + 2 < bytes.length ? B64[n & 63] : '=';
    }
    return out;
  }

  // createResultEncoder comes from result-encoder.js, evaluated just before this script.
  const { encode, ResultError } = createResultEncoder(base64);

  /** The result as JSON text, or a ResultError frame; the size is checked here, before anything leaves the isolate. */
  async function finish(value) {
    const settled = await value;
    let result;
    try {
      result = settled === undefined ? null : encode(settled);
      const json = stringify(result === undefined ? null : result);
      if (json.length > maxResultBytes) {
        throw new ResultError(`the result is at least ${json.length} bytes of JSON, more than the limit of ${maxResultBytes}`);
      }
      return `{"status":"ok","result":${json}}`;
    } catch (error) {
      if (!(error instanceof ResultError)) throw error;
      return stringify({
        status: 'error',
        error: { name: 'ResultError', message: error.message, stack: null, line: null, column: null },
      });
    }
  }

  return {
    finish,
    /** A CommonJS module's exports (require is not available in an isolate). */
    commonjs(factory) {
      const module = { exports: {} };
      const require = (name) => {
        throw new Error(`require("${name}") is not available in isolate mode`);
      };
      factory.call(module.exports, module.exports, require, module);
      return module.exports;
    },
    call(exported, name, entry) {
      const fn = exported && (exported[name] ?? (exported.default && exported.default[name]));
      if (typeof fn !== 'function') {
        const names = exported ? keys(exported).filter((k) => typeof exported[k] === 'function') : [];
        const message = `${entry} exports no function named "${name}"` + (names.length ? ` (it exports: ${names.join(', ')})` : '');
        return stringify({ status: 'error', error: { name: 'FunctionNotFound', message, stack: null, line: null, column: null } });
      }
      return finish(fn(INPUTS));
    },
    fire(id) {
      const timer = timers.get(id);
      if (!timer) return;
      if (timer.repeat) schedule(id, timer.delay);
      else timers.delete(id);
      timer.fn(...timer.args);
    },
    pendingTimers: () => timers.size,
  };
});
