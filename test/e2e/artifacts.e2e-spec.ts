/**
 * Artifacts: files a program leaves in its work directory come back on the job when it asks
 * with glob patterns, collected inside the container by the runner (no symlink followed,
 * capped while reading), listed without their bytes, downloadable one by one.
 */
import { Stack } from './support/stack';

jest.setTimeout(180_000);

let stack: Stack;
beforeAll(async () => {
  stack = await Stack.start('artifacts');
});
afterAll(async () => {
  await stack?.stop();
});

const CSV = 'x,y\n1,2\n3,4\n';
/** Every byte value, twice: a binary file is not text in any encoding. */
const BINARY = Buffer.from([...Array(512).keys()].map((i) => i % 256));

const C_PROGRAM = `
#include <stdio.h>
#include <sys/stat.h>
int main(void) {
  FILE *csv = fopen("table.csv", "w");
  fputs("x,y\\n1,2\\n3,4\\n", csv);
  fclose(csv);
  mkdir("out", 0755);
  FILE *bin = fopen("out/blob.bin", "wb");
  for (int i = 0; i < 512; i++) fputc(i % 256, bin);
  fclose(bin);
  puts("written");
  return 0;
}
`;

const execute = (body: object, key?: string) => stack.request('POST', '/execute', { body, key });
const bytesOf = (artifact: { base64: string }) => Buffer.from(artifact.base64, 'base64');

describe('artifacts', () => {
  let csvJob = '';

  it('brings back a CSV and a binary file a C program wrote, bytes exact, with their MIME types', async () => {
    const res = await execute({ language: 'c', code: C_PROGRAM, artifacts: ['*.csv', 'out/**'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'ok', run: { stdout: 'written\n' }, artifactPatterns: ['*.csv', 'out/**'] });
    const byName = Object.fromEntries(res.body.artifacts.map((a: any) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual(['out/blob.bin', 'table.csv']);
    expect(byName['table.csv']).toMatchObject({ size: CSV.length, mime: 'text/csv', truncated: false });
    expect(bytesOf(byName['table.csv']).toString()).toBe(CSV);
    expect(byName['out/blob.bin']).toMatchObject({ size: BINARY.length, mime: 'application/octet-stream', truncated: false });
    expect(bytesOf(byName['out/blob.bin']).equals(BINARY)).toBe(true);
    csvJob = res.body.id;
  });

  it('brings back nothing unless asked', async () => {
    const res = await execute({ language: 'c', code: C_PROGRAM });
    expect(res.body).toMatchObject({ outcome: 'ok', run: { stdout: 'written\n' } });
    expect(res.body).not.toHaveProperty('artifacts');
    expect(res.body).not.toHaveProperty('artifactPatterns');
  });

  it.each([['../etc/passwd'], ['/etc/passwd'], ['out/../../x'], ['a\\b']])(
    'refuses the pattern %s with a 400 naming artifacts',
    async (pattern) => {
      const res = await execute({ language: 'python', code: 'print(1)', artifacts: ['*.txt', pattern] });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('artifacts[1]');
    },
  );

  it('does not follow a symlink the program planted (to /etc/passwd, or to a directory outside)', async () => {
    const code = [
      'import os',
      'os.symlink("/etc/passwd", "leak.csv")',
      'os.symlink("/etc", "etc")',
      'os.mkfifo("pipe.csv")',
      'open("real.csv", "w").write("a,b\\n1,2\\n")',
    ].join('\n');
    const res = await execute({ language: 'python', code, artifacts: ['*.csv', '**'] });
    expect(res.body.outcome).toBe('ok');
    // The program's own source is a regular file under /work too; nothing behind a link is.
    expect(res.body.artifacts.map((a: any) => a.name)).toEqual(['main.py', 'real.csv']);
  });

  it('cuts a 30 MiB file at the per-file cap, marks it, and the job still completes', async () => {
    const code = 'with open("big.bin", "wb") as f:\n    f.write(b"\\x07" * (30 * 1024 * 1024))\nprint("done")';
    const res = await execute({ language: 'python', code, artifacts: ['big.bin'], limits: { memoryMb: 256 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', outcome: 'ok', run: { stdout: 'done\n' } });
    const [big] = res.body.artifacts;
    expect(big).toMatchObject({ name: 'big.bin', size: 30 * 1024 * 1024, truncated: true });
    const bytes = bytesOf(big);
    expect(bytes.length).toBe(8 * 1024 * 1024); // RUNQ_ARTIFACT_MAX_FILE_BYTES' default
    expect(bytes.every((b) => b === 7)).toBe(true);
  });

  it('gives back the files of a program its time limit ended', async () => {
    const code = 'import time\nopen("partial.txt", "w").write("so far")\ntime.sleep(60)';
    const res = await execute({ language: 'python', code, artifacts: ['*.txt'], limits: { timeoutMs: 1000 } });
    expect(res.body).toMatchObject({ outcome: 'timeout', artifacts: [{ name: 'partial.txt', size: 6, truncated: false }] });
  });

  it('serves one artifact raw with its content type, as an attachment, for the same key only', async () => {
    const url = (name: string) => `${stack.url}/jobs/${csvJob}/artifacts/${encodeURIComponent(name)}`;
    const csv = await fetch(url('table.csv'), { headers: { 'X-API-Key': stack.adminKey } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?table\.csv"?$/);
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await csv.text()).toBe(CSV);
    const blob = await fetch(url('out/blob.bin'), { headers: { 'X-API-Key': stack.adminKey } });
    expect(blob.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await blob.arrayBuffer()).equals(BINARY)).toBe(true);
    expect((await fetch(url('table.csv'), { headers: { 'X-API-Key': stack.userKey } })).status).toBe(404);
    expect((await fetch(url('missing.csv'), { headers: { 'X-API-Key': stack.adminKey } })).status).toBe(404);
  });

  it('lists jobs with artifact metadata only; GET /jobs/:id carries the bytes', async () => {
    const listed = await stack.request('GET', `/jobs?ids=${csvJob}`);
    const paged = await stack.request('GET', '/jobs?language=c&limit=5');
    for (const job of [listed.body.items[0], paged.body.items.find((j: any) => j.id === csvJob)]) {
      expect(job.artifacts.map((a: any) => a.name).sort()).toEqual(['out/blob.bin', 'table.csv']);
      expect(job.artifacts.every((a: any) => a.base64 === undefined && typeof a.mime === 'string')).toBe(true);
    }
    const one = await stack.request('GET', `/jobs/${csvJob}`);
    expect(one.body.artifacts.every((a: any) => typeof a.base64 === 'string')).toBe(true);
  });

  it('collects per test case when the job has tests', async () => {
    const code = 'import sys\nline = sys.stdin.read()\nopen("seen.txt", "w").write(line)\nprint(line.strip())';
    const tests = [
      { stdin: 'one\n', expectedOutput: 'one\n' },
      { stdin: 'two\n', expectedOutput: 'two\n' },
    ];
    const res = await execute({ language: 'python', code, tests, artifacts: ['seen.txt'] });
    expect(res.body.outcome).toBe('ok');
    expect(res.body.tests.map((t: any) => bytesOf(t.artifacts[0]).toString())).toEqual(['one\n', 'two\n']);
    const second = await fetch(`${stack.url}/jobs/${res.body.id}/artifacts/seen.txt?test=1`, { headers: { 'X-API-Key': stack.adminKey } });
    expect(await second.text()).toBe('two\n');
  });
});
