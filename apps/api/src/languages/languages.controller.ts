import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyed } from '../openapi/common-responses';
import { languageExample } from '../openapi/examples';
import { LanguageViewDoc } from './language-view.doc';
import { LanguagesService, type LanguageView } from './languages.service';

@ApiTags('languages')
@Controller('languages')
export class LanguagesController {
  constructor(private readonly languages: LanguagesService) {}

  @Get()
  @ApiOperation({ summary: 'Languages, versions, default limits and compiler flags' })
  @ApiKeyed()
  @ApiOkResponse({ type: [LanguageViewDoc], example: [languageExample] })
  list(): LanguageView[] {
    return this.languages.list();
  }
}
