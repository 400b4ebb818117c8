import { encodeFrame, FrameDecoder, FrameTooLargeError } from './host-frames';

describe('host frames', () => {
  it('round-trips messages however the stream cuts them', () => {
    const messages = [
      { t: 'ready', engine: 'x' },
      { t: 'done', id: 'a', text: 'é'.repeat(1000) },
      { t: 'http', call: 2 },
    ];
    const bytes = Buffer.concat(messages.map(encodeFrame));
    for (const size of [1, 3, 7, 64, bytes.length]) {
      const decoder = new FrameDecoder(1 << 20);
      const out: unknown[] = [];
      for (let i = 0; i < bytes.length; i += size) out.push(...decoder.push(bytes.subarray(i, i + size)));
      expect(out).toEqual(messages);
    }
  });

  it('keeps an incomplete frame until the rest arrives', () => {
    const decoder = new FrameDecoder(1 << 20);
    const frame = encodeFrame({ t: 'ready' });
    expect(decoder.push(frame.subarray(0, 2))).toEqual([]);
    expect(decoder.push(frame.subarray(2, frame.length - 1))).toEqual([]);
    expect(decoder.push(frame.subarray(frame.length - 1))).toEqual([{ t: 'ready' }]);
  });

  it('refuses a frame above the cap (a broken or hostile host)', () => {
    const decoder = new FrameDecoder(16);
    expect(() => decoder.push(encodeFrame({ t: 'done', result: 'x'.repeat(100) }))).toThrow(FrameTooLargeError);
  });
});
