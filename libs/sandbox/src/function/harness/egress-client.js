'use strict';
/* global Buffer, Request, Response */
/*
 * httpGet (synchronous) and fetch for function mode. The sandbox has no network: both send
 * the request as JSON to the worker's egress proxy over a unix socket mounted into the
 * container, which checks it against the job's allow-list and makes it.
 */
const http = require('node:http');
const path = require('node:path');
const { httpResult } = require('./http-result.js');

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** One request to the proxy; resolves with its JSON answer ({status, headers, body} or {error}). */
function callProxy(egress, request) {
  return new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(request));
    const req = http.request(
      {
        socketPath: egress.socket,
        method: 'POST',
        path: '/v1/request',
        headers: { 'content-type': 'application/json', 'content-length': payload.length, 'x-runq-egress-token': egress.token },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            resolve({ error: `the egress proxy answered ${res.statusCode} with no readable body` });
          }
        });
        res.on('error', (error) => resolve({ error: `egress proxy connection failed: ${error.message}` }));
      },
    );
    req.on('error', (error) => resolve({ error: `egress proxy unreachable: ${error.message}` }));
    req.end(payload);
  });
}

function toBase64(body) {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return Buffer.from(body).toString('base64');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('base64');
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64');
  return Buffer.from(JSON.stringify(body)).toString('base64');
}

function headerObject(headers) {
  const out = {};
  if (!headers) return out;
  const entries = typeof headers.entries === 'function' ? headers.entries() : Object.entries(headers);
  for (const [key, value] of entries) out[String(key).toLowerCase()] = String(value);
  return out;
}

/** The shape httpGet returns. */
function toHttpGetResult(answer) {
  return httpResult(answer, Buffer.from(answer.body || '', 'base64').toString('utf8'), JSON.parse);
}

function disabled() {
  const error = new Error("network access is off for this job: ask for it with network.allow (within the server's egress policy)");
  error.name = 'EgressError';
  return error;
}

function egressError(message) {
  const error = new Error(message);
  error.name = 'EgressError';
  return error;
}

function createEgressClient(egress, harnessDir) {
  if (!egress) {
    return {
      httpGet: () => {
        throw disabled();
      },
      fetch: async () => {
        throw disabled();
      },
    };
  }

  let worker = null;
  let port = null;
  let receiveMessageOnPort = null;
  function syncCall(request) {
    if (!worker) {
      const threads = require('node:worker_threads');
      const channel = new threads.MessageChannel();
      receiveMessageOnPort = threads.receiveMessageOnPort;
      worker = new threads.Worker(path.join(harnessDir, 'egress-worker.js'), {
        workerData: { egress, port: channel.port2 },
        transferList: [channel.port2],
      });
      worker.unref();
      port = channel.port1;
    }
    const flag = new Int32Array(new SharedArrayBuffer(4));
    worker.postMessage({ flag, request });
    // The proxy bounds each request's time; the margin covers the trip to it.
    const state = Atomics.wait(flag, 0, 0, egress.timeoutMs + 5000);
    const message = receiveMessageOnPort(port);
    if (state === 'timed-out' || !message) throw egressError('the egress proxy did not answer in time');
    return message.message;
  }

  function httpGet(url, options = {}) {
    const answer = syncCall({
      url: String(url),
      method: String(options.method || 'GET').toUpperCase(),
      headers: headerObject(options.headers),
      body: toBase64(options.body),
    });
    if (answer.error) throw egressError(answer.error);
    return toHttpGetResult(answer);
  }

  async function fetchThroughProxy(input, init) {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()).toString('base64') : null;
    const answer = await callProxy(egress, { url: request.url, method: request.method, headers: headerObject(request.headers), body });
    if (answer.error) throw Object.assign(new TypeError(`fetch failed: ${answer.error}`), { cause: egressError(answer.error) });
    const data = NULL_BODY_STATUSES.has(answer.status) ? null : Buffer.from(answer.body || '', 'base64');
    const response = new Response(data, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    Object.defineProperty(response, 'url', { value: answer.url });
    Object.defineProperty(response, 'redirected', { value: answer.redirected === true });
    return response;
  }

  return { httpGet, fetch: fetchThroughProxy };
}

module.exports = { createEgressClient, callProxy };
