import { guessSignal, parseCompileStatus, signalName, splitRunTrailer, splitStdoutMarker } from './stage-report';

const NONCE = '0123456789abcdef0123456789abcdef';
const trailer = (fields: string, nonce = NONCE) => `\n${nonce} ${fields}\n`;

describe('splitRunTrailer', () => {
  it('strips the trailer and reads the usage from it', () => {
    const { stderr, usage } = splitRunTrailer(Buffer.from(`warning: x\n${trailer('0 1500000000 1200000000 4096')}`), NONCE);
    expect(stderr.toString()).toBe('warning: x\n');
    expect(usage).toEqual({ exitCode: 0, signal: null, limit: null, wallMs: 1500, cpuMs: 1200, memoryBytes: 4096 });
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
    expect(usage).toEqual({ exitCode: 42, signal: null, limit: null, wallMs: 2, cpuMs: 3, memoryBytes: 5 });
    expect(stderr.toString()).toBe(`before${trailer('1 1000000 1000000 1')}middleafter`);
  });

  it('accepts a trailer without a final newline', () => {
    const { stderr, usage } = splitRunTrailer(Buffer.from(`oops\n${NONCE} 3 1000000 1000000 8`), NONCE);
    expect(stderr.toString()).toBe('oops');
    expect(usage?.exitCode).toBe(3);
  });

  it('reports unknown cpu and memory (-1) as null', () => {
    const { usage } = splitRunTrailer(Buffer.from(trailer('137 5000000000 -1 -1')), NONCE);
    expect(usage).toEqual({ exitCode: 137, signal: 9, limit: null, wallMs: 5000, cpuMs: null, memoryBytes: null });
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
      signal: null,
      limit: null,
      wallMs: 2500,
      cpuMs: 2000,
      memoryBytes: 1048576,
    });
  });

  it('reads a failed compile', () => {
    expect(parseCompileStatus('1 1000 0 0')).toEqual({ exitCode: 1, signal: null, limit: null, wallMs: 0, cpuMs: 0, memoryBytes: 0 });
  });

  it('tolerates runs of blanks', () => {
    expect(parseCompileStatus('  1\t3000000   -1 -1 ')).toEqual({
      exitCode: 1,
      signal: null,
      limit: null,
      wallMs: 3,
      cpuMs: null,
      memoryBytes: null,
    });
  });

  it.each(['', '0 1 2', 'x 1 2 3', '0 1 2 3e4'])('returns null for %j', (text) => {
    expect(parseCompileStatus(text)).toBeNull();
  });
});

describe('the wait status and limit the supervisor reports', () => {
  it('takes an exit status above 128 for what it is when no signal ended the program', () => {
    const { usage } = splitRunTrailer(Buffer.from(trailer('200 1000000 1000000 1 0 -')), NONCE);
    expect(usage).toMatchObject({ exitCode: 200, signal: null, limit: null });
    expect(splitRunTrailer(Buffer.from(trailer('137 1000000 1000000 1 0 -')), NONCE).usage?.signal).toBeNull();
  });

  it('reads a real death by signal', () => {
    expect(splitRunTrailer(Buffer.from(trailer('139 1000000 1000000 1 11 -')), NONCE).usage).toMatchObject({ exitCode: 139, signal: 11 });
  });

  it.each([
    ['wall', 'wall'],
    ['cpu', 'cpu'],
    ['-', null],
  ])('reads the limit %s', (field, limit) => {
    expect(parseCompileStatus(`137 1 1 1 9 ${field}`)).toMatchObject({ signal: 9, limit });
  });

  it('guesses from the status when the supervisor could not report (signal -1), as for an older runner', () => {
    expect(parseCompileStatus('137 1 1 1 -1 -')).toMatchObject({ signal: 9, limit: null });
    expect(parseCompileStatus('137 1 1 1')).toMatchObject({ signal: 9, limit: null });
    expect(parseCompileStatus('254 1 1 1')).toMatchObject({ signal: null });
  });

  it.each(['0 1 1 1 x -', '0 1 1 1 0 later', '0 1 1 1 1.5 -'])('rejects a malformed report %j', (text) => {
    expect(parseCompileStatus(text)).toBeNull();
  });
});

describe('guessSignal', () => {
  it.each([
    [137, 9],
    [139, 11],
    [192, 64],
  ])('takes %i for signal %i', (code, signal) => {
    expect(guessSignal(code)).toBe(signal);
  });

  it.each([0, 3, 1, 128, 193, 200, 254, 255, null])('returns null for %p', (code) => {
    expect(guessSignal(code)).toBeNull();
  });
});

describe('signalName', () => {
  it.each([
    [9, 'SIGKILL'],
    [11, 'SIGSEGV'],
    [15, 'SIGTERM'],
    [6, 'SIGABRT'],
    [24, 'SIGXCPU'],
    [25, 'SIGXFSZ'],
    [40, 'SIG40'],
  ])('names %i %s', (signal, name) => {
    expect(signalName(signal)).toBe(name);
  });

  it.each([0, null])('returns null for %p', (signal) => {
    expect(signalName(signal)).toBeNull();
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
