import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Artifact } from '#contracts';
import type { FieldsDiffer, NoneDiffer } from '../../openapi/doc-drift';

/** One artifact in a job's answer, for the OpenAPI document only (the code uses Artifact in #contracts). */
export class ArtifactDoc {
  @ApiProperty({ example: 'out/plot.png', description: 'Path relative to the work directory' }) name!: string;
  @ApiProperty({ type: 'integer', example: 20126, description: "The file's full size in bytes" }) size!: number;
  @ApiProperty({ example: 'image/png', description: 'Read from the bytes (text/csv for comma-separated tables)' }) mime!: string;
  @ApiProperty({ example: false, description: 'A cap cut the file: base64 holds only its start' }) truncated!: boolean;
  @ApiPropertyOptional({
    format: 'byte',
    description: 'The bytes, in single-job answers only (GET /jobs/:id, POST /execute); absent from lists and webhooks',
  })
  base64?: string;
}

type _DocumentedFields = [NoneDiffer<FieldsDiffer<ArtifactDoc, Artifact>>];
