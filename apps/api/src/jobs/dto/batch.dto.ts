import { ArrayMinSize, IsArray } from 'class-validator';

/** Items are validated one by one (JobsService.createBatch), so one bad item does not sink the rest. */
export class BatchDto {
  @IsArray()
  @ArrayMinSize(1)
  jobs!: unknown[];
}
