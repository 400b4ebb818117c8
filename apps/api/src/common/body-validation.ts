import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { DomainError } from '#contracts';
import { invalidRequest } from './validation-messages';

type Dto = new () => object;

const NULL_MEANS_ABSENT = Symbol('nullMeansAbsent');
const RAW_JSON = Symbol('rawJson');
/**
 * Keys class-transformer cannot be given: it drops them where it knows the type, and elsewhere
 * takes an object's `constructor` for a class to instantiate (a TypeError on JSON data).
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor']);

/** On a request body class: `null` for any optional field, at any depth of it, means the field is absent. */
export function NullMeansAbsent(): ClassDecorator {
  return (target) => Reflect.defineMetadata(NULL_MEANS_ABSENT, true, target);
}

/** A property that holds free JSON, kept exactly as sent: `__proto__` and `constructor` are ordinary keys there. */
export function RawJson(): PropertyDecorator {
  return (target, property) => {
    const keys: (string | symbol)[] = Reflect.getMetadata(RAW_JSON, target.constructor) ?? [];
    Reflect.defineMetadata(RAW_JSON, [...keys, property], target.constructor);
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed JSON body as an instance of `type`: it must be an object; unknown
 * properties (prototype keys included) are refused at every depth; optional fields that are
 * null are dropped when the class says so (NullMeansAbsent); free JSON (RawJson) is kept as
 * sent; every message names its field. The one way request bodies are validated, for a whole
 * body as for each item of a batch.
 */
export async function validateBody<T extends object>(type: new () => T, body: unknown): Promise<T> {
  if (!isPlainObject(body)) throw DomainError.invalid('body must be a JSON object');
  const dto = plainToInstance(type, withoutPrototypeKeys(body), { enableImplicitConversion: false });
  const problems: string[] = [];
  prepare(body, dto, '', Reflect.getMetadata(NULL_MEANS_ABSENT, type) === true, problems);
  if (problems.length) throw new DomainError('invalid_request', problems.join('; '), { messages: problems });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  if (errors.length) throw invalidRequest(errors);
  return dto;
}

/**
 * Walks the body alongside its typed copy: reports prototype keys where the type is known,
 * drops null optional fields, and puts free JSON back as sent.
 */
function prepare(raw: Record<string, unknown>, dto: object, path: string, dropNulls: boolean, problems: string[]): void {
  const typed = dto as Record<string, unknown>;
  const rawJson: (string | symbol)[] = Reflect.getMetadata(RAW_JSON, dto.constructor) ?? [];
  for (const [key, value] of Object.entries(raw)) {
    if (PROTOTYPE_KEYS.has(key)) {
      problems.push(`property ${path}${key} should not exist`);
      continue;
    }
    if (value === null && dropNulls && isOptional(dto.constructor as Dto, key)) {
      delete typed[key];
      continue;
    }
    if (rawJson.includes(key)) {
      typed[key] = value;
      continue;
    }
    const child = typed[key];
    if (isTyped(child) && isPlainObject(value)) prepare(value, child, `${path}${key}.`, dropNulls, problems);
    if (Array.isArray(child) && Array.isArray(value)) {
      child.forEach((item: unknown, i) => {
        const source: unknown = value[i];
        if (isTyped(item) && isPlainObject(source)) prepare(source, item, `${path}${key}.${i}.`, dropNulls, problems);
      });
    }
  }
}

/** The value itself, or (when it has any) a copy without prototype keys at any depth. Depth is bounded by json-depth.guard. */
function withoutPrototypeKeys(value: unknown): unknown {
  return hasPrototypeKey(value) ? stripped(value) : value;
}

function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (!PROTOTYPE_KEYS.has(key)) copy[key] = stripped(item);
  return copy;
}

function hasPrototypeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, item]) => PROTOTYPE_KEYS.has(key) || hasPrototypeKey(item));
}

/** An instance of a request class (free JSON stays plain objects and arrays). */
function isTyped(value: unknown): value is object {
  return isPlainObject(value) && Object.getPrototypeOf(value) !== Object.prototype;
}

const optionalCache = new Map<Dto, Set<string>>();

function isOptional(type: Dto, property: string): boolean {
  let optional = optionalCache.get(type);
  if (!optional) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', false, false);
    optional = new Set(metadata.filter((m) => m.name === 'isOptional').map((m) => m.propertyName));
    optionalCache.set(type, optional);
  }
  return optional.has(property);
}
