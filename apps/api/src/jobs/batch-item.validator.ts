import { isPlainObject, validateBody } from '../common/body-validation';
import { DomainError } from '#contracts';
import { CreateJobDto } from './dto/create-job.dto';

/** Validates one batch item exactly as a single job body is validated (validateBody). */
export async function validateJobBody(item: unknown): Promise<CreateJobDto> {
  if (!isPlainObject(item)) throw DomainError.invalid('each job must be an object');
  return validateBody(CreateJobDto, item);
}
