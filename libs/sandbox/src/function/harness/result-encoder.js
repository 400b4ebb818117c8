'use strict';
/*
 * The result encoding of function mode, shared by the container harness (harness.js, in
 * Node.js) and the isolate bootstrap (in a bare V8 isolate, where this file is evaluated
 * as a script before the bootstrap): JSON values, byte arrays tagged {"$bytes": base64}.
 */
function createResultEncoder(toBase64) {
  const MAX_DEPTH = 256;
  // Taken now, before user code runs: code that replaces them changes nothing in how its result is read.
  const { keys } = Object;
  const { from: arrayFrom, isArray } = Array;
  const Shared = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;

  class ResultError extends Error {}
  ResultError.prototype.name = 'ResultError';

  function encode(value, where, seen, depth) {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (!Number.isFinite(value)) throw new ResultError(`${where} is ${value}, which JSON cannot represent`);
        return value;
      case 'undefined':
        return undefined;
      case 'bigint':
        throw new ResultError(`${where} is a BigInt (${value}n), which JSON cannot represent; convert it to a string or a number`);
      case 'function':
        throw new ResultError(`${where} is a function, which JSON cannot represent`);
      case 'symbol':
        throw new ResultError(`${where} is a Symbol, which JSON cannot represent`);
    }
    if (value === null) return null;
    if (depth > MAX_DEPTH) throw new ResultError(`${where} is nested more than ${MAX_DEPTH} levels deep`);
    if (value instanceof Uint8Array || value instanceof Uint8ClampedArray || value instanceof DataView) {
      return { $bytes: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    }
    if (value instanceof ArrayBuffer || value instanceof Shared) return { $bytes: toBase64(new Uint8Array(value)) };
    if (seen.has(value)) throw new ResultError(`${where} refers back to an object that contains it (a cycle), which JSON cannot represent`);
    if (typeof value.toJSON === 'function') return encode(value.toJSON(), where, seen, depth + 1);
    if (value instanceof Map || value instanceof Set) {
      const kind = value instanceof Map ? 'a Map' : 'a Set';
      throw new ResultError(`${where} is ${kind}, which JSON cannot represent; convert it to an object or an array first`);
    }
    seen.add(value);
    let out;
    if (isArray(value) || ArrayBuffer.isView(value)) {
      out = arrayFrom(value, (item, i) => {
        const encoded = encode(item, `${where}[${i}]`, seen, depth + 1);
        return encoded === undefined ? null : encoded;
      });
    } else {
      out = {};
      for (const key of keys(value)) {
        const encoded = encode(value[key], `${where}.${key}`, seen, depth + 1);
        if (encoded !== undefined) out[key] = encoded;
      }
    }
    seen.delete(value);
    return out;
  }

  /** The value as JSON can carry it (undefined for undefined); a ResultError names the path of what it cannot. */
  return { encode: (value) => encode(value, 'result', new Set(), 0), ResultError };
}

if (typeof module === 'object') module.exports = { createResultEncoder };
