import { formatPattern, parseHostPattern, patternMatches, patternWithin, type HostPattern } from './host-pattern';

const p = (text: string) => parseHostPattern(text) as HostPattern;

describe('host patterns', () => {
  it('parses hosts, wildcards, ports and IPv6 literals', () => {
    expect(p('API.example.com')).toEqual({ host: 'api.example.com', kind: 'exact', port: null });
    expect(p('*.example.com:8443')).toEqual({ host: 'example.com', kind: 'subdomains', port: 8443 });
    expect(p('*')).toEqual({ host: '', kind: 'any', port: null });
    expect(p('127.0.0.1:8080')).toEqual({ host: '127.0.0.1', kind: 'exact', port: 8080 });
    expect(p('[::1]:80')).toEqual({ host: '::1', kind: 'exact', port: 80 });
    for (const bad of ['http://x.com', 'a b', '*.', '*.*.com', 'x.com:0', 'x.com:70000', '', '[nothost]']) {
      expect(typeof parseHostPattern(bad)).toBe('string');
    }
  });

  it('matches hosts and ports', () => {
    expect(patternMatches(p('api.example.com'), 'api.example.com', 443)).toBe(true);
    expect(patternMatches(p('api.example.com'), 'other.example.com', 443)).toBe(false);
    expect(patternMatches(p('*.example.com'), 'a.b.example.com', 80)).toBe(true);
    expect(patternMatches(p('*.example.com'), 'example.com', 80)).toBe(false);
    expect(patternMatches(p('*.example.com'), 'badexample.com', 80)).toBe(false);
    expect(patternMatches(p('127.0.0.1:8080'), '127.0.0.1', 8081)).toBe(false);
    expect(patternMatches(p('*'), 'anything.org', 1)).toBe(true);
  });

  it('tells whether a job pattern lies within the server policy', () => {
    expect(patternWithin(p('api.example.com'), p('*.example.com'))).toBe(true);
    expect(patternWithin(p('*.api.example.com'), p('*.example.com'))).toBe(true);
    expect(patternWithin(p('*.example.com'), p('*.example.com'))).toBe(true);
    expect(patternWithin(p('example.com'), p('*.example.com'))).toBe(false);
    expect(patternWithin(p('*.example.com'), p('api.example.com'))).toBe(false);
    expect(patternWithin(p('*'), p('*.example.com'))).toBe(false);
    expect(patternWithin(p('host:80'), p('host'))).toBe(true);
    expect(patternWithin(p('host'), p('host:80'))).toBe(false);
    expect(patternWithin(p('x.org'), p('*'))).toBe(true);
  });

  it('formats patterns back', () => {
    for (const text of ['api.example.com', '*.example.com:8443', '*', '127.0.0.1:9', '[::1]:80']) expect(formatPattern(p(text))).toBe(text);
  });
});
