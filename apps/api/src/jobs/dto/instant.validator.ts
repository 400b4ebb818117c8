import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A calendar date (midnight UTC) or a date-time with its time zone (Z or ±hh:mm). */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * The instant an ISO 8601 text names, or null. Stricter than Date.parse, which reads
 * 2025-02-30 as March 2nd and a date-time without a zone in the server's own zone.
 */
export function parseInstant(text: string): Date | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', , zoneHours = '0', zoneMinutes = '0'] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  const sameDay = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  if (!sameDay || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  if (Number(zoneHours) > 23 || Number(zoneMinutes) > 59) return null;
  const at = new Date(m[4] === undefined ? `${text}T00:00:00Z` : text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The property is an instant parseInstant reads; the message names the property and the format. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== null,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO 8601 date (2025-01-31) or date-time with a time zone (2025-01-31T12:00:00Z)`,
      },
    },
    options,
  );
}
