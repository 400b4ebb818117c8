'use strict';
/*
 * The engine side of the sandbox host: isolated-vm, the bootstrap every fresh isolate
 * evaluates first, and one isolate made ready ahead of the next job. Making an isolate
 * (engine, context, bootstrap) is most of a small job's time in the host; the spare moves
 * that off the job's path. It is as fresh as one made for the job: no job's code has run
 * in it, and it serves one job only.
 */
const fs = require('node:fs');
const path = require('node:path');

const ENGINE_DIR = process.env.RUNQ_ISOLATE_ENGINE || '/opt/runq-isolate/isolated-vm';
const ivm = require(
  path.join(ENGINE_DIR, 'prebuilds', `linux-${process.arch}`, `isolated-vm.abi${process.versions.modules}.glibc.node`),
).ivm;
const HARNESS_DIR = process.env.RUNQ_ISOLATE_HARNESS || path.resolve(__dirname, '../../function/harness');
// The result encoder and the HTTP answer's shape are the container harness's own, evaluated as part of the bootstrap script.
const BOOTSTRAP = [
  path.join(HARNESS_DIR, 'result-encoder.js'),
  path.join(HARNESS_DIR, 'http-result.js'),
  path.join(__dirname, 'isolate-bootstrap.js'),
]
  .map((file) => fs.readFileSync(file, 'utf8').replace(/^'use strict';$/m, ''))
  .join('\n');

// V8's code cache of the bootstrap, made by the first isolate: later ones skip parsing it.
let bootstrapCache = null;
function compileBootstrap(isolate) {
  const options = { filename: 'runq:bootstrap', ...(bootstrapCache ? { cachedData: bootstrapCache } : { produceCachedData: true }) };
  const script = isolate.compileScriptSync(BOOTSTRAP, options);
  if (!bootstrapCache && script.cachedData) bootstrapCache = script.cachedData;
  return script;
}

/**
 * A fresh isolate with its heap limit, a context, and the bootstrap evaluated in it: `setup`
 * is the function that binds a job's bridge and inputs. Only the platform's own code runs
 * here, briefly, so synchronous calls (which save a thread hop each) are safe.
 */
function freshIsolate(memoryMb) {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
  try {
    const context = isolate.createContextSync();
    const setup = compileBootstrap(isolate).runSync(context, { reference: true });
    return { memoryMb, isolate, context, setup };
  } catch (error) {
    if (!isolate.isDisposed) isolate.dispose();
    throw error;
  }
}

let spare = null;

/** An isolate for a job with this heap limit: the spare when it has that limit, else one made now. */
function takeIsolate(memoryMb) {
  if (spare && spare.memoryMb === memoryMb) {
    const taken = spare;
    spare = null;
    return taken;
  }
  return freshIsolate(memoryMb);
}

/** Makes the spare anew (for the heap limit the last job had), once the job that took it has answered. */
function refillSpare(memoryMb) {
  if (spare && spare.memoryMb === memoryMb) return;
  spare?.isolate.dispose();
  spare = null;
  try {
    spare = freshIsolate(memoryMb);
  } catch {
    // The next job makes its own, and says why if it cannot.
  }
}

module.exports = { ivm, takeIsolate, refillSpare };
