/** Builds CPR numbers for tests from their parts, using the rules under test only for the control digit search. */
import { passesModulus11 } from "../../src/core/cpr/cpr-rules";

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** Seventh digits that put a two-digit year in the given full year. */
export function seventhDigitsFor(year: number): number[] {
  const yy = year % 100;
  if (year >= 1900 && year <= 1999) return yy <= 36 ? [0, 1, 2, 3] : yy <= 57 ? [0, 1, 2, 3, 4, 9] : [0, 1, 2, 3, 4, 9];
  if (year >= 2000 && year <= 2036) return [4, 5, 6, 7, 8, 9];
  if (year >= 2037 && year <= 2057) return [5, 6, 7, 8];
  if (year >= 1858 && year <= 1899) return [5, 6, 7, 8];
  return [];
}

/** A ten-digit CPR for the date that passes modulus 11 (or fails it, when `valid` is false). */
export function makeCpr(year: number, month: number, day: number, seventh: number, serialSeed: number, valid = true): string {
  const date = pad(day) + pad(month) + pad(year % 100);
  for (let k = 0; k < 1000; k++) {
    const rest = pad((serialSeed + k) % 1000, 3);
    const digits = `${date}${seventh}${rest}`;
    if (passesModulus11(digits) === valid) return digits;
  }
  throw new Error("no serial found");
}

export function dashed(tenDigits: string): string {
  return `${tenDigits.slice(0, 6)}-${tenDigits.slice(6)}`;
}
