import { UnsupportedMediaTypeException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { validateBody } from './body-validation';
import { invalidRequest } from './validation-messages';

/**
 * The app's one validation pipe. Bodies go through validateBody (the same check as each item
 * of a batch); query and path parameters through Nest's pipe with the same messages.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      stopAtFirstError: false,
      exceptionFactory: invalidRequest,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (metadata.type !== 'body' || !type || !this.toValidate(metadata)) return super.transform(value, metadata);
    // Only a JSON body is parsed: anything else (text, a form, no Content-Type) leaves none.
    if (value === undefined) throw new UnsupportedMediaTypeException('Content-Type must be application/json');
    return validateBody(type as new () => object, value);
  }
}
