import type { CustomOrigin } from '@nestjs/common/interfaces/external/cors-options.interface';
import { corsOptions } from './cors-options';

const decide = (origin: CustomOrigin, requestOrigin: string | undefined) =>
  new Promise((resolve, reject) => origin(requestOrigin, (error, allowed) => (error ? reject(error) : resolve(allowed))));

describe('corsOptions', () => {
  it('allows exactly the configured origins', async () => {
    const { origin } = corsOptions(['https://app.example.com', 'http://localhost:5173']);
    expect(typeof origin).toBe('function');
    await expect(decide(origin as CustomOrigin, 'https://app.example.com')).resolves.toBe(true);
    await expect(decide(origin as CustomOrigin, 'http://localhost:5173')).resolves.toBe(true);
    await expect(decide(origin as CustomOrigin, 'https://evil.example.com')).resolves.toBe(false);
    await expect(decide(origin as CustomOrigin, 'https://app.example.com:8443')).resolves.toBe(false);
    await expect(decide(origin as CustomOrigin, undefined)).resolves.toBe(false);
  });

  it('answers any origin with * when configured so', () => {
    expect(corsOptions(['*']).origin).toBe('*');
  });

  it('lets pages send the API key, JSON and retry keys, read retry and replay headers, but never send credentials', () => {
    const options = corsOptions(['https://app.example.com']);
    expect(options.allowedHeaders).toEqual(expect.arrayContaining(['X-API-Key', 'Authorization', 'Content-Type', 'Idempotency-Key']));
    expect(options.exposedHeaders).toEqual(expect.arrayContaining(['Location', 'Retry-After', 'Idempotent-Replayed']));
    expect(options.methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
    expect(options.credentials).toBe(false);
  });
});
