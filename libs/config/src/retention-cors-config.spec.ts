import { ConfigError, loadConfig } from './runq-config';

const BASE = { DATABASE_URL: 'postgresql://runq@localhost/runq', REDIS_URL: 'redis://localhost:6379' };

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('retention configuration', () => {
  it('keeps 30 days by default, in batches of 1000 rows 100 ms apart', () => {
    expect(loadConfig(BASE).retention).toEqual({ days: 30, batchSize: 1000, pauseMs: 100 });
  });

  it('reads the age, the batch and the pause; 0 days keeps jobs forever', () => {
    const env = { ...BASE, RUNQ_RETENTION_DAYS: '0', RUNQ_RETENTION_BATCH_SIZE: '500', RUNQ_RETENTION_PAUSE_MS: '0' };
    expect(loadConfig(env).retention).toEqual({ days: 0, batchSize: 500, pauseMs: 0 });
  });

  it.each([
    ['RUNQ_RETENTION_DAYS', '-1'],
    ['RUNQ_RETENTION_DAYS', '1.5'],
    ['RUNQ_RETENTION_DAYS', 'forever'],
    ['RUNQ_RETENTION_BATCH_SIZE', '0'],
    ['RUNQ_RETENTION_PAUSE_MS', '-5'],
  ])('names %s=%s', (name, value) => {
    expect(configError({ [name]: value })).toMatch(name);
  });
});

describe('CORS configuration', () => {
  it('allows no origin by default', () => {
    expect(loadConfig(BASE).cors).toEqual({ origins: [] });
  });

  it('reads a list of origins as browsers send them', () => {
    const config = loadConfig({ ...BASE, RUNQ_CORS_ORIGINS: 'https://App.example.com, http://localhost:5173/,https://x.example.com:443' });
    expect(config.cors.origins).toEqual(['https://app.example.com', 'http://localhost:5173', 'https://x.example.com']);
  });

  it('reads * alone as any origin', () => {
    expect(loadConfig({ ...BASE, RUNQ_CORS_ORIGINS: '*' }).cors.origins).toEqual(['*']);
    expect(configError({ RUNQ_CORS_ORIGINS: '*, https://a.example.com' })).toMatch(/RUNQ_CORS_ORIGINS is either \*/);
  });

  it.each([
    'app.example.com',
    'https://a.example.com/path',
    'https://a.example.com?x=1',
    'ftp://a.example.com',
    'https://u:p@a.example.com',
    '*.example.com',
  ])('names the bad entry %s', (entry) => {
    expect(configError({ RUNQ_CORS_ORIGINS: entry })).toContain(`RUNQ_CORS_ORIGINS entry "${entry}" is not an origin`);
  });
});
