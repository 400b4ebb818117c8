import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module';
import { LanguagesModule } from '../../languages/languages.module';
import { PistonController, PistonPackageManagerController } from './piston.controller';
import { PistonService } from './piston.service';

@Module({
  imports: [JobsModule, LanguagesModule],
  controllers: [PistonController, PistonPackageManagerController],
  providers: [PistonService],
})
export class PistonModule {}
