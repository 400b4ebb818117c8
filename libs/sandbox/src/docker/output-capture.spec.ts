import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OutputCapture } from './output-capture';

async function feed(capture: OutputCapture, chunks: string[]): Promise<void> {
  await pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), capture);
}

describe('OutputCapture', () => {
  it('keeps everything below the cap, in order, without overflowing', async () => {
    const onOverflow = jest.fn();
    const capture = new OutputCapture(100, onOverflow);
    await feed(capture, ['hello ', 'wor', 'ld']);
    expect(capture.bytes().toString()).toBe('hello world');
    expect(capture.overflowed).toBe(false);
    expect(onOverflow).not.toHaveBeenCalled();
  });

  it('accepts output of exactly the cap', async () => {
    const onOverflow = jest.fn();
    const capture = new OutputCapture(6, onOverflow);
    await feed(capture, ['abc', 'def']);
    expect(capture.bytes().toString()).toBe('abcdef');
    expect(capture.overflowed).toBe(false);
    expect(onOverflow).not.toHaveBeenCalled();
  });

  it('truncates at the cap exactly, inside the chunk that crosses it', async () => {
    const capture = new OutputCapture(5, () => undefined);
    await feed(capture, ['abc', 'defgh']);
    expect(capture.bytes().toString()).toBe('abcde');
    expect(capture.overflowed).toBe(true);
  });

  it('truncates when the first chunk is already too large', async () => {
    const capture = new OutputCapture(4, () => undefined);
    await feed(capture, ['0123456789']);
    expect(capture.bytes().toString()).toBe('0123');
  });

  it('calls onOverflow once however much more arrives, and keeps nothing after it', async () => {
    const onOverflow = jest.fn();
    const capture = new OutputCapture(3, onOverflow);
    await feed(capture, ['ab', 'cd', 'ef', 'gh', 'ij']);
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(capture.bytes().toString()).toBe('abc');
  });

  it('overflows on the byte after an exactly full buffer', async () => {
    const onOverflow = jest.fn();
    const capture = new OutputCapture(3, onOverflow);
    await feed(capture, ['abc', 'd']);
    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(capture.overflowed).toBe(true);
    expect(capture.bytes().toString()).toBe('abc');
  });

  it('signals the overflow while the stream is still being written', () => {
    const onOverflow = jest.fn();
    const capture = new OutputCapture(2, onOverflow);
    capture.write(Buffer.from('xyz'));
    expect(onOverflow).toHaveBeenCalledTimes(1);
    capture.destroy();
  });
});

describe('OutputCapture arrival reports', () => {
  it('reports the bytes it keeps of each chunk, none past the cap', async () => {
    const kept: number[] = [];
    const capture = new OutputCapture(
      5,
      () => undefined,
      (bytes) => kept.push(bytes),
    );
    await feed(capture, ['abc', 'defgh', 'ij']);
    expect(kept).toEqual([3, 2]);
  });
});
