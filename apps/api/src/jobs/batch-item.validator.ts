import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError } from '#contracts';
import { CreateJobDto } from './dto/create-job.dto';

function messages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) => (parent ? `${parent}.${text}` : text));
    return [...own, ...messages(error.children ?? [], path)];
  });
}

/** Validates one batch item exactly as the global ValidationPipe validates a single job body. */
export async function validateJobBody(item: unknown): Promise<CreateJobDto> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw DomainError.invalid('each job must be an object');
  const dto = plainToInstance(CreateJobDto, item, { enableImplicitConversion: false });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (!errors.length) return dto;
  const found = messages(errors);
  throw new DomainError('invalid_request', found.join('; '), { messages: found });
}
