import { assertDeliverableAddress, UndeliverableAddressError, validateCallbackUrl } from './callback-target';

describe('validateCallbackUrl', () => {
  it('accepts http(s) URLs with a hostname or a public address', () => {
    expect(validateCallbackUrl('https://hooks.example.com/runq?x=1', [])).toBeNull();
    expect(validateCallbackUrl('http://example.com:8080/hook', [])).toBeNull();
    expect(validateCallbackUrl('http://93.184.216.34/hook', [])).toBeNull();
    expect(validateCallbackUrl('http://[2606:4700::1111]/hook', [])).toBeNull();
  });

  it('lets hostnames through, even ones that will resolve to private addresses (delivery checks those)', () => {
    expect(validateCallbackUrl('http://localhost/hook', [])).toBeNull();
    expect(validateCallbackUrl('http://metadata.google.internal/x', [])).toBeNull();
  });

  it.each([
    ['not a url', 'absolute http(s) URL'],
    ['/relative/path', 'absolute http(s) URL'],
    ['', 'absolute http(s) URL'],
    ['ftp://example.com/x', 'http or https'],
    ['file:///etc/passwd', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['http://user:pw@example.com/x', 'user name or password'],
    ['http://user@example.com/x', 'user name or password'],
    [`https://example.com/${'a'.repeat(2048)}`, 'at most 2048'],
  ])('refuses %j', (url, problem) => {
    const message = validateCallbackUrl(url, []);
    expect(message).toMatch(/^callbackUrl /);
    expect(message).toContain(problem);
  });

  it.each([
    ['http://127.0.0.1/x', 'loopback'],
    ['http://127.8.9.10/x', 'loopback'],
    ['http://0x7f.1/x', 'loopback'], // the URL parser normalises this to 127.0.0.1
    ['http://2130706433/x', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['http://10.1.2.3/x', 'private'],
    ['http://172.16.0.1/x', 'private'],
    ['http://172.31.255.254/x', 'private'],
    ['http://192.168.1.1/x', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://169.254.0.1/x', 'link-local'],
    ['http://[fe80::1]/x', 'link-local'],
    ['http://[fc00::1]/x', 'unique-local'],
    ['http://[fd12:3456::1]/x', 'unique-local'],
    ['http://0.0.0.0/x', 'unspecified'],
    ['http://[::]/x', 'unspecified'],
    ['http://224.0.0.1/x', 'multicast'],
    ['http://[ff02::1]/x', 'multicast'],
    ['http://255.255.255.255/x', 'broadcast'],
    ['http://100.64.0.1/x', 'carrier-grade NAT'],
    ['http://192.0.2.1/x', 'reserved'],
    ['http://240.0.0.1/x', 'reserved'],
    ['http://198.18.0.1/x', 'benchmarking'],
    ['http://[2001:db8::1]/x', 'reserved'],
    ['http://[::ffff:127.0.0.1]/x', 'loopback'],
    ['http://[::ffff:169.254.169.254]/x', 'link-local'],
    ['http://[::ffff:10.0.0.1]/x', 'private'],
    ['http://[64:ff9b::a9fe:a9fe]/x', 'link-local'],
  ])('refuses the address in %s', (url, range) => {
    const message = validateCallbackUrl(url, []);
    expect(message).toMatch(/^callbackUrl address /);
    expect(message).toContain(`in a ${range} range`);
  });

  it('names the setting that allows a refused range', () => {
    expect(validateCallbackUrl('http://127.0.0.1:9000/hook', [])).toContain(
      'unless the server lists it in RUNQ_WEBHOOK_ALLOWED_NETWORKS (an address or CIDR, e.g. 127.0.0.1)',
    );
    expect(validateCallbackUrl('http://10.1.2.3/x', [])).toContain('RUNQ_WEBHOOK_ALLOWED_NETWORKS');
  });

  it('accepts a refused range when it is inside an allowed network', () => {
    expect(validateCallbackUrl('http://127.0.0.1:9000/x', ['127.0.0.0/8'])).toBeNull();
    expect(validateCallbackUrl('http://10.20.0.5/x', ['192.168.0.0/16', '10.20.0.0/16'])).toBeNull();
    expect(validateCallbackUrl('http://10.21.0.5/x', ['10.20.0.0/16'])).toMatch(/private/);
    expect(validateCallbackUrl('http://[::1]/x', ['::1/128'])).toBeNull();
    expect(validateCallbackUrl('http://[::ffff:127.0.0.1]/x', ['127.0.0.0/8'])).toBeNull();
    expect(validateCallbackUrl('http://192.168.1.7/x', ['192.168.1.7'])).toBeNull();
  });

  it('ignores allowed-network entries that do not parse', () => {
    expect(validateCallbackUrl('http://10.0.0.1/x', ['nonsense', '10.0.0.0/99'])).toMatch(/private/);
  });
});

describe('assertDeliverableAddress', () => {
  it('passes public addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34', '64:ff9b::808:808'])
      expect(() => assertDeliverableAddress(address, [])).not.toThrow();
  });

  it.each([
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '172.20.1.1',
    '192.168.0.1',
    '169.254.169.254',
    'fe80::1',
    'fc00::1',
    'fd00::1',
    '0.0.0.0',
    '::',
    '224.0.0.251',
    'ff02::fb',
    '255.255.255.255',
    '100.100.100.100',
    '192.0.0.1',
    '240.0.0.1',
    '2001:db8::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:192.168.0.1',
    '2002:7f00:1::1', // 6to4 wraps an IPv4 address we cannot vouch for
    '2001::1', // Teredo
    'fec0::1', // deprecated site-local: not global unicast
    '100::1', // discard-only
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(() => assertDeliverableAddress(address, [])).toThrow(UndeliverableAddressError);
    expect(() => assertDeliverableAddress(address, [])).toThrow(/^callback target address /);
  });

  it('honours allowed networks, for IPv4-mapped IPv6 too', () => {
    expect(() => assertDeliverableAddress('127.0.0.1', ['127.0.0.0/8'])).not.toThrow();
    expect(() => assertDeliverableAddress('::ffff:127.0.0.1', ['127.0.0.0/8'])).not.toThrow();
    expect(() => assertDeliverableAddress('::1', ['127.0.0.0/8'])).toThrow(/loopback/);
    expect(() => assertDeliverableAddress('fd00::7', ['fd00::/8'])).not.toThrow();
    expect(() => assertDeliverableAddress('169.254.169.254', ['10.0.0.0/8'])).toThrow(/link-local/);
  });
});
