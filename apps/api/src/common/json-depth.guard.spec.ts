import { tooDeep } from './json-depth.guard';

const nest = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('tooDeep', () => {
  it('names the field under which the body nests too deeply, without recursion', () => {
    expect(tooDeep({ function: { inputs: nest(100_000) } }, 10)).toBe('function.inputs');
    expect(tooDeep({ inputs: nest(50) }, 10)).toBe('inputs');
    expect(tooDeep({ jobs: [{ inputs: nest(50) }] }, 10)).toBe('jobs[0].inputs');
    expect(tooDeep({ other: nest(50) }, 10)).toBe('other.a.a.a');
  });

  it('passes bodies within the limit', () => {
    expect(tooDeep({ inputs: nest(5) }, 10)).toBeNull();
    expect(tooDeep('text', 1)).toBeNull();
  });
});
