import { birthDateOf, centuryYear, isLeapYear, passesModulus11 } from "../../src/core/cpr/cpr-rules";
import { NO_CONTROL_DIGIT_DATES } from "../../src/core/cpr/no-control-digit-dates";

describe("century from the 7th digit and the two-digit year", () => {
  // Every cell edge of the CPR office's table.
  it.each([
    [0, 0, 1900], [36, 0, 1936], [37, 3, 1937], [57, 3, 1957], [58, 3, 1958], [99, 3, 1999],
    [0, 4, 2000], [36, 4, 2036], [37, 4, 1937], [57, 9, 1957], [58, 9, 1958], [99, 4, 1999],
    [0, 5, 2000], [36, 8, 2036], [37, 5, 2037], [57, 8, 2057], [58, 5, 1858], [99, 8, 1899],
  ])("year %i with 7th digit %i is %i", (yy, d7, expected) => {
    expect(centuryYear(yy, d7)).toBe(expected);
  });
});

describe("calendar", () => {
  it("knows leap years, including the century rules", () => {
    expect([1996, 2000, 2004, 1904].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([1900, 1800, 2001, 1997].map(isLeapYear)).toEqual([false, false, false, false]);
  });

  it("accepts 29 February only in leap years", () => {
    expect(birthDateOf("2902961234")).toEqual({ year: 1996, month: 2, day: 29 });
    expect(birthDateOf("2902971234")).toBeNull();
    expect(birthDateOf("2902004234")).toEqual({ year: 2000, month: 2, day: 29 }); // 2000 is a leap year
    expect(birthDateOf("2902000234")).toBeNull(); // 1900 is not
  });

  it("rejects impossible days and months", () => {
    expect(birthDateOf("3104901234")).toBeNull();
    expect(birthDateOf("0013901234")).toBeNull();
    expect(birthDateOf("0001901234")).toBeNull();
    expect(birthDateOf("3112991234")).toEqual({ year: 1999, month: 12, day: 31 });
  });
});

describe("modulus 11", () => {
  it("checks the weighted sum 4,3,2,7,6,5,4,3,2,1", () => {
    // 0707614285: 0*4+7*3+0*2+7*7+6*6+1*5+4*4+2*3+8*2+5*1 = 154 = 14*11
    expect(passesModulus11("0707614285")).toBe(true);
    expect(passesModulus11("0707614286")).toBe(false);
    expect(passesModulus11("070761428")).toBe(false);
  });
});

describe("the CPR office's dates without a control digit", () => {
  it("lists 1 January of exactly the published years", () => {
    const years = NO_CONTROL_DIGIT_DATES.map((d) => Number(d.slice(0, 4)));
    expect(years).toEqual([
      1960, 1962, 1964, 1965, 1966, 1967, 1969, 1970, 1974, 1975, 1978,
      1980, 1981, 1982, 1983, 1984, 1985, 1986, 1987, 1988, 1989, 1990, 1991, 1992, 1994, 1995,
    ]);
    expect(NO_CONTROL_DIGIT_DATES.every((d) => d.endsWith("-01-01"))).toBe(true);
  });
});
