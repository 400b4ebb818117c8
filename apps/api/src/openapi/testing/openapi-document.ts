import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import Ajv, { type ValidateFunction } from 'ajv';
import { RUNQ_CONFIG } from '#config';
import { buildOpenApiDocument } from '../openapi.setup';

/**
 * The OpenAPI document the API serves, built by the same builder from the same controllers, with every
 * provider mocked: no database, Redis or Docker. Only decorators are read; no handler runs.
 */
export async function buildDocumentWithoutServices(controllers: Type[]): Promise<OpenAPIObject> {
  const moduleRef = await Test.createTestingModule({ controllers })
    // MetricsTokenGuard reads its token when constructed; everything else only stores what it is given.
    .useMocker((token) => (token === RUNQ_CONFIG ? { metrics: { token: undefined } } : {}))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable` becomes "or null", and objects with listed properties
 * admit no others (as the validation pipe refuses unknown fields, and as answers should carry nothing undocumented).
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, properties, ...rest } = node as Schema;
  const schema = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)])) as Schema;
  if (properties) {
    schema.properties = Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, toJsonSchema(value)]));
    schema.additionalProperties ??= false;
  }
  return nullable ? { anyOf: [{ type: 'null' }, schema] } : schema;
}

/** Validators of values against the document's schemas (a component name, or an inline schema of the document). */
export function schemaValidator(document: OpenAPIObject): (schema: object) => ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const schemas = Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]);
  ajv.addSchema({ $id: 'openapi', components: { schemas: Object.fromEntries(schemas) } });
  // Inline schemas refer to components as `#/components/schemas/X`: point them at the document.
  const rebase = (node: unknown): unknown =>
    JSON.parse(JSON.stringify(toJsonSchema(node)).replaceAll('"#/components/', '"openapi#/components/'));
  return (schema) => ajv.compile(rebase(schema) as Schema);
}
