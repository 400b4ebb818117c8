import { parseCompileStatus, signalOf, splitRunTrailer, splitStdoutMarker } from './stage-report';

const NONCE = '0123456789abcdef0123456789abcdef';
const trailer = (fields: string, nonce = NONCE) => `\n${nonce} ${fields}\n`;

describe('splitRunTrailer', () => {
  it('strips the trailer and reads the usage from it', () => {
    const { stderr, usage } = splitRunTrailer(Buffer.from(`warning: x\n${trailer('0 1500000000 1200000000 4096')}`), NONCE);
    expect(stderr.toString()).toBe('warning: x\n');
    expect(usage).toEqual({ exitCode: 0, wallMs: 1500, cpuMs: 1200, memoryBytes: 4096 });
  });

  it('keeps sub-millisecond precision to one decimal', () => {
    const { usage } = splitRunTrailer(Buffer.from(trailer('0 1234567 7654321 1')), NONCE);
    expect(usage).toMatchObject({ wallMs: 1.2, cpuMs: 7.7 });
  });

  it('leaves an empty stderr when the program wrote nothing', () => {
    const { stderr, usage } = splitRunTrailer(Buffer.from(trailer('2 1000000 1000000 1')), NONCE);
    expect(stderr.length).toBe(0);
    expect(usage?.exitCode).toBe(2);
  });

  it('uses the last occurrence and preserves everything around it', () => {
    const input = `before${trailer('1 1000000 1000000 1')}middle${trailer('42 2000000 3000000 5')}after`;
    const { stderr, usage } = splitRunTrailer(Buffer.from(input), NONCE);
    expect(usage).toEqual({ exitCode: 42, wallMs: 2, cpuMs: 3, memoryBytes: 5 });
    expect(stderr.toString()).toBe(`before${trailer('1 1000000 1000000 1')}middleafter`);
  });

  it('accepts a trailer without a final newline', () => {
    const { stderr, usage } = splitRunTrailer(Buffer.from(`oops\n${NONCE} 3 1000000 1000000 8`), NONCE);
    expect(stderr.toString()).toBe('oops');
    expect(usage?.exitCode).toBe(3);
  });

  it('reports unknown cpu and memory (-1) as null', () => {
    const { usage } = splitRunTrailer(Buffer.from(trailer('137 5000000000 -1 -1')), NONCE);
    expect(usage).toEqual({ exitCode: 137, wallMs: 5000, cpuMs: null, memoryBytes: null });
  });

  it('keeps binary bytes of the program output intact', () => {
    const program = Buffer.from([0xff, 0x00, 0xfe, 0x0a]);
    const { stderr } = splitRunTrailer(Buffer.concat([program, Buffer.from(trailer('0 1 1 1'))]), NONCE);
    expect(stderr.equals(program)).toBe(true);
  });

  it.each([
    ['another nonce', trailer('0 1 1 1', 'ffffffffffffffffffffffffffffffff')],
    ['a nonce that only starts the same', trailer('0 1 1 1', `${NONCE}0`)],
    ['a non-numeric field', trailer('0 abc 1 1')],
    ['a fractional field', trailer('0 1.5 1 1')],
    ['too few fields', trailer('0 1 1')],
    ['no trailer at all', 'just stderr\n'],
  ])('ignores %s and returns stderr unchanged', (_case, text) => {
    const input = Buffer.from(`err${text}`);
    const { stderr, usage } = splitRunTrailer(input, NONCE);
    expect(usage).toBeNull();
    expect(stderr.equals(input)).toBe(true);
  });
});

describe('parseCompileStatus', () => {
  it('reads code, wall, cpu and memory', () => {
    expect(parseCompileStatus('0 2500000000 2000000000 1048576\n')).toEqual({
      exitCode: 0,
      wallMs: 2500,
      cpuMs: 2000,
      memoryBytes: 1048576,
    });
  });

  it('reads a failed compile', () => {
    expect(parseCompileStatus('1 1000 0 0')).toEqual({ exitCode: 1, wallMs: 0, cpuMs: 0, memoryBytes: 0 });
  });

  it('tolerates runs of blanks', () => {
    expect(parseCompileStatus('  1\t3000000   -1 -1 ')).toEqual({ exitCode: 1, wallMs: 3, cpuMs: null, memoryBytes: null });
  });

  it.each(['', '0 1 2', 'x 1 2 3', '0 1 2 3e4'])('returns null for %j', (text) => {
    expect(parseCompileStatus(text)).toBeNull();
  });
});

describe('signalOf', () => {
  it.each([
    [137, 'SIGKILL'],
    [139, 'SIGSEGV'],
    [143, 'SIGTERM'],
    [134, 'SIGABRT'],
    [153, 'SIGXFSZ'],
    [168, 'SIG40'],
  ])('maps %i to %s', (code, signal) => {
    expect(signalOf(code)).toBe(signal);
  });

  it.each([0, 3, 1, 128, null])('returns null for %p', (code) => {
    expect(signalOf(code)).toBeNull();
  });
});

describe('splitStdoutMarker', () => {
  const nonce = 'n0nce';
  it('removes the last end-of-output marker and reports it', () => {
    expect(splitStdoutMarker(Buffer.from(`hello\n\n${nonce}\n`), nonce)).toEqual({ stdout: Buffer.from('hello\n'), found: true });
    expect(splitStdoutMarker(Buffer.from(`no newline\n${nonce}\n`), nonce)).toEqual({ stdout: Buffer.from('no newline'), found: true });
  });

  it('leaves output without the marker alone', () => {
    expect(splitStdoutMarker(Buffer.from('hello\n'), nonce)).toEqual({ stdout: Buffer.from('hello\n'), found: false });
    expect(splitStdoutMarker(Buffer.from(`\nother\n`), nonce).found).toBe(false);
  });
});
