'use strict';
/*
 * The thread behind the synchronous httpGet: the main thread blocks in Atomics.wait while
 * this one talks to the egress proxy, posts the answer on the port and wakes it.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { callProxy } = require('./egress-client.js');

const { egress, port } = workerData;

parentPort.on('message', async ({ flag, request }) => {
  const answer = await callProxy(egress, request);
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
