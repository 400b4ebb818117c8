import { loadConfig } from '#config';
import type { CreateJobDto } from './dto/create-job.dto';
import { buildFunction } from './function-request';

const BASE = { DATABASE_URL: 'postgresql://localhost/x', REDIS_URL: 'redis://localhost:6379' };
const withMode = (mode: string) => loadConfig({ ...BASE, RUNQ_ISOLATE: mode });
const build = (dto: Partial<CreateJobDto>, language = 'javascript', mode = 'on') =>
  buildFunction({ language, ...dto } as CreateJobDto, language, withMode(mode)).functionCall;
const refused = (dto: Partial<CreateJobDto>, message: RegExp, language = 'javascript', mode = 'on') => {
  expect(() => build(dto, language, mode)).toThrow(expect.objectContaining({ code: 'invalid_request', field: 'isolation' }));
  expect(() => build(dto, language, mode)).toThrow(message);
};

describe('isolation of function jobs', () => {
  it('stores isolate when asked for JavaScript and TypeScript, and leaves the container implicit', () => {
    expect(build({ inputs: 1, isolation: 'isolate' })).toEqual({ name: null, inputs: 1, isolation: 'isolate' });
    expect(build({ function: { name: 'run' }, isolation: 'isolate' }, 'typescript')?.isolation).toBe('isolate');
    expect(build({ inputs: 1, isolation: 'container' })).toEqual({ name: null, inputs: 1 });
    expect(build({ inputs: 1 })).toEqual({ name: null, inputs: 1 });
  });

  it('makes isolate the default for eligible jobs when the operator says so', () => {
    expect(build({ inputs: 1 }, 'javascript', 'default')?.isolation).toBe('isolate');
    expect(build({ inputs: 1 }, 'python', 'default')?.isolation).toBeUndefined();
    expect(build({ inputs: 1, isolation: 'container' }, 'javascript', 'default')?.isolation).toBeUndefined();
    const twoFiles = [
      { name: 'main.js', content: '1' },
      { name: 'lib.js', content: '2' },
    ];
    expect(build({ inputs: 1, files: twoFiles as CreateJobDto['files'] }, 'javascript', 'default')?.isolation).toBeUndefined();
  });

  it('refuses isolate for other languages, several files, without function mode, and when it is off', () => {
    refused({ inputs: 1, isolation: 'isolate' }, /available for javascript, typescript, not python/, 'python');
    refused({ inputs: 1, isolation: 'isolate', files: [{}, {}] as CreateJobDto['files'] }, /single file/);
    refused({ code: '1', isolation: 'isolate' }, /needs function mode/);
    refused({ inputs: 1, isolation: 'isolate' }, /RUNQ_ISOLATE=off/, 'javascript', 'off');
  });
});
