import type { Request, Response } from 'express';
import { rejectDeepJson, tooDeepPath } from './json-depth';

const nest = (depth: number, leaf: unknown = 1) => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('tooDeepPath', () => {
  it('accepts bodies within the depth', () => {
    expect(tooDeepPath({ language: 'python', files: [{ name: 'a', content: 'x' }], limits: { timeoutMs: 1 } }, 3)).toBeNull();
    expect(tooDeepPath(nest(3), 3)).toBeNull();
  });

  it('names the path of the first value past the depth', () => {
    expect(tooDeepPath({ limits: { timeoutMs: nest(5) } }, 4)).toBe('limits.timeoutMs.a.a');
    expect(tooDeepPath({ files: [[[[]]]] }, 3)).toBe('files[0][0]');
  });

  it('walks 200 000 levels without exhausting the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(tooDeepPath({ files: deep }, 64)).toMatch(/^files\[0\]/);
  });
});

describe('rejectDeepJson', () => {
  function run(body: unknown) {
    const res = {
      statusCode: 0,
      payload: null as unknown,
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json(p: unknown) {
        this.payload = p;
        return this;
      },
    };
    const next = jest.fn();
    rejectDeepJson(8)({ body } as Request, res as unknown as Response, next);
    return { res, next };
  }

  it('answers 400 naming the field', () => {
    const { res, next } = run({ language: 'python', code: 'x', limits: { timeoutMs: nest(100) } });
    expect(next).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(400);
    expect(res.payload).toMatchObject({ message: 'limits.timeoutMs.a… is nested too deeply (at most 8 levels of objects and arrays)' });
  });

  it('passes other bodies on', () => {
    expect(run({ language: 'python', code: 'x' }).next).toHaveBeenCalled();
    expect(run(undefined).next).toHaveBeenCalled();
  });
});
