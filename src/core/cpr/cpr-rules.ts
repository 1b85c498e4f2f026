/** The CPR office's rules for a personnummer: century from the 7th digit, real date, modulus 11. */

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Full year from the two-digit year and the 7th digit (first digit of the sequence number):
 *
 * | 7th digit | 00-36 | 37-57 | 58-99 |
 * | 0-3       | 1900  | 1900  | 1900  |
 * | 4, 9      | 2000  | 1900  | 1900  |
 * | 5-8       | 2000  | 2000  | 1800  |
 */
export function centuryYear(twoDigitYear: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + twoDigitYear;
  if (seventhDigit === 4 || seventhDigit === 9) return (twoDigitYear <= 36 ? 2000 : 1900) + twoDigitYear;
  return (twoDigitYear <= 57 ? 2000 : 1800) + twoDigitYear;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isRealDate(d: CalendarDate): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function isoDate(d: CalendarDate): string {
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** Modulus-11 control over the ten digits (weights 4,3,2,7,6,5,4,3,2,1). */
export function passesModulus11(tenDigits: string): boolean {
  if (tenDigits.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    sum += (tenDigits.charCodeAt(i) - 48) * (MOD11_WEIGHTS[i] ?? 0);
  }
  return sum % 11 === 0;
}

/** The birth date a ten-digit CPR number encodes, or null when no such date can exist. */
export function birthDateOf(tenDigits: string): CalendarDate | null {
  if (tenDigits.length !== 10) return null;
  for (let i = 0; i < 10; i++) {
    const c = tenDigits.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const two = (at: number): number => (tenDigits.charCodeAt(at) - 48) * 10 + tenDigits.charCodeAt(at + 1) - 48;
  const day = two(0);
  const month = two(2);
  const yy = two(4);
  const seventh = tenDigits.charCodeAt(6) - 48;
  const date = { year: centuryYear(yy, seventh), month, day };
  return isRealDate(date) ? date : null;
}

/** Today as a calendar date in the local time zone. */
export function calendarDateOf(date: Date): CalendarDate {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}
