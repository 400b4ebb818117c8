import { Controller, Get } from '@nestjs/common';
import { LanguagesService, type LanguageView } from './languages.service';

@Controller('languages')
export class LanguagesController {
  constructor(private readonly languages: LanguagesService) {}

  @Get()
  list(): LanguageView[] {
    return this.languages.list();
  }
}
