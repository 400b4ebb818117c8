import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module';
import { LanguagesModule } from '../../languages/languages.module';
import { ScalingModule } from '../../scaling/scaling.module';
import { ApiExecuteController } from './api-execute.controller';
import { OriginalShapesService } from './original-shapes.service';
import { RunProgramController } from './run-program.controller';
import { ScriptCallController } from './script-call.controller';
import { SystemFactsService } from './system-facts.service';

/** The request shapes of the services runq replaces: thin adapters over the one job path. */
@Module({
  imports: [JobsModule, LanguagesModule, ScalingModule],
  controllers: [ScriptCallController, ApiExecuteController, RunProgramController],
  providers: [OriginalShapesService, SystemFactsService],
})
export class OriginalShapesModule {}
