import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get } from '@nestjs/common';
import type { PlaygroundExample } from '#contracts';
import { LanguageRegistry } from '#languages';
import { Public } from '../auth/public.decorator';

/** Starting programs for the playground: the catalog's hello program of every language. */
@ApiExcludeController()
@Controller('playground')
@Public()
export class PlaygroundController {
  constructor(private readonly catalog: LanguageRegistry) {}

  @Get('examples')
  examples(): PlaygroundExample[] {
    return this.catalog.all.map((l) => ({ id: l.id, name: l.name, fileName: l.fileName, example: l.hello }));
  }
}
