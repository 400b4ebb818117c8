import { ConfigError, loadConfig } from './runq-config';

const BASE = { DATABASE_URL: 'postgresql://runq@localhost/runq', REDIS_URL: 'redis://localhost:6379' };

describe('function mode and egress configuration', () => {
  it('has egress off and the documented caps by default', () => {
    const config = loadConfig(BASE);
    expect(config.egress).toEqual({
      allow: [],
      allowPrivate: [],
      timeoutMs: 10_000,
      maxResponseBytes: 1024 * 1024,
      maxRequests: 20,
      socketDir: undefined,
    });
    expect(config.function).toEqual({
      maxInputsBytes: 1024 * 1024,
      maxInputsDepth: 32,
      maxResultBytes: 1024 * 1024,
      maxLogBytes: 64 * 1024,
    });
  });

  it('reads host patterns and private allowances', () => {
    const config = loadConfig({
      ...BASE,
      RUNQ_EGRESS_ALLOW: ' api.example.com, *.example.org:8443 ,*,[::1]:80',
      RUNQ_EGRESS_ALLOW_PRIVATE: '127.0.0.1:8080,10.0.0.0/8,[fd00::1]:9000',
    });
    expect(config.egress.allow).toEqual(['api.example.com', '*.example.org:8443', '*', '[::1]:80']);
    expect(config.egress.allowPrivate).toEqual(['127.0.0.1:8080', '10.0.0.0/8', '[fd00::1]:9000']);
  });

  it.each([
    ['RUNQ_EGRESS_ALLOW', 'http://api.example.com', /RUNQ_EGRESS_ALLOW entry "http:\/\/api\.example\.com" is not a host pattern/],
    ['RUNQ_EGRESS_ALLOW_PRIVATE', 'localhost:80', /RUNQ_EGRESS_ALLOW_PRIVATE entry "localhost:80" is not an address/],
    ['RUNQ_FUNCTION_MAX_INPUTS_DEPTH', '0', /RUNQ_FUNCTION_MAX_INPUTS_DEPTH/],
  ])('refuses a bad %s', (name, value, message) => {
    expect(() => loadConfig({ ...BASE, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, [name]: value })).toThrow(message);
  });
});
