import { signWebhook, verifyWebhook, webhookHeaders, WebhookSigningError } from './webhook-signature';

const SECRET = 'whsec_test';
const BODY = '{"id":"j1"}';
const TS = 1_700_000_000;
// Computed independently: python3 -c 'hmac.new(b"whsec_test", b"1700000000.{\"id\":\"j1\"}", hashlib.sha256).hexdigest()'
const KNOWN = 'sha256=dc498648beb37ef9558bf34aa28aad5dd4ab1f611dbc1c741bf02cdd69d71603';

describe('signWebhook', () => {
  it('matches a known HMAC-SHA256 vector over "<timestamp>.<body>"', () => {
    expect(signWebhook(SECRET, TS, BODY)).toBe(KNOWN);
  });

  it('refuses an empty secret and a bad timestamp', () => {
    expect(() => signWebhook('', TS, BODY)).toThrow(WebhookSigningError);
    expect(() => signWebhook(SECRET, 1.5, BODY)).toThrow(WebhookSigningError);
    expect(() => signWebhook(SECRET, -1, BODY)).toThrow(WebhookSigningError);
  });
});

describe('verifyWebhook', () => {
  it('accepts a fresh, untouched delivery (timestamp as number or header text)', () => {
    expect(verifyWebhook(SECRET, TS, BODY, KNOWN, 300, TS + 10)).toBe(true);
    expect(verifyWebhook(SECRET, String(TS), BODY, KNOWN, 300, TS - 10)).toBe(true);
  });

  it('rejects a tampered body, timestamp, signature or secret', () => {
    expect(verifyWebhook(SECRET, TS, '{"id":"j2"}', KNOWN, 300, TS)).toBe(false);
    expect(verifyWebhook(SECRET, TS + 1, BODY, KNOWN, 300, TS)).toBe(false);
    expect(verifyWebhook(SECRET, TS, BODY, KNOWN.replace(/.$/, '0'), 300, TS)).toBe(false);
    expect(verifyWebhook(SECRET, TS, BODY, KNOWN.slice(0, -2), 300, TS)).toBe(false);
    expect(verifyWebhook('whsec_other', TS, BODY, KNOWN, 300, TS)).toBe(false);
    expect(verifyWebhook('', TS, BODY, KNOWN, 300, TS)).toBe(false);
  });

  it('rejects a stale or future timestamp beyond the tolerance', () => {
    expect(verifyWebhook(SECRET, TS, BODY, KNOWN, 300, TS + 300)).toBe(true);
    expect(verifyWebhook(SECRET, TS, BODY, KNOWN, 300, TS + 301)).toBe(false);
    expect(verifyWebhook(SECRET, TS, BODY, KNOWN, 300, TS - 301)).toBe(false);
    expect(verifyWebhook(SECRET, TS, BODY, KNOWN, 60, TS + 61)).toBe(false);
  });

  it('rejects a timestamp header that is not plain digits', () => {
    expect(verifyWebhook(SECRET, `${TS}.0`, BODY, KNOWN, 300, TS)).toBe(false);
    expect(verifyWebhook(SECRET, ` ${TS}`, BODY, KNOWN, 300, TS)).toBe(false);
    expect(verifyWebhook(SECRET, '', BODY, KNOWN, 300, TS)).toBe(false);
  });

  it('uses the current time by default', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(SECRET, now, BODY, signWebhook(SECRET, now, BODY))).toBe(true);
    expect(verifyWebhook(SECRET, now - 3600, BODY, signWebhook(SECRET, now - 3600, BODY))).toBe(false);
  });
});

describe('webhookHeaders', () => {
  it('gives every delivery header, the signature matching the body', () => {
    expect(webhookHeaders(SECRET, 'j1', BODY, TS)).toEqual({
      'Content-Type': 'application/json',
      'User-Agent': 'runq-webhooks',
      'X-Runq-Job-Id': 'j1',
      'X-Runq-Timestamp': String(TS),
      'X-Runq-Signature': KNOWN,
    });
  });
});
