import { transform } from 'esbuild';
import { SourceMap } from 'node:module';
import type { FunctionError } from '#contracts';
import type { CodeKind } from './host-messages';

/** The job's entry as the host runs it, with the source map of a transpiled TypeScript file. */
export interface PreparedCode {
  kind: CodeKind;
  code: string;
  map: SourceMap | null;
}

const ES_MODULE = /^\s*(export\s|import\s[\s\S]*?\sfrom\s|import\s*['"{*])/m;

/**
 * JavaScript as it is (an ES module when it has import/export, else CommonJS, or a script
 * without a function name); TypeScript transpiled here by esbuild, without type checks
 * (it runs in milliseconds, where the container path's tsc takes a second).
 */
export async function prepareCode(
  languageId: string,
  entry: string,
  source: string,
  name: string | null,
): Promise<PreparedCode | FunctionError> {
  if (languageId !== 'typescript') {
    const kind: CodeKind = !name ? 'script' : entry.endsWith('.mjs') || ES_MODULE.test(source) ? 'module' : 'commonjs';
    return { kind, code: source, map: null };
  }
  try {
    const out = await transform(source, {
      loader: 'ts',
      format: name ? 'cjs' : undefined,
      sourcemap: 'external',
      sourcefile: entry,
      target: 'es2024',
    });
    return { kind: name ? 'commonjs' : 'script', code: out.code, map: new SourceMap(JSON.parse(out.map)) };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors?.[0];
    if (!first) throw error;
    const line = first.location?.line ?? null;
    const column = first.location ? first.location.column + 1 : null;
    const where = line === null ? '' : ` (${entry}:${line}:${column})`;
    // Named as the container path names a TypeScript compile failure.
    return { name: 'CompileError', message: `${first.text}${where}`, stack: null, line, column };
  }
}

/** Positions in transpiled code mapped back to the TypeScript source: in the stack and the error's line/column. */
export function remapError(error: FunctionError, entry: string, map: SourceMap | null): FunctionError {
  if (!map) return error;
  const original = (line: number, column: number) => {
    const found = map.findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number };
    return found.originalLine === undefined ? null : { line: found.originalLine + 1, column: (found.originalColumn ?? 0) + 1 };
  };
  const file = `/work/${entry}`;
  const stack =
    error.stack?.replaceAll(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g'),
      (whole, line: string, column: string) => {
        const at = original(Number(line), Number(column));
        return at ? `${file}:${at.line}:${at.column}` : whole;
      },
    ) ?? null;
  const at = error.line !== null && error.column !== null ? original(error.line, error.column) : null;
  return { ...error, stack, line: at?.line ?? error.line, column: at?.column ?? error.column };
}
