import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ArtifactQuery } from './dto/job-queries.dto';
import { findArtifact } from './job-artifacts';
import { ApiGetArtifact } from './job-artifacts.api-docs';
import { JobQueryService } from './job-query.service';

@ApiTags('jobs')
@Controller()
export class JobArtifactsController {
  constructor(private readonly queries: JobQueryService) {}

  /** One artifact, raw: never rendered by a browser in the API's origin (attachment, nosniff). */
  @Get('jobs/:id/artifacts/:name')
  @ApiGetArtifact()
  async download(
    @Param('id') id: string,
    @Param('name') name: string,
    @Query() query: ArtifactQuery,
    @CurrentCaller() caller: Caller,
    @Res() res: Response,
  ): Promise<void> {
    const artifact = findArtifact(await this.queries.get(id, caller), name, query.test);
    const file = name.slice(name.lastIndexOf('/') + 1);
    res
      .status(200)
      .type(artifact.mime)
      .attachment(file)
      .set({
        'X-Content-Type-Options': 'nosniff',
        'X-Artifact-Size': String(artifact.size),
        'X-Artifact-Truncated': String(artifact.truncated),
      })
      .send(Buffer.from(artifact.base64 ?? '', 'base64'));
  }
}
