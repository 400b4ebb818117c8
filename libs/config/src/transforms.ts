/** class-transformer transform for text booleans (environment variables, query strings): 'true'/'1', 'false'/'0'. */
export const booleanFromText = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** The non-empty, trimmed items of a separated list ("a, b,,c" -> ["a", "b", "c"]). */
export function listItems(text: string, separator = ','): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}
