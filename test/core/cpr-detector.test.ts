import fc from "fast-check";
import { CprDetector, readCandidate, type CprMatch } from "../../src/core/cpr/cpr-detector";
import { birthDateOf, passesModulus11 } from "../../src/core/cpr/cpr-rules";
import { normaliseText } from "../../src/core/text/normalise";
import { dashed, makeCpr, seventhDigitsFor } from "../helpers/cpr-gen";

const today = { year: 2026, month: 11, day: 23 };
const detector = new CprDetector({ today });
const find = (text: string): CprMatch[] => detector.find(normaliseText(text).text);
const values = (text: string): string[] => find(text).map((m) => m.value);

const VALID = makeCpr(1972, 3, 15, 3, 400); // 150372-3xxx, mod 11 valid
const V = dashed(VALID);
const INVALID = makeCpr(1972, 3, 15, 3, 400, false);

describe("formats real mail contains", () => {
  const d = VALID;
  it.each([
    ["DDMMYY-SSSS", `${d.slice(0, 6)}-${d.slice(6)}`],
    ["DDMMYYSSSS", d],
    ["DDMMYY SSSS", `${d.slice(0, 6)} ${d.slice(6)}`],
    ["DD MM YY-SSSS", `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)}-${d.slice(6)}`],
    ["DD.MM.YY-SSSS", `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6)}`],
    ["DD-MM-YY-SSSS", `${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}-${d.slice(6)}`],
    ["en dash", `${d.slice(0, 6)}\u2013${d.slice(6)}`],
    ["non-breaking hyphen", `${d.slice(0, 6)}\u2011${d.slice(6)}`],
    ["minus sign", `${d.slice(0, 6)}\u2212${d.slice(6)}`],
    ["non-breaking space", `${d.slice(0, 6)}\u00a0${d.slice(6)}`],
    ["narrow no-break space", `${d.slice(0, 6)}\u202f${d.slice(6)}`],
    ["spaced dash", `${d.slice(0, 6)} - ${d.slice(6)}`],
    ["full-width digits", Array.from(`${d.slice(0, 6)}-${d.slice(6)}`, (c) => (c === "-" ? "－" : String.fromCharCode(c.charCodeAt(0) - 48 + 0xff10))).join("")],
    ["zero-width space inside", `${d.slice(0, 3)}\u200b${d.slice(3, 6)}-${d.slice(6)}`],
    ["soft hyphen inside", `${d.slice(0, 6)}\u00ad${d.slice(6)}`],
  ])("finds %s", (_name, written) => {
    expect(values(`Borgerens nummer er ${written}.`)).toEqual([V]);
  });

  it.each([
    ["brackets", `(${V})`],
    ["square brackets", `[${V}]`],
    ["quotes", `"${V}"`],
    ["a CSV row", `Hansen;${V};Vej 1`],
    ["a CSV row, comma separated", `Hansen,${VALID},x`],
    ["a tab-separated table", `Navn\t${V}\tNote`],
    ["a colon", `CPR:${V}`],
    ["the end of a sentence", `Se ${V}.`],
    ["the start of the text", `${V} er nævnt`],
    ["a line break", `nr.\n${V}\n`],
  ])("finds a number next to %s", (_name, text) => {
    expect(values(text)).toEqual([V]);
  });

  it("finds several numbers in a table and keeps their order", () => {
    const a = makeCpr(1985, 6, 1, 1, 100);
    const b = makeCpr(2004, 12, 24, 4, 200);
    const text = `Navn;CPR\nA;${dashed(a)}\nB;${b}\n`;
    expect(values(text)).toEqual([dashed(a), dashed(b)]);
  });

  it("does not take a number out of a longer digit run", () => {
    expect(values(`1${VALID}`)).toEqual([]);
    expect(values(`${VALID}1`)).toEqual([]);
    expect(values(`${V}1`)).toEqual([]);
  });

  // A tab between date and serial is now read (a number pasted from two spreadsheet cells): see cpr-forms.test.ts.
  it("does not join mixed date separators", () => {
    expect(values(`${VALID.slice(0, 2)}.${VALID.slice(2, 4)}-${VALID.slice(4, 6)}-${VALID.slice(6)}`)).toEqual([]);
  });
});

describe("date rules", () => {
  it("never reports a birth date in the future", () => {
    const tomorrow = makeCpr(2026, 11, 24, 4, 0);
    const todayCpr = makeCpr(2026, 11, 23, 4, 0);
    expect(values(tomorrow)).toEqual([]);
    expect(values(todayCpr)).toEqual([dashed(todayCpr)]);
  });

  it("reads the 1800s for 7th digit 5-8 and years 58-99", () => {
    const old = makeCpr(1890, 5, 5, 6, 0);
    expect(find(old)[0]?.birthDate).toBe("1890-05-05");
  });

  it("rejects 29 February outside leap years and 31 in short months", () => {
    // Any serial: the date alone rules these out, whatever modulus 11 says.
    for (const serial of ["1234", "4321", "0000", "2345"]) {
      expect(values(`290297${serial} 310490${serial} 310985${serial}`)).toEqual([]);
    }
  });

  it("accepts 29 February in a leap year", () => {
    const leap = makeCpr(1996, 2, 29, 2, 0);
    expect(values(leap)).toEqual([dashed(leap)]);
  });
});

describe("confidence", () => {
  it("is high for a modulus-11 valid number", () => {
    expect(find(V)[0]).toMatchObject({ confidence: "high", reasons: ["mod11_valid"], masked: `${V.slice(0, 6)}-XXXX` });
  });

  it("is high on a date without a control digit, even when modulus 11 fails", () => {
    const noControl = makeCpr(1990, 1, 1, 3, 0, false);
    expect(find(noControl)[0]).toMatchObject({ confidence: "high", reasons: ["no_control_digit_date"] });
  });

  it("lets the policy add dates without a control digit", () => {
    const n = makeCpr(1999, 1, 1, 3, 0, false);
    expect(find(n)[0]?.confidence).toBe("low");
    const extended = new CprDetector({ today, extraNoControlDigitDates: ["1999-01-01"] });
    expect(extended.find(n)[0]).toMatchObject({ confidence: "high", reasons: ["no_control_digit_date"] });
  });

  it("still reports a modulus-11 failure, at low confidence", () => {
    expect(find(INVALID)[0]).toMatchObject({ confidence: "low", reasons: ["mod11_invalid"] });
  });

  it.each(["CPR", "cpr-nr.", "CPR-nummer", "cprnr", "personnummer", "pers.nr.", "fødselsdato:", "CPR no.", "date of birth", "Civil registration number"])(
    "raises a modulus-11 failure to medium when %s stands just before",
    (kw) => {
      expect(find(`${kw} ${dashed(INVALID)}`)[0]).toMatchObject({ confidence: "medium", reasons: ["mod11_invalid", "cpr_keyword_nearby"] });
    },
  );

  // Changed deliberately: a number labelled as another kind of number is "low" (not counted by
  // the default policy), no longer "medium"; the reason stays in the finding.
  it.each(["kontonr.", "Konto", "reg.nr.", "p-nr.", "P-nummer", "fakturanr.", "Ordrenr.", "ordrenummer", "tlf.", "kundenr", "CVR-nr.", "invoice no."])(
    "does not count a valid number next to %s",
    (kw) => {
      expect(find(`${kw} ${VALID}`)[0]).toMatchObject({ confidence: "low", reasons: ["mod11_valid", "other_number_keyword_nearby"] });
    },
  );

  it("reads context only locally: a word elsewhere never hides a real CPR", () => {
    const text = `Ordrenummer 12345 og fakturanr. 9876 står øverst.\n${"Der er mange ord i denne sag. ".repeat(5)}\nBorgeren har ${V}.`;
    expect(find(text)[0]?.confidence).toBe("high");
  });

  it("does not read the label of an earlier number", () => {
    expect(find(`Kontonr. 12345678, CPR ${V}`)[0]?.confidence).toBe("high");
  });

  it("lowers a number that continues a longer one", () => {
    expect(find(`1234-${VALID}`)[0]).toMatchObject({ confidence: "medium", reasons: ["mod11_valid", "part_of_longer_number"] });
  });

  it("reports offsets that point at the number", () => {
    const text = `Se: ${V} tak`;
    const m = find(text)[0];
    expect(m && text.slice(m.start, m.end)).toBe(V);
  });
});

describe("properties", () => {
  const dateArb = fc
    .record({ year: fc.integer({ min: 1858, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
    .filter(({ year, month, day }) => year < 2026 || month < 11 || (month === 11 && day <= 23));
  const cprArb = fc
    .tuple(dateArb, fc.nat(), fc.nat(999))
    .map(([d, pick, seed]) => {
      const sevenths = seventhDigitsFor(d.year);
      const seventh = sevenths[pick % sevenths.length] ?? 0;
      return makeCpr(d.year, d.month, d.day, seventh, seed);
    });
  const formatArb = fc.constantFrom(
    (c: string) => dashed(c),
    (c: string) => c,
    (c: string) => `${c.slice(0, 6)} ${c.slice(6)}`,
    (c: string) => `${c.slice(0, 2)} ${c.slice(2, 4)} ${c.slice(4, 6)}-${c.slice(6)}`,
    (c: string) => `${c.slice(0, 2)}.${c.slice(2, 4)}.${c.slice(4, 6)}-${c.slice(6)}`,
    (c: string) => `${c.slice(0, 6)}\u2013${c.slice(6)}`,
    (c: string) => `${c.slice(0, 6)}\u00a0${c.slice(6)}`,
  );
  const around = fc.constantFrom(["", ""], ["(", ")"], ["CPR: ", "."], ["x;", ";y"], ["\t", "\n"], ["Hej ", " mvh"]);

  it("finds every valid CPR number in every supported format, at high confidence", () => {
    fc.assert(
      fc.property(cprArb, formatArb, around, (cpr, format, [before, after]) => {
        const found = find(`${before}${format(cpr)}${after}`);
        expect(found.map((m) => m.value)).toEqual([dashed(cpr)]);
        expect(found[0]?.confidence).toBe("high");
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a candidate only at a run of 2, 6 or 10 digits: at any other run readCandidate finds nothing, so find skips it", () => {
    // find tries readCandidate only where a digit run of those lengths starts; this is why that
    // gives the same matches as trying every run.
    const piece = fc.constantFrom("0", "1", "3", "9", "12", "010190", "0101901234", "45210", "2024", "17737.39", " ", "-", " - ", ".", "/", "\t", "x", "CPR ");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        for (let i = 0; i < text.length; i++) {
          const isDigit = (k: number): boolean => /[0-9]/.test(text[k] ?? "");
          if (!isDigit(i) || isDigit(i - 1)) continue;
          let end = i;
          while (isDigit(end)) end++;
          const run = end - i;
          if (run !== 2 && run !== 6 && run !== 10) expect(readCandidate(text, i)).toBeNull();
        }
      }),
      { numRuns: 3000 },
    );
    // And each of those lengths does start a candidate.
    expect(readCandidate("01.01.90-1234", 0)?.end).toBe(13);
    expect(readCandidate("010190 - 1234", 0)?.end).toBe(13);
    expect(readCandidate("0101901234", 0)?.end).toBe(10);
  });

  it("never reports digit strings whose date cannot exist", () => {
    const impossible = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 }))
      .map(([dd, mm, yy, s]) => [dd, mm, yy].map((n) => String(n).padStart(2, "0")).join("") + String(s).padStart(4, "0"))
      .filter((digits) => birthDateOf(digits) === null);
    fc.assert(
      fc.property(impossible, formatArb, (digits, format) => {
        expect(find(`nr ${format(digits)} her`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("never reports a future birth date", () => {
    const future = fc
      .record({ year: fc.integer({ min: 2027, max: 2036 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), seed: fc.nat(999), d7: fc.constantFrom(4, 5, 6, 7, 8, 9) })
      .map(({ year, month, day, seed, d7 }) => makeCpr(year, month, day, d7, seed));
    fc.assert(
      fc.property(future, (c) => {
        expect(find(c)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with the modulus-11 rule on every reported number", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 \-.]{0,60}$/), (s) => {
        for (const m of find(s)) {
          const digits = m.value.replace("-", "");
          expect(m.reasons.includes("mod11_valid")).toBe(passesModulus11(digits));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
