/**
 * Birth dates on which the CPR office has issued valid CPR numbers that do NOT satisfy
 * the modulus-11 check (issued since 1 October 2007, when the mod-11 numbers ran out).
 *
 * Source: CPR-kontoret, "Personnumre uden kontrolciffer (modulus 11-kontrol)", cpr.dk,
 * list as published when read by the Sikker Post team on 2026-11-23. The CPR office says
 * the list may grow; an admin policy can add dates (`detection.cpr.noControlDigitDates`).
 */
export const NO_CONTROL_DIGIT_DATES_SOURCE = {
  publisher: "CPR-kontoret (Indenrigs- og Sundhedsministeriet)",
  title: "Personnumre uden kontrolciffer (modulus 11-kontrol)",
  readOn: "2026-11-23",
} as const;

const YEARS = [
  1960, 1962, 1964, 1965, 1966, 1967, 1969, 1970, 1974, 1975, 1978,
  1980, 1981, 1982, 1983, 1984, 1985, 1986, 1987, 1988, 1989, 1990, 1991, 1992,
  1994, 1995,
] as const;

/** ISO dates (YYYY-MM-DD): every one is 1 January of a listed year. */
export const NO_CONTROL_DIGIT_DATES: readonly string[] = YEARS.map((y) => `${y}-01-01`);
