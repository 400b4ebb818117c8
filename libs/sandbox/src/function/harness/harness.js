'use strict';
/* global Buffer, console */
/*
 * Function mode for JavaScript and TypeScript (compiled to JavaScript first), run inside
 * the sandbox by Node.js. Calls the exported function `name(INPUTS)`, or evaluates the
 * entry as a script and takes the value of its last expression, then writes one result
 * frame to stdout between two copies of a per-job token the user code never sees.
 */
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const vm = require('node:vm');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
const { createEgressClient } = require('./egress-client.js');
const { createResultEncoder } = require('./result-encoder.js');

const HARNESS_DIR = __dirname;
const MAX_LOG_MESSAGE = 8192;
const MAX_LOG_VALUE_DEPTH = 8;

function readAndRemove(name) {
  const file = path.join(HARNESS_DIR, name);
  const text = fs.readFileSync(file, 'utf8');
  fs.rmSync(file, { force: true });
  return text;
}

const config = JSON.parse(readAndRemove('config.json'));
const inputs = JSON.parse(readAndRemove('inputs.json'));
const entry = path.resolve('/work', config.entry);

// Logs: console output goes to `logs`, never to stdout.
const logs = [];
let logBytes = 0;
let logsTruncated = false;
function record(level, args) {
  let message = util.format(...args);
  if (message.length > MAX_LOG_MESSAGE) message = `${message.slice(0, MAX_LOG_MESSAGE)}… (cut)`;
  const values = logValues(args);
  const size = Buffer.byteLength(message) + (values ? Buffer.byteLength(values.json) : 0) + 40;
  if (logBytes + size > config.maxLogBytes) {
    logsTruncated = true;
    return;
  }
  logBytes += size;
  logs.push({ ts: new Date().toISOString(), level, message, ...(values ? { args: values.data } : {}) });
}

/**
 * The arguments as JSON values too, for clients that show them as data; none when they are
 * large (their JSON past MAX_LOG_MESSAGE, or more values than could fit in it) or reading
 * them throws (a getter, a toJSON): logging never fails because of them.
 */
function logValues(args) {
  try {
    const budget = { left: MAX_LOG_MESSAGE / 2 };
    const data = args.map((arg) => logValue(arg, 0, new Set(), budget));
    const json = JSON.stringify(data);
    return json.length > MAX_LOG_MESSAGE ? null : { data, json };
  } catch {
    return null;
  }
}

/** A logged argument as a JSON value: what JSON cannot carry becomes the text console.log shows for it. */
function logValue(value, depth, seen, budget) {
  if (--budget.left < 0) throw new RangeError('too many values to log as data');
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object') return util.inspect(value);
  if (value instanceof Error) return { name: value.name, message: String(value.message), stack: value.stack ?? null };
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_LOG_VALUE_DEPTH) return util.inspect(value, { depth: 0 });
  if (typeof value.toJSON === 'function') return logValue(value.toJSON(), depth + 1, seen, budget);
  if (value instanceof Map || value instanceof Set || ArrayBuffer.isView(value)) return util.inspect(value, { depth: 1 });
  seen.add(value);
  const out = Array.isArray(value)
    ? value.map((item) => logValue(item, depth + 1, seen, budget))
    : Object.fromEntries(Object.keys(value).map((key) => [key, ownValue(value, key, depth, seen, budget)]));
  seen.delete(value);
  return out;
}

/** A property read without running a getter, as console.log shows it. */
function ownValue(object, key, depth, seen, budget) {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (!descriptor || !('value' in descriptor)) return descriptor && descriptor.set && !descriptor.get ? '[Setter]' : '[Getter]';
  return logValue(descriptor.value, depth + 1, seen, budget);
}

for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => record(level, args);
}
console.trace = (...args) => record('debug', [util.format(...args), new Error().stack.split('\n').slice(2).join('\n')]);

const egress = createEgressClient(config.egress, HARNESS_DIR);
globalThis.INPUTS = inputs;
globalThis.httpGet = egress.httpGet;
globalThis.fetch = egress.fetch;

const { encode, ResultError } = createResultEncoder((bytes) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
);

/** Stack positions in compiled TypeScript, mapped back to the .ts source (vm scripts get no automatic mapping). */
function remapStack(stack) {
  const { SourceMap } = require('node:module');
  const maps = new Map();
  const mapFor = (file) => {
    if (!maps.has(file)) {
      let map = null;
      try {
        map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
      } catch {
        // No map: a JavaScript file.
      }
      maps.set(file, map);
    }
    return maps.get(file);
  };
  return stack.replace(/(\/work\/[^\s():]+\.js):(\d+):(\d+)/g, (whole, file, line, column) => {
    const map = mapFor(file);
    const found = map && map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!found || found.originalLine === undefined) return whole;
    return `${path.resolve(path.dirname(file), found.originalSource)}:${found.originalLine + 1}:${found.originalColumn + 1}`;
  });
}

const isUserFrame = (line) => !line.includes(HARNESS_DIR) && !/\((node:|internal\/)|at (node:|internal\/)/.test(line);

/** The error as the user should see it: harness and Node-internal frames removed. */
function describeError(error) {
  if (!(error instanceof Error)) {
    return {
      name: 'Error',
      message: `a non-Error value was thrown: ${util.inspect(error, { depth: 2 })}`,
      stack: null,
      line: null,
      column: null,
    };
  }
  const lines = remapStack(String(error.stack || `${error.name}: ${error.message}`)).split('\n');
  const stack = lines.filter((line) => !/^\s+at /.test(line) || isUserFrame(line)).join('\n');
  const at = lines.find((line) => /^\s+at /.test(line) && isUserFrame(line) && line.includes('/work/'));
  const position = at && /:(\d+):(\d+)\)?\s*$/.exec(at);
  return {
    name: error.name || 'Error',
    message: String(error.message),
    stack,
    line: position ? Number(position[1]) : null,
    column: position ? Number(position[2]) : null,
  };
}

/**
 * A parse error of user code: V8 puts "file:line", the source line and a caret line above
 * the message (a SyntaxError thrown at run time, e.g. by JSON.parse, has none of that).
 */
function asCompileError(error) {
  if (!(error instanceof SyntaxError)) return null;
  const match = /^(?:file:\/\/)?(\/[^\n]*):(\d+)\n([^\n]*)\n(\s*)\^/.exec(String(error.stack));
  if (!match) return null;
  const line = Number(match[2]);
  const column = match[4].length + 1;
  const file = path.relative('/work', match[1]);
  return {
    name: 'SyntaxError',
    message: `${error.message} (${file}:${line}:${column})`,
    stack: String(error.stack)
      .split('\n')
      .filter((l) => !/^\s+at /.test(l))
      .join('\n')
      .trim(),
    line,
    column,
  };
}

function finish(frame, exitCode) {
  const payload = JSON.stringify({ ...frame, logs, logsTruncated });
  process.stdout.write(`\n${config.token}\n${payload}\n${config.token}\n`, () => process.exit(exitCode));
}

function fail(error) {
  const compile = asCompileError(error);
  if (compile) finish({ status: 'compile_error', error: compile }, 1);
  else finish({ status: 'error', error: describeError(error) }, 1);
}

async function loadModule() {
  const userRequire = createRequire(entry);
  if (entry.endsWith('.mjs')) return import(pathToFileURL(entry).href);
  try {
    return userRequire(entry);
  } catch (error) {
    const esm =
      error instanceof SyntaxError && /import statement outside a module|Unexpected token 'export'|await is only valid/.test(error.message);
    if (!esm || entry.endsWith('.cjs')) throw error;
    const copy = entry.replace(/\.[^./]*$/, '') + '.mjs';
    fs.copyFileSync(entry, copy);
    return import(pathToFileURL(copy).href);
  }
}

async function run() {
  let value;
  if (config.name) {
    const exported = await loadModule();
    const fn = exported && (exported[config.name] ?? (exported.default && exported.default[config.name]));
    if (typeof fn !== 'function') {
      const names = exported ? Object.keys(exported).filter((k) => typeof exported[k] === 'function') : [];
      throw Object.assign(
        new Error(
          `${config.entry} exports no function named "${config.name}"` + (names.length ? ` (it exports: ${names.join(', ')})` : ''),
        ),
        {
          name: 'FunctionNotFound',
        },
      );
    }
    value = await fn(inputs);
  } else {
    globalThis.require = createRequire(entry);
    const script = new vm.Script(fs.readFileSync(entry, 'utf8'), { filename: entry });
    value = await script.runInThisContext({ displayErrors: false });
  }
  return value;
}

let settled = false;
process.on('uncaughtException', (error) => !settled && ((settled = true), fail(error)));
process.on('unhandledRejection', (error) => !settled && ((settled = true), fail(error)));
process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  const message = 'the function returned a promise that never settled';
  finish({ status: 'error', error: { name: 'Error', message, stack: null, line: null, column: null } }, 1);
});

run().then(
  (value) => {
    if (settled) return;
    settled = true;
    let result;
    try {
      result = value === undefined ? null : encode(value);
      if (result === undefined) result = null;
    } catch (error) {
      if (!(error instanceof ResultError)) return fail(error);
      return finish({ status: 'error', error: { name: 'ResultError', message: error.message, stack: null, line: null, column: null } }, 1);
    }
    const size = Buffer.byteLength(JSON.stringify(result));
    if (size > config.maxResultBytes) {
      const message = `the result is ${size} bytes of JSON, more than the limit of ${config.maxResultBytes}`;
      return finish({ status: 'error', error: { name: 'ResultError', message, stack: null, line: null, column: null } }, 1);
    }
    finish({ status: 'ok', result }, 0);
  },
  (error) => {
    if (settled) return;
    settled = true;
    fail(error);
  },
);
