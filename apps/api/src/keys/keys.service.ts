import { Injectable } from '@nestjs/common';
import { DomainError } from '#contracts';
import { ApiKeyRepository, displayPrefix, generateApiKey, hashApiKey, type ApiKeyRow } from '#keys';
import { ApiKeyService } from '../auth/api-key.service';
import { isUuid } from '../jobs/job-cursor';
import type { CreateKeyDto, UpdateKeyDto } from './dto/key.dto';
import { presentKey, type KeyView } from './key.presenter';

/** Administration of API keys (admin endpoints); the CLI (scripts/keys.ts) works on the same rows. */
@Injectable()
export class KeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly auth: ApiKeyService,
  ) {}

  /** Mints a key; the only time the key itself is returned. */
  async create(dto: CreateKeyDto): Promise<KeyView & { key: string }> {
    const key = generateApiKey();
    const row = await this.keys.create({
      name: dto.name,
      role: dto.role ?? 'user',
      prefix: displayPrefix(key),
      hash: hashApiKey(key),
      rateLimitPerMinute: dto.rateLimitPerMinute ?? null,
      maxActiveJobs: dto.maxActiveJobs ?? null,
    });
    return { ...this.present(row), key };
  }

  async list(): Promise<KeyView[]> {
    return (await this.keys.list()).map((row) => this.present(row));
  }

  async get(id: string): Promise<KeyView> {
    return this.present(await this.find(id));
  }

  async update(id: string, dto: UpdateKeyDto): Promise<KeyView> {
    const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    if (!Object.keys(changes).length) throw DomainError.invalid('nothing to change: send name, rateLimitPerMinute or maxActiveJobs');
    if (changes.name === null) throw DomainError.invalid('name must be a string', 'name');
    const row = isUuid(id) ? await this.keys.update(id, changes) : null;
    if (!row) throw notFound(id);
    await this.auth.changed(id);
    return this.present(row);
  }

  /** Revokes a key (idempotent): requests with it are refused from then on. */
  async revoke(id: string): Promise<KeyView> {
    await this.find(id);
    await this.keys.revoke(id);
    await this.auth.changed(id);
    return this.present(await this.find(id));
  }

  private async find(id: string): Promise<ApiKeyRow> {
    const row = isUuid(id) ? await this.keys.findById(id) : null;
    if (!row) throw notFound(id);
    return row;
  }

  private present(row: ApiKeyRow): KeyView {
    return presentKey(row, this.auth.effectiveLimits(row));
  }
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', `key ${id} was not found`);
}
