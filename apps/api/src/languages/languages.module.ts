import { Module } from '@nestjs/common';
import { LanguageRegistry } from '#languages';
import { LanguagesController } from './languages.controller';
import { LanguagesService } from './languages.service';

@Module({
  controllers: [LanguagesController],
  providers: [LanguagesService, { provide: LanguageRegistry, useFactory: () => new LanguageRegistry() }],
  exports: [LanguagesService, LanguageRegistry],
})
export class LanguagesModule {}
