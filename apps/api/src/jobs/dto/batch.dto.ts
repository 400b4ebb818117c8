import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray } from 'class-validator';
import { RawJson } from '../../common/body-validation';
import { CreateJobDto } from './create-job.dto';

/** Items are validated one by one (JobSubmissionService.createBatch), so one bad item does not sink the rest. */
export class BatchDto {
  @ApiProperty({ type: [CreateJobDto], minItems: 1, description: 'Job bodies (at most RUNQ_MAX_BATCH), each validated on its own' })
  @IsArray()
  @ArrayMinSize(1)
  @RawJson()
  jobs!: unknown[];
}
