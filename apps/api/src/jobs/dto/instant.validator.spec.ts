import { parseInstant } from './instant.validator';

describe('parseInstant', () => {
  it.each([
    ['2025-01-31', '2025-01-31T00:00:00.000Z'],
    ['2025-01-31T12:30Z', '2025-01-31T12:30:00.000Z'],
    ['2025-01-31T12:30:15Z', '2025-01-31T12:30:15.000Z'],
    ['2025-01-31T12:30:15.123456Z', '2025-01-31T12:30:15.123Z'],
    ['2025-01-31T12:30:15+02:00', '2025-01-31T10:30:15.000Z'],
    ['2025-01-31T00:30:00-05:30', '2025-01-31T06:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a date-time without a zone (the server would guess one)', '2025-01-31T12:30:00'],
    ['a day past the month', '2025-02-30'],
    ['February 29th of a common year', '2025-02-29'],
    ['month 13', '2025-13-01'],
    ['hour 24', '2025-01-31T24:00:00Z'],
    ['minute 60', '2025-01-31T12:60:00Z'],
    ['a zone of 25 hours', '2025-01-31T12:00:00+25:00'],
    ['a timestamp number', '1738368000'],
    ['words', 'yesterday'],
    ['an empty text', ''],
    ['a space for T', '2025-01-31 12:00:00Z'],
    ['trailing text', '2025-01-31Zfoo'],
  ])('refuses %s', (_case, text) => {
    expect(parseInstant(text)).toBeNull();
  });
});
