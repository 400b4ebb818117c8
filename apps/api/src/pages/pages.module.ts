import { Module } from '@nestjs/common';
import { LanguagesModule } from '../languages/languages.module';
import { PagesController } from './pages.controller';
import { PlaygroundController } from './playground.controller';

/** The dashboard and playground pages; their assets and bull-board are mounted by mountPages. */
@Module({
  imports: [LanguagesModule],
  controllers: [PagesController, PlaygroundController],
})
export class PagesModule {}
