/** class-transformer transform for text booleans (environment variables, query strings): 'true'/'1', 'false'/'0'. */
export const booleanFromText = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
