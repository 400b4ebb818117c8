import { extractFrame } from './function-frame';

const TOKEN = 'a1b2c3';
const frame = (body: object) => `\n${TOKEN}\n${JSON.stringify(body)}\n${TOKEN}\n`;

describe('extractFrame', () => {
  it('takes the frame out of stdout and leaves the program output', () => {
    const body = { status: 'ok', result: { a: 1 }, logs: [], logsTruncated: false };
    const out = Buffer.from(`printed\nno newline${frame(body)}\nNONCE\n`);
    const { stdout, frame: found } = extractFrame(out, TOKEN);
    expect(found).toEqual(body);
    expect(stdout.toString()).toBe('printed\nno newline\nNONCE\n');
  });

  it('finds no frame without the token, or when the JSON is broken or not a frame', () => {
    const fake = `\nwrong\n{"status":"ok","logs":[]}\nwrong\n`;
    expect(extractFrame(Buffer.from(fake), TOKEN).frame).toBeNull();
    expect(extractFrame(Buffer.from(`\n${TOKEN}\n{broken\n${TOKEN}\n`), TOKEN).frame).toBeNull();
    expect(extractFrame(Buffer.from(frame({ status: 'maybe', logs: [] })), TOKEN).frame).toBeNull();
    expect(extractFrame(Buffer.from(`only one\n${TOKEN}\n`), TOKEN).frame).toBeNull();
  });

  it('uses the last frame when user output happens to contain the token line once', () => {
    const body = {
      status: 'error',
      error: { name: 'E', message: 'm', stack: null, line: null, column: null },
      logs: [],
      logsTruncated: false,
    };
    const out = Buffer.from(`x${frame(body)}`);
    expect(extractFrame(out, TOKEN).frame?.status).toBe('error');
  });
});
