import { Body, Controller, Delete, Get, Header, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdminOnly } from '../auth/admin-only.decorator';
import { CreateKeyDto, UpdateKeyDto } from './dto/key.dto';
import type { KeyView } from './key.presenter';
import { CreateKeyApi, GetKeyApi, KeysApi, ListKeysApi, RevokeKeyApi, UpdateKeyApi } from './keys.api-docs';
import { KeysService } from './keys.service';

/** API key administration; admin keys only. */
@Controller('keys')
@AdminOnly()
@KeysApi()
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  /** 201 with the new key in `key`: shown this once, never stored. */
  @Post()
  @CreateKeyApi()
  @Header('Cache-Control', 'no-store')
  async create(@Body() dto: CreateKeyDto, @Res({ passthrough: true }) res: Response): Promise<KeyView & { key: string }> {
    const created = await this.keys.create(dto);
    res.status(201).location(`/keys/${created.id}`);
    return created;
  }

  @Get()
  @ListKeysApi()
  async list(): Promise<{ items: KeyView[] }> {
    return { items: await this.keys.list() };
  }

  @Get(':id')
  @GetKeyApi()
  get(@Param('id') id: string): Promise<KeyView> {
    return this.keys.get(id);
  }

  /** Name and limits; null resets a limit to the server default. */
  @Patch(':id')
  @UpdateKeyApi()
  update(@Param('id') id: string, @Body() dto: UpdateKeyDto): Promise<KeyView> {
    return this.keys.update(id, dto);
  }

  /** Revokes the key (idempotent); the key row stays for the jobs it submitted. */
  @Delete(':id')
  @RevokeKeyApi()
  revoke(@Param('id') id: string): Promise<KeyView> {
    return this.keys.revoke(id);
  }
}
