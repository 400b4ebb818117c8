import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { PROGRAM_FIELDS, runProgramJob } from './original-request.mapper';
import { RunProgramDto } from './original-requests.dto';
import { ApiRunProgram, ORIGINAL_SHAPES_TAG } from './original-shapes.api-docs';
import { OriginalShapesService } from './original-shapes.service';
import { runAnswer, type RunAnswer } from './program-answer.mapper';

/** `POST /run/:language`. */
@ApiTags(ORIGINAL_SHAPES_TAG)
@Controller('run')
export class RunProgramController {
  constructor(private readonly shapes: OriginalShapesService) {}

  @Post(':language')
  @HttpCode(200)
  @ApiRunProgram()
  async run(@Param('language') language: string, @Body() dto: RunProgramDto, @CurrentCaller() caller: Caller): Promise<RunAnswer> {
    return runAnswer(await this.shapes.run(runProgramJob(language, dto), caller, PROGRAM_FIELDS));
  }
}
