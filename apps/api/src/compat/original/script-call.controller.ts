import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { scriptCallAnswer, type ScriptCallAnswer } from './function-answer.mapper';
import { SCRIPT_CALL_FIELDS, scriptCallJob } from './original-request.mapper';
import { ScriptCallDto } from './original-requests.dto';
import { ORIGINAL_SHAPES_TAG, ApiScriptCall } from './original-shapes.api-docs';
import { OriginalShapesService } from './original-shapes.service';

/** `POST /` (GET / stays the pages' redirect). */
@ApiTags(ORIGINAL_SHAPES_TAG)
@Controller()
export class ScriptCallController {
  constructor(private readonly shapes: OriginalShapesService) {}

  @Post()
  @HttpCode(200)
  @ApiScriptCall()
  async call(@Body() dto: ScriptCallDto, @CurrentCaller() caller: Caller): Promise<ScriptCallAnswer> {
    return scriptCallAnswer(
      await this.shapes.run(scriptCallJob(dto, this.shapes.maxTimeoutMs, this.shapes.isolateAvailable), caller, SCRIPT_CALL_FIELDS),
    );
  }
}
