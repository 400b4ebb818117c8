import type { ApiKeyRepository } from '#keys';
import { WebhooksController } from './webhooks.controller';

describe('WebhooksController', () => {
  it("returns the calling key's secret, asking the repository to create it if missing", async () => {
    const webhookSecret = jest.fn().mockResolvedValue('whsec_abc');
    const controller = new WebhooksController({ webhookSecret } as unknown as ApiKeyRepository);
    await expect(controller.secret({ keyId: 'key-1', role: 'user' })).resolves.toEqual({ secret: 'whsec_abc' });
    expect(webhookSecret).toHaveBeenCalledWith('key-1');
  });
});
