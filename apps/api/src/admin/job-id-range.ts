/**
 * The UUID range that a job-id prefix covers, so a search by "the first characters" is a
 * range scan on the primary key rather than a text match over every row.
 */
export function uuidPrefixRange(prefix: string): { gte: string; lte: string } | null {
  const hex = prefix.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{1,32}$/.test(hex)) return null;
  return { gte: formatUuid(hex.padEnd(32, '0')), lte: formatUuid(hex.padEnd(32, 'f')) };
}

function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
