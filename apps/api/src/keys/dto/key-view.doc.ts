import { ApiProperty } from '@nestjs/swagger';
import type { CallerLimits } from '../../auth/caller';
import type { FieldsDiffer, NoneDiffer } from '../../openapi/doc-drift';
import type { KeyView } from '../key.presenter';

/* The JSON shapes of /keys answers, for the OpenAPI document only. */

export class KeyLimitsDoc {
  @ApiProperty({ type: 'integer', example: 600, description: '0 = unlimited' }) rateLimitPerMinute!: number;
  @ApiProperty({ type: 'integer', example: 20, description: '0 = unlimited' }) maxActiveJobs!: number;
}

export class KeyViewDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ci' }) name!: string;
  @ApiProperty({ enum: ['user', 'admin'] }) role!: string;
  @ApiProperty({ example: 'rq_3Jk9', description: "The key's first characters, to recognise it" }) prefix!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Stored: null = the server default, 0 = unlimited' })
  rateLimitPerMinute!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Stored: null = the server default, 0 = unlimited' })
  maxActiveJobs!: number | null;
  @ApiProperty({ type: KeyLimitsDoc, description: 'The limits in force' }) effectiveLimits!: KeyLimitsDoc;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class CreatedKeyDoc extends KeyViewDoc {
  @ApiProperty({ example: 'rq_3Jk9…', description: 'The key itself: shown in this answer only, never stored' }) key!: string;
}

export class KeyListDoc {
  @ApiProperty({ type: [KeyViewDoc] }) items!: KeyViewDoc[];
}

// Each class names exactly the fields of the type it documents (see doc-drift).
type _DocumentedFields = [
  NoneDiffer<FieldsDiffer<KeyViewDoc, KeyView>>,
  NoneDiffer<FieldsDiffer<KeyLimitsDoc, CallerLimits>>,
  NoneDiffer<FieldsDiffer<CreatedKeyDoc, KeyView & { key: string }>>,
];
