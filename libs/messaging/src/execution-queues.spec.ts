import { ExecutionQueues } from './execution-queues';

describe('ExecutionQueues routing', () => {
  const queues = new ExecutionQueues({ host: '127.0.0.1', port: 1 }, { java: 'jvm', kotlin: 'jvm', c: 'native' });

  it('routes a language to its pool, and any other to default', () => {
    expect(queues.poolOf('java')).toBe('jvm');
    expect(queues.poolOf('c')).toBe('native');
    expect(queues.poolOf('python')).toBe('default');
    expect(queues.pools()).toEqual(['default', 'jvm', 'native']);
  });

  it('refuses a pool that is not configured', () => {
    expect(() => queues.forPool('gpu')).toThrow('unknown pool "gpu"');
  });
});
