import { loadConfig } from './runq-config';

describe('logging and metrics configuration', () => {
  const BASE = { DATABASE_URL: 'postgresql://runq@localhost/runq', REDIS_URL: 'redis://localhost:6379' };

  it('defaults to JSON logs, an open API /metrics and a loopback worker listener on 9464', () => {
    const config = loadConfig(BASE);
    expect(config.logFormat).toBe('json');
    expect(config.metrics).toEqual({ token: undefined, worker: { enabled: true, host: '127.0.0.1', port: 9464 } });
  });

  it('reads the variables', () => {
    const config = loadConfig({
      ...BASE,
      RUNQ_LOG_FORMAT: 'pretty',
      RUNQ_METRICS_TOKEN: 'a-long-enough-token',
      RUNQ_WORKER_METRICS_PORT: '0',
      RUNQ_WORKER_METRICS_HOST: '0.0.0.0',
      RUNQ_WORKER_METRICS_ENABLED: 'false',
    });
    expect(config.logFormat).toBe('pretty');
    expect(config.metrics).toEqual({ token: 'a-long-enough-token', worker: { enabled: false, host: '0.0.0.0', port: 0 } });
  });

  it.each([
    ['RUNQ_LOG_FORMAT', 'xml'],
    ['RUNQ_METRICS_TOKEN', 'short'],
    ['RUNQ_METRICS_TOKEN', 'has a space in it, long enough'],
    ['RUNQ_WORKER_METRICS_PORT', '70000'],
    ['RUNQ_WORKER_METRICS_PORT', 'auto'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ ...BASE, [name]: value })).toThrow(name);
  });
});
