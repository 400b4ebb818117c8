import { DomainError } from '#contracts';

/** With the u flag a lone surrogate is a code point of its own, in category Cs; a valid pair is not. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Function inputs live in `json` columns, which keep U+0000; every other text goes to `text` or `jsonb`, which cannot. */
const NUL_STORABLE = /^(function\.)?inputs\b/;
/** Texts that have a base64 form for binary data. */
const HAS_BASE64 = /^(stdin|expectedOutput|tests\[\d+\]\.(stdin|expectedOutput)|files\[\d+\]\.content)$/;
const MAX_PATH = 100;

/**
 * Refuses text that cannot be stored, naming the field (`stdin`, `files[1].content`,
 * `inputs.user.name`): an unpaired UTF-16 surrogate anywhere (it is not Unicode, and the
 * database driver rejects it), NUL outside function inputs (Postgres text cannot hold it),
 * and a `__proto__` key in function inputs (elsewhere it is an unknown property already).
 */
export function checkStorableText(request: object): void {
  const problem = findUnstorable(request, '');
  if (problem) throw DomainError.invalid(problem.message, problem.field);
}

interface Problem {
  field: string;
  message: string;
}

// Recursion is bounded: bodies nested deeper than the inputs depth limit are refused before validation (json-depth.guard).
function findUnstorable(value: unknown, path: string): Problem | null {
  if (typeof value === 'string') return textProblem(value, path);
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = findUnstorable(item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (LONE_SURROGATE.test(key)) {
      const at = shorten(path);
      return { field: at, message: `${at} has a key that is not valid Unicode (an unpaired UTF-16 surrogate)` };
    }
    // Stored JSON is rebuilt by assignment on the way to the database, where this key would set a prototype and vanish.
    if (key === '__proto__') {
      const at = shorten(path);
      return { field: at, message: `${at} has the key "__proto__", which cannot be stored; rename it` };
    }
    const problem = findUnstorable(item, field);
    if (problem) return problem;
  }
  return null;
}

function textProblem(text: string, path: string): Problem | null {
  const field = shorten(path);
  if (LONE_SURROGATE.test(text)) return { field, message: `${field} is not valid Unicode: it contains an unpaired UTF-16 surrogate` };
  if (text.includes('\0') && !NUL_STORABLE.test(path)) {
    const hint = HAS_BASE64.test(path) ? '; send binary data base64-encoded ("encoding": "base64")' : '';
    return { field, message: `${field} must not contain NUL characters${hint}` };
  }
  return null;
}

function shorten(path: string): string {
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}
