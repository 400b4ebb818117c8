import { ApiProperty } from '@nestjs/swagger';
import { LimitsViewDoc } from '../jobs/dto/job-view.doc';
import type { FieldsDiffer, NoneDiffer } from '../openapi/doc-drift';
import type { LanguageView } from './languages.service';

/** The JSON shape of a GET /languages item, for the OpenAPI document. */
export class LanguageViewDoc {
  @ApiProperty({ example: 'python' }) id!: string;
  @ApiProperty({ example: 'Python 3' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '3.13.5', description: 'As reported by live workers' }) version!: string | null;
  @ApiProperty({
    type: [String],
    example: ['25.0.5', '21.0.9'],
    description: 'Every installed version, the default first; `version` selects one',
  })
  versions!: string[];
  @ApiProperty({ type: [String], example: ['py', 'python3'] }) aliases!: string[];
  @ApiProperty() compiled!: boolean;
  @ApiProperty({ example: 'main.py' }) fileName!: string;
  @ApiProperty({ type: [String], example: ['.py'] }) sourceExtensions!: string[];
  @ApiProperty({ type: LimitsViewDoc, description: 'Default limits' }) limits!: LimitsViewDoc;
  @ApiProperty({ type: [String], description: 'Allowed compileOptions' }) compileOptions!: string[];
  @ApiProperty({ description: 'A live worker of its pool has its image' }) available!: boolean;
  @ApiProperty({ description: 'The worker pool (RUNQ_POOLS) that runs it', example: 'default' }) pool!: string;
}

// Names exactly the fields of LanguageView (see doc-drift).
type _DocumentedFields = NoneDiffer<FieldsDiffer<LanguageViewDoc, LanguageView>>;
