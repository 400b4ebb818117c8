/**
 * The argv of a stage as the runner reads it (`eval "set -- $(cat argv)"`): every word in
 * single quotes, a quote inside written as '\''. NUL cannot occur (rejected at the API).
 */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
}
