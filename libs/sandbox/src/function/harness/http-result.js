'use strict';
/*
 * What httpGet and fetch give user code for an answer of the egress proxy, shared by the
 * container harness (egress-client.js, in Node.js) and the isolate bootstrap (evaluated
 * before it as a script, as result-encoder.js is): data parsed as JSON when the answer
 * says it is JSON.
 */
function httpResult(answer, text, parseJson) {
  let data = text;
  if (/\bjson\b/i.test(String(answer.headers['content-type'] || ''))) {
    try {
      data = parseJson(text);
    } catch {
      // Not JSON after all: the text is more useful than an error.
    }
  }
  return {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
    data,
  };
}

if (typeof module === 'object') module.exports = { httpResult };
