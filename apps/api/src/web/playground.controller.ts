import { Controller, Get } from '@nestjs/common';
import { LanguageRegistry } from '#sandbox';
import { Public } from '../auth/public.decorator';

/** Starting programs for the playground: the catalog's hello program of every language. */
@Controller('playground')
@Public()
export class PlaygroundController {
  constructor(private readonly catalog: LanguageRegistry) {}

  @Get('examples')
  examples(): Record<string, string> {
    return Object.fromEntries(this.catalog.all.map((language) => [language.id, language.hello]));
  }
}
