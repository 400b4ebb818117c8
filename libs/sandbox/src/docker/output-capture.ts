import { Writable } from 'node:stream';

const TAIL_BYTES = 256;

/**
 * Collects one stream of a container's output up to a byte cap, counting as it
 * streams. Past the cap it keeps nothing more and calls onOverflow once, so the
 * caller can kill the container rather than buffer an unbounded flood.
 */
export class OutputCapture extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;

  constructor(
    private cap: number,
    private onOverflow: () => void,
    /** Told how many bytes of each chunk were kept, in arrival order (see ArrivalOrder). */
    private readonly onKept: (bytes: number) => void = () => undefined,
  ) {
    super();
  }

  /** Sets the cap and overflow action once the job is known (a warm container is attached before). */
  arm(cap: number, onOverflow: () => void): void {
    this.cap = cap;
    this.onOverflow = onOverflow;
    if (this.size > cap) {
      this.overflowed = true;
      onOverflow();
    }
  }

  /** Called after each chunk (the runner checks for its end-of-output markers). */
  onChunk: (() => void) | null = null;
  private last: Buffer = Buffer.alloc(0);

  /** The last bytes received (at most `n`), cheap to look at after every chunk. */
  tail(n = TAIL_BYTES): Buffer {
    return this.last.length > n ? this.last.subarray(this.last.length - n) : this.last;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // A big chunk holds the whole tail itself: no copy of it on the output-flood path.
    this.last = chunk.length >= TAIL_BYTES ? chunk.subarray(-TAIL_BYTES) : Buffer.concat([this.tail(), chunk]).subarray(-TAIL_BYTES);
    if (!this.overflowed) {
      const room = this.cap - this.size;
      if (chunk.length > room) {
        if (room > 0) this.chunks.push(chunk.subarray(0, room));
        this.onKept(Math.max(0, room));
        this.size = this.cap;
        this.overflowed = true;
        this.onOverflow();
      } else {
        this.chunks.push(chunk);
        this.size += chunk.length;
        this.onKept(chunk.length);
      }
    }
    callback();
    this.onChunk?.();
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}
