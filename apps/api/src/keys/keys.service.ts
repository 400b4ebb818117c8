import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
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
    if (!Object.keys(changes).length) throw new BadRequestException('nothing to change: send name, rateLimitPerMinute or maxActiveJobs');
    if (changes.name === null) throw new BadRequestException('name must be a string');
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

function notFound(id: string): NotFoundException {
  return new NotFoundException(`key ${id} was not found`);
}
