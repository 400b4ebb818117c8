import { hashApiKey, type ApiKeyRepository, type ApiKeyRow } from '#keys';
import type { ApiKeyService } from '../auth/api-key.service';
import { KeysService } from './keys.service';

const ID = '6b6c5831-8f2e-4c1a-9d3e-0a1b2c3d4e5f';

describe('KeysService', () => {
  let stored: ApiKeyRow;
  const repo = {
    create: jest.fn(
      async (data: Partial<ApiKeyRow>) =>
        (stored = { id: ID, createdAt: new Date(0), revokedAt: null, webhookSecret: 'whsec_x', ...data } as ApiKeyRow),
    ),
    findById: jest.fn(async (id: string) => (id === ID ? stored : null)),
    update: jest.fn(async (id: string, data: Partial<ApiKeyRow>) => (id === ID ? (stored = { ...stored, ...data }) : null)),
    revoke: jest.fn(async () => ((stored = { ...stored, revokedAt: new Date(1000) }), true)),
  };
  const auth = {
    changed: jest.fn(async () => undefined),
    effectiveLimits: jest.fn(() => ({ rateLimitPerMinute: 600, maxActiveJobs: 100 })),
  };
  const service = new KeysService(repo as unknown as ApiKeyRepository, auth as unknown as ApiKeyService);

  it('mints a key, stores only its hash, and shows the key once', async () => {
    const created = await service.create({ name: 'ci', maxActiveJobs: 3 });
    expect(created.key).toMatch(/^rq_/);
    expect(repo.create).toHaveBeenCalledWith(
      expect.objectContaining({ hash: hashApiKey(created.key), role: 'user', maxActiveJobs: 3, rateLimitPerMinute: null }),
    );
    expect(created).toMatchObject({ id: ID, name: 'ci', role: 'user', prefix: created.key.slice(0, 9), maxActiveJobs: 3 });
    const shown = JSON.stringify(await service.get(ID));
    expect(shown).not.toContain(created.key);
    expect(shown).not.toContain(hashApiKey(created.key));
    expect(shown).not.toContain('whsec_');
  });

  it('changes limits (null back to the default) and drops the cached entry', async () => {
    const updated = await service.update(ID, { rateLimitPerMinute: 0, maxActiveJobs: null });
    expect(repo.update).toHaveBeenCalledWith(ID, { rateLimitPerMinute: 0, maxActiveJobs: null });
    expect(updated).toMatchObject({ rateLimitPerMinute: 0, maxActiveJobs: null });
    expect(auth.changed).toHaveBeenCalledWith(ID);
    await expect(service.update(ID, {})).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('revokes idempotently; unknown and malformed ids are 404', async () => {
    expect((await service.revoke(ID)).revokedAt).toBe(new Date(1000).toISOString());
    expect((await service.revoke(ID)).revokedAt).not.toBeNull();
    await expect(service.revoke('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.get("1'; DROP TABLE api_keys")).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.update('nope', { name: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    expect(repo.findById).not.toHaveBeenCalledWith('nope');
  });
});
