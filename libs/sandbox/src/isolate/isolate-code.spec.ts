import { prepareCode, remapError, type PreparedCode } from './isolate-code';

const prepared = async (...args: Parameters<typeof prepareCode>) => {
  const out = await prepareCode(...args);
  if (!('kind' in out)) throw new Error(`unexpected compile error: ${out.message}`);
  return out as PreparedCode;
};

describe('isolate code preparation', () => {
  it('tells scripts, CommonJS and ES modules apart in JavaScript', async () => {
    expect((await prepared('javascript', 'main.js', 'INPUTS.x', null)).kind).toBe('script');
    expect((await prepared('javascript', 'main.js', 'exports.run = () => 1', 'run')).kind).toBe('commonjs');
    expect((await prepared('javascript', 'main.js', 'const a = 1;\nexport function run() {}', 'run')).kind).toBe('module');
    expect((await prepared('javascript', 'main.js', "import x from 'y';\nexports.run = x", 'run')).kind).toBe('module');
    expect((await prepared('javascript', 'main.mjs', 'globalThis.run = 1', 'run')).kind).toBe('module');
    // "export" inside a string is not a module.
    expect((await prepared('javascript', 'main.js', 'exports.run = () => "export default"', 'run')).kind).toBe('commonjs');
  });

  it('transpiles TypeScript without type checks and keeps a source map', async () => {
    const script = await prepared('typescript', 'main.ts', 'const n: number = INPUTS.x;\nn * 2', null);
    expect(script.kind).toBe('script');
    expect(script.code).toContain('const n = INPUTS.x;');
    expect(script.map).not.toBeNull();
    const module = await prepared('typescript', 'main.ts', 'export function run(i: { n: number }): number { return i.n }', 'run');
    expect(module.kind).toBe('commonjs');
    expect(module.code).toContain('module.exports');
  });

  it('reports a TypeScript syntax error with its position', async () => {
    expect(await prepareCode('typescript', 'main.ts', 'const a: number = 1;\nlet b = ;\n', null)).toMatchObject({
      name: 'CompileError',
      line: 2,
      column: 9,
      message: expect.stringMatching(/\(main\.ts:2:9\)$/),
    });
  });

  it('maps stack positions of transpiled code back to the TypeScript lines', async () => {
    const source = 'interface A { n: number }\ntype B = A;\n\nexport function run(i: B): number {\n  throw new Error("x" + i.n);\n}\n';
    const { code, map } = await prepared('typescript', 'main.ts', source, 'run');
    const jsLine = code.split('\n').findIndex((line) => line.includes('throw new Error')) + 1;
    const error = { name: 'Error', message: 'x1', stack: `Error: x1\n    at run (/work/main.ts:${jsLine}:9)`, line: jsLine, column: 9 };
    const mapped = remapError(error, 'main.ts', map);
    expect(mapped).toMatchObject({ line: 5, column: 9 });
    expect(mapped.stack).toContain('/work/main.ts:5:9');
    expect(remapError(error, 'main.js', null)).toBe(error);
  });
});
