import { ApiExcludeController } from '@nestjs/swagger';
import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RUNQ_CONFIG, type RunqConfig } from '#config';
import { AdminOnly } from '../auth/admin-only.decorator';
import { ApiKeyService } from '../auth/api-key.service';
import { CurrentCaller, type Caller } from '../auth/caller';
import { Public } from '../auth/public.decorator';
import { clearedSessionCookie, sessionCookie, sessionIdOf } from '../auth/session-cookie';
import { SessionStore } from '../auth/session.store';
import { LoginDto } from './dto/login.dto';

/** Dashboard login: an admin key in, an HttpOnly session cookie out; logout ends the session server-side. */
@ApiExcludeController()
@Controller('admin/api/session')
export class SessionController {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly sessions: SessionStore,
    @Inject(RUNQ_CONFIG) private readonly config: RunqConfig,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) res: Response): Promise<{ role: string; expiresInS: number }> {
    const caller = await this.keys.authenticate(body.key.trim());
    if (!caller) throw new UnauthorizedException('the API key is not valid');
    if (caller.role !== 'admin') throw new ForbiddenException('the dashboard needs an admin key');
    const id = await this.sessions.create(caller);
    res.setHeader('Set-Cookie', sessionCookie(id, this.sessions.ttlS, this.config.session.secureCookie));
    return { role: caller.role, expiresInS: this.sessions.ttlS };
  }

  @Get()
  @AdminOnly()
  whoami(@CurrentCaller() caller: Caller): { role: string; keyId: string } {
    return { role: caller.role, keyId: caller.keyId };
  }

  @Delete()
  @Public()
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const id = sessionIdOf(req);
    if (id) await this.sessions.destroy(id);
    res.setHeader('Set-Cookie', clearedSessionCookie(this.config.session.secureCookie));
  }
}
