import type { SchemaObject } from '@nestjs/swagger';

/**
 * The schema of a field that holds any JSON value (function inputs and results). OpenAPI 3.0 has no
 * "any" type that admits null, so the value types are listed and null is added with `nullable`.
 */
export const ANY_JSON: Pick<SchemaObject, 'oneOf' | 'nullable'> = {
  oneOf: [{ type: 'object' }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }],
  nullable: true,
};
