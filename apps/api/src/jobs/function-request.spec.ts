import { loadConfig } from '#config';
import type { CreateJobDto } from './dto/create-job.dto';
import { buildFunction, jsonDepth } from './function-request';

const BASE = { DATABASE_URL: 'postgresql://localhost/x', REDIS_URL: 'redis://localhost:6379' };
const config = loadConfig({ ...BASE, RUNQ_EGRESS_ALLOW: '*.example.com,api.other.org:443' });
const build = (dto: Partial<CreateJobDto>, language = 'javascript') =>
  buildFunction({ language, ...dto } as CreateJobDto, language, config);
const refused = (dto: Partial<CreateJobDto>, message: RegExp, language = 'javascript') => {
  expect(() => build(dto, language)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  expect(() => build(dto, language)).toThrow(message);
};

describe('buildFunction', () => {
  it('leaves plain programs alone', () => {
    expect(build({ code: '1' })).toEqual({ functionCall: null, network: null });
  });

  it('takes top-level inputs as the expression form, and function with a name as the call form', () => {
    expect(build({ inputs: { x: 5 } })).toEqual({ functionCall: { name: null, inputs: { x: 5 } }, network: null });
    expect(build({ function: { name: 'run' } })).toEqual({ functionCall: { name: 'run', inputs: null }, network: null });
    expect(build({ function: { name: 'handler', inputs: [1] } }, 'python').functionCall).toEqual({ name: 'handler', inputs: [1] });
  });

  it('refuses other languages, mixed inputs, tests and bad names', () => {
    refused(
      { function: { name: 'run' } },
      /function: function mode is available for javascript, typescript, python, python-ml, not c/,
      'c',
    );
    refused({ inputs: 1, function: { inputs: 2 } }, /either inputs or function\.inputs/);
    refused({ inputs: 1, tests: [{ expectedOutput: '1' }] }, /cannot be combined with tests/);
    refused({ function: { name: 'run$' } }, /Python identifier/, 'python');
  });

  it('caps inputs in depth and size', () => {
    refused({ inputs: JSON.parse('['.repeat(33) + ']'.repeat(33)) }, /^inputs is nested more than 32 levels deep/);
    refused({ function: { inputs: 'x'.repeat(1024 * 1024) } }, /^function\.inputs must be at most 1048576 bytes/);
    expect(jsonDepth({ a: [{ b: 1 }] }, 10)).toBe(3);
    expect(jsonDepth(7, 10)).toBe(0);
  });

  it('accepts network.allow within the server policy only', () => {
    expect(build({ inputs: {}, network: { allow: ['API.example.com', '*.x.example.com', 'api.other.org:443'] } }).network).toEqual({
      allow: ['api.example.com', '*.x.example.com', 'api.other.org:443'],
    });
    refused({ inputs: {}, network: { allow: ['api.other.org'] } }, /network\.allow\[0\] "api\.other\.org" is outside/);
    refused({ inputs: {}, network: { allow: ['example.com'] } }, /outside this server's egress policy/);
    refused({ inputs: {}, network: { allow: ['http://x'] } }, /network\.allow\[0\]: "http:\/\/x" is not a host pattern/);
    refused({ network: { allow: ['api.example.com'] } }, /network needs function mode/);
    const off = loadConfig(BASE);
    expect(() =>
      buildFunction({ language: 'javascript', inputs: {}, network: { allow: ['a.com'] } } as CreateJobDto, 'javascript', off),
    ).toThrow(/outbound HTTP is off/);
  });
});
