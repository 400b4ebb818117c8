import { ApiProperty } from '@nestjs/swagger';
import type { FieldsDiffer, NoneDiffer } from '../openapi/doc-drift';
import type { BacklogMetrics } from './backlog-metrics.service';

/** The JSON shape of GET /metrics/backlog, for the OpenAPI document. */
export class BacklogDoc {
  @ApiProperty({ description: 'The worker pool (RUNQ_POOLS) these figures are for', example: 'default' }) pool!: string;
  @ApiProperty({ type: 'integer', description: 'Demand in worker slots: waiting + prioritized + delayedDue + active' }) backlog!: number;
  @ApiProperty({ type: 'integer' }) waiting!: number;
  @ApiProperty({ type: 'integer' }) prioritized!: number;
  @ApiProperty({ type: 'integer', description: 'Delayed jobs whose time has come' }) delayedDue!: number;
  @ApiProperty({ type: 'integer' }) active!: number;
  @ApiProperty({ type: 'integer', description: 'Age of the oldest runnable job, 0 when none' }) oldestWaitingAgeMs!: number;
  @ApiProperty({ type: 'integer', description: 'Live workers of the pool' }) workers!: number;
  @ApiProperty({ type: 'integer', description: 'Job slots of live workers that reach Docker' }) capacity!: number;
}

// Names exactly the fields of BacklogMetrics (see doc-drift).
type _DocumentedFields = NoneDiffer<FieldsDiffer<BacklogDoc, BacklogMetrics>>;
