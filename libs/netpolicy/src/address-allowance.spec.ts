import { addressRefusal, parseAddressAllowance, parseAddressAllowances } from './address-allowance';

describe('egress address policy', () => {
  it('refuses loopback, private, link-local (metadata), unique-local and mapped addresses', () => {
    expect(addressRefusal('127.0.0.1', 80, [])).toBe('127.0.0.1 is a loopback address');
    expect(addressRefusal('10.1.2.3', 80, [])).toMatch(/private/);
    expect(addressRefusal('169.254.169.254', 80, [])).toMatch(/link-local/);
    expect(addressRefusal('fd00::1', 80, [])).toMatch(/unique-local/);
    expect(addressRefusal('::1', 80, [])).toMatch(/loopback/);
    expect(addressRefusal('::ffff:127.0.0.1', 80, [])).toMatch(/loopback/);
    expect(addressRefusal('0.0.0.0', 80, [])).toMatch(/unspecified/);
    expect(addressRefusal('93.184.216.34', 443, [])).toBeNull();
  });

  it('lets the operator allow an exact address and port, or a network', () => {
    const allowances = parseAddressAllowances(['127.0.0.1:8080', '10.0.0.0/8', '[::1]:9000']);
    expect(addressRefusal('127.0.0.1', 8080, allowances)).toBeNull();
    expect(addressRefusal('127.0.0.1', 8081, allowances)).toMatch(/loopback/);
    expect(addressRefusal('10.9.9.9', 1, allowances)).toBeNull();
    expect(addressRefusal('::1', 9000, allowances)).toBeNull();
    expect(addressRefusal('169.254.169.254', 80, allowances)).toMatch(/link-local/);
  });

  it('rejects what is not an address, CIDR or address:port', () => {
    expect(typeof parseAddressAllowance('localhost')).toBe('string');
    expect(typeof parseAddressAllowance('1.2.3.4:0')).toBe('string');
    expect(typeof parseAddressAllowance('1.2.3.4/40')).toBe('string');
  });
});
