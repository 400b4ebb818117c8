import { toStageResult } from './stage-result';

describe('toStageResult', () => {
  const usage = { exitCode: 0, wallMs: 1, cpuMs: 1, memoryBytes: 1 };

  it('keeps valid UTF-8 output as text', () => {
    const result = toStageResult(Buffer.from('héllo ✓\n'), Buffer.from('warn'), usage, null, 1, false);
    expect(result).toMatchObject({ stdout: 'héllo ✓\n', stderr: 'warn', encoding: 'utf8' });
  });

  it('returns output with NUL bytes as base64 (valid UTF-8, but not storable as JSON text in Postgres)', () => {
    const bytes = Buffer.from([0, 1, 2, 3, 4]);
    const result = toStageResult(bytes, Buffer.from('text'), null, 0, 1, false);
    expect(result.encoding).toBe('base64');
    expect(Buffer.from(result.stdout, 'base64').equals(bytes)).toBe(true);
  });

  it('returns both streams as base64 when either is not UTF-8, losing no byte', () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x0a]);
    const result = toStageResult(bytes, Buffer.from('text'), usage, null, 1, false);
    expect(result.encoding).toBe('base64');
    expect(Buffer.from(result.stdout, 'base64').equals(bytes)).toBe(true);
    expect(Buffer.from(result.stderr, 'base64').toString()).toBe('text');
  });

  it('does not call text binary because the byte cap cut a character in two', () => {
    const cut = Buffer.from('ab✓').subarray(0, 4); // '✓' is 3 bytes: keep only its first
    expect(toStageResult(cut, Buffer.alloc(0), usage, null, 1, true)).toMatchObject({ stdout: 'ab', encoding: 'utf8' });
    expect(toStageResult(cut, Buffer.alloc(0), usage, null, 1, false).encoding).toBe('base64');
  });
});
