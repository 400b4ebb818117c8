import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ApiKey, ApiKeyRole } from './generated/client';
import { PrismaService } from './prisma.service';

export type ApiKeyRow = ApiKey;

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActiveByHash(hash: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findFirst({ where: { hash, revokedAt: null } });
  }

  async isActive(id: string): Promise<boolean> {
    return (await this.prisma.apiKey.count({ where: { id, revokedAt: null } })) === 1;
  }

  create(data: { name: string; prefix: string; hash: string; role: ApiKeyRole }): Promise<ApiKeyRow> {
    return this.prisma.apiKey.create({ data });
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
