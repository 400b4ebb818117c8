/**
 * The framing between the worker and a sandbox host: each message is a 4-byte big-endian
 * length followed by that many bytes of JSON (the host program, host/isolate-host.js, reads
 * and writes the same).
 */
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

export class FrameTooLargeError extends Error {}

/** Collects stream chunks and hands out whole messages; a frame above the cap is a broken host. */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes: number) {}

  push(chunk: Buffer): unknown[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: unknown[] = [];
    while (this.pending.length >= 4) {
      const size = this.pending.readUInt32BE(0);
      if (size > this.maxFrameBytes) throw new FrameTooLargeError(`a frame of ${size} bytes is above the cap of ${this.maxFrameBytes}`);
      if (this.pending.length < 4 + size) break;
      messages.push(JSON.parse(this.pending.subarray(4, 4 + size).toString('utf8')));
      this.pending = this.pending.subarray(4 + size);
    }
    return messages;
  }
}
