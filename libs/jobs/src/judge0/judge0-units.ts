/** Judge0's decimal seconds ("0.002", "5.0", as Rails renders decimals) from milliseconds. */
export function seconds(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const text = String(ms / 1000);
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}

/** Milliseconds from Judge0 seconds, rounded up so a limit is never tightened below what was asked. */
export function milliseconds(secondsValue: number): number {
  return Math.ceil(secondsValue * 1000);
}

/** Whole kilobytes (Judge0's memory unit) from bytes. */
export function kilobytes(bytes: number | null | undefined): number | null {
  return bytes === null || bytes === undefined ? null : Math.round(bytes / 1024);
}
