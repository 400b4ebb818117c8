import type { ValidationError } from 'class-validator';
import { DomainError } from '#contracts';

/** At most this many messages in one answer: a body with thousands of wrong fields gets the first ones. */
const MAX_MESSAGES = 50;

/**
 * Which of a property's failed constraints to report: an unknown property, then a wrong type or
 * value set, then emptiness, then ranges and patterns ("must be a number" rather than
 * "must not be less than 0.05" for `"1"`). Unlisted constraints come last.
 */
const RANK: Record<string, number> = {
  whitelistValidation: 0,
  isDefined: 0,
  isString: 1,
  isInt: 1,
  isNumber: 1,
  isBoolean: 1,
  isArray: 1,
  isObject: 1,
  isIn: 1,
  isEnum: 1,
  nestedValidation: 2,
  isNotEmpty: 3,
  arrayMinSize: 3,
  minLength: 3,
};

/**
 * One message per wrong property, naming it by its full path (`limits.cpus`, `files.0.name`):
 * the first thing wrong with it (see RANK). Messages of class-validator name only the property
 * itself; the path of its parents is put in place of that name, never in front of it.
 */
export function validationMessages(errors: ValidationError[]): string[] {
  const out: string[] = [];
  const pending: [ValidationError, string][] = errors.map((error) => [error, '']).reverse() as [ValidationError, string][];
  while (pending.length && out.length < MAX_MESSAGES) {
    const [error, parent] = pending.pop()!;
    const property = String(error.property);
    const path = parent ? `${parent}.${property}` : property;
    const first = Object.entries(error.constraints ?? {}).sort(([a], [b]) => (RANK[a] ?? 9) - (RANK[b] ?? 9))[0];
    if (first) out.push(withPath(first[0], first[1], property, path));
    for (const child of [...(error.children ?? [])].reverse()) pending.push([child, path]);
  }
  return out;
}

function withPath(constraint: string, message: string, property: string, path: string): string {
  if (constraint === 'whitelistValidation') return `property ${path} should not exist`;
  if (path === property) return message;
  for (const lead of [
    `${property} `,
    `each value in ${property} `,
    `each value in nested property ${property} `,
    `nested property ${property} `,
  ]) {
    if (message.startsWith(lead)) return `${lead.slice(0, -property.length - 1)}${path} ${message.slice(lead.length)}`;
  }
  return `${path}: ${message}`;
}

/** The refusal of a request that failed validation, every message listed (as the native API always answered). */
export function invalidRequest(errors: ValidationError[]): DomainError {
  const messages = validationMessages(errors);
  return new DomainError('invalid_request', messages.join('; '), { messages });
}
