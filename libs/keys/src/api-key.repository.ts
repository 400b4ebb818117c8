import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, type ApiKeyRecord, type ApiKeyRole } from '#db';

export type ApiKeyRow = ApiKeyRecord;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Per-key limits as stored: null = the server default, 0 = unlimited. */
export interface ApiKeyLimits {
  rateLimitPerMinute?: number | null;
  maxActiveJobs?: number | null;
}

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActiveByHash(hash: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findFirst({ where: { hash, revokedAt: null } });
  }

  async isActive(id: string): Promise<boolean> {
    return (await this.prisma.apiKey.count({ where: { id, revokedAt: null } })) === 1;
  }

  /** Active keys whose id (when `reference` is a UUID) or name is `reference`; at most two, enough to tell a unique one. */
  findActiveByReference(reference: string): Promise<ApiKeyRow[]> {
    const byId = UUID.test(reference) ? [{ id: reference }] : [];
    return this.prisma.apiKey.findMany({ where: { revokedAt: null, OR: [...byId, { name: reference }] }, take: 2 });
  }

  findById(id: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findUnique({ where: { id } });
  }

  create(data: { name: string; prefix: string; hash: string; role: ApiKeyRole } & ApiKeyLimits): Promise<ApiKeyRow> {
    return this.prisma.apiKey.create({ data });
  }

  /** Changes name and/or limits; null when there is no such key. */
  async update(id: string, data: { name?: string } & ApiKeyLimits): Promise<ApiKeyRow | null> {
    try {
      return await this.prisma.apiKey.update({ where: { id }, data });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null;
      throw error;
    }
  }

  /** The key's webhook signing secret, created on first use (concurrent first uses agree). */
  async webhookSecret(id: string): Promise<string> {
    await this.prisma.apiKey.updateMany({
      where: { id, webhookSecret: null },
      data: { webhookSecret: `whsec_${randomBytes(24).toString('base64url')}` },
    });
    const row = await this.prisma.apiKey.findUniqueOrThrow({ where: { id }, select: { webhookSecret: true } });
    return row.webhookSecret!;
  }

  list(): Promise<ApiKeyRow[]> {
    return this.prisma.apiKey.findMany({ orderBy: { createdAt: 'asc' } });
  }

  async revoke(id: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return count === 1;
  }
}
