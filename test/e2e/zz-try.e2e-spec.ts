import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expandArgv, LanguageRegistry } from '#languages';
import { PROGRAMS, SUM_STDIN, ARGS, isNotApplicable } from './conformance/programs';

jest.setTimeout(3_600_000);
const langs = (process.env.LANGS ?? '').split(/[ ,]+/).filter(Boolean);
const registry = new LanguageRegistry();

function docker(image: string, env: string[], dir: string, argv: string[], stdin = '') {
  const e = env.flatMap((x) => ['-e', x]);
  const t0 = Date.now();
  const r = spawnSync('docker', ['run', '--rm', '-i', '--network', 'none', '--user', '65534:65534', '--read-only', '--tmpfs', '/tmp:exec', '--memory', '1g', '--pids-limit', '256', '-v', `${dir}:/work`, '-w', '/work', ...e, `runqnext/${image}:build`, ...argv], { input: stdin, encoding: 'utf8' });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}

it('tries', () => {
  const lines: string[] = [];
  for (const id of langs) {
    const lang = registry.resolve(id, process.env.VERSION)!;
    const p = PROGRAMS[lang.id];
    const cases: [string, { name: string; content: string }[], string, string[], RegExp | string | null][] = [
      ['hello', [{ name: lang.fileName, content: p.hello }], '', [], 'hello\n'],
      ...(isNotApplicable(p.sum) ? [] : [['sum', [{ name: lang.fileName, content: p.sum }], SUM_STDIN, [], '42\n'] as any]),
      ...(isNotApplicable(p.args) ? [] : [['args', [{ name: lang.fileName, content: p.args }], '', ARGS, 'one\ntwo words\n'] as any]),
      ...(isNotApplicable(p.exit3) ? [] : [['exit3', [{ name: lang.fileName, content: p.exit3 }], '', [], null] as any]),
      ...(isNotApplicable(p.runtimeError) ? [] : [['runtimeError', [{ name: lang.fileName, content: p.runtimeError.code }], '', [], p.runtimeError.expect] as any]),
      ...(p.compileError ? [['compileError', [{ name: lang.fileName, content: p.compileError.code }], '', [], p.compileError.expect] as any] : []),
      ['twoFiles', p.twoFiles, '', [], 'hello from two files\n'],
    ];
    for (const [name, files, stdin, args, want] of cases) {
      const dir = mkdtempSync('/tmp/rq/w-');
      chmodSync(dir, 0o777);
      for (const f of files) { mkdirSync(dirname(join(dir, f.name)), { recursive: true }); writeFileSync(join(dir, f.name), f.content); }
      const names = files.map((f) => f.name);
      let verdict = '';
      let compile = null as ReturnType<typeof docker> | null;
      if (lang.compile) {
        compile = docker(lang.image, lang.env ?? [], dir, expandArgv(lang.compile, names[0], names, lang.sourceExtensions), '');
        if (name === 'compileError') {
          verdict = compile.code !== 0 && (want as RegExp).test(compile.out + compile.err) ? 'OK' : `BAD compile=${compile.code} ${JSON.stringify((compile.out + compile.err).slice(0, 600))}`;
          lines.push(`${id} ${name}: ${verdict} (${compile.ms} ms)`);
          continue;
        }
        if (compile.code !== 0) { lines.push(`${id} ${name}: COMPILE FAILED ${compile.code} ${JSON.stringify((compile.out + compile.err).slice(0, 800))}`); continue; }
      }
      const run = docker(lang.image, lang.env ?? [], dir, [...expandArgv(lang.run, names[0], names, lang.sourceExtensions), ...args], stdin);
      if (name === 'exit3') verdict = run.code === 3 ? 'OK' : `BAD code=${run.code} ${JSON.stringify(run.err.slice(0, 300))}`;
      else if (name === 'runtimeError') verdict = run.code !== 0 && (want as RegExp).test(run.err) ? 'OK' : `BAD code=${run.code} out=${JSON.stringify(run.out.slice(0, 200))} err=${JSON.stringify(run.err.slice(0, 600))}`;
      else verdict = run.code === 0 && run.out === want ? 'OK' : `BAD code=${run.code} out=${JSON.stringify(run.out.slice(0, 300))} err=${JSON.stringify(run.err.slice(0, 600))}`;
      lines.push(`${id} ${name}: ${verdict} (${compile ? compile.ms + '+' : ''}${run.ms} ms)`);
    }
  }
  console.log(lines.join('\n'));
});
