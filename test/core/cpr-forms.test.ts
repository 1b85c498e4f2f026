/**
 * CPR numbers as caseworkers really write them (separators, groupings next to a CPR label,
 * letters typed for digits) and look-alikes that must not count (numbers labelled as something
 * else, digits inside identifiers, registers of ten-digit numbers that are mostly not CPR numbers).
 */
import fc from "fast-check";
import { CprDetector, type CprMatch } from "../../src/core/cpr/cpr-detector";
import { passesModulus11 } from "../../src/core/cpr/cpr-rules";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { scanTextPart } from "../../src/core/scan/scan-text";
import { DEFAULT_LEXICON } from "../../src/core/terms/default-lexicon";
import { TermDetector } from "../../src/core/terms/term-detector";
import { normaliseText } from "../../src/core/text/normalise";
import { prng } from "../../bench/corpus";
import { dashed, makeCpr, seventhDigitsFor } from "../helpers/cpr-gen";

const today = { year: 2026, month: 11, day: 23 };
const detector = new CprDetector({ today });
const find = (text: string): CprMatch[] => detector.find(normaliseText(text).text);
const counts = (m: CprMatch): boolean => DEFAULT_POLICY.detection.cpr.countedConfidence.includes(m.confidence);
/** Values the default policy counts (high and medium). */
const counted = (text: string): string[] => find(text).filter(counts).map((m) => m.value);

const VALID = makeCpr(1972, 3, 15, 3, 400); // 150372-3xxx, modulus-11 valid
const V = dashed(VALID);
const MASKED = `${VALID.slice(0, 6)}-XXXX`;
const date = VALID.slice(0, 6);
const serial = VALID.slice(6);
const pairs = (d: string): string => `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)} ${d.slice(8)}`;
const spaced = (d: string): string => d.split("").join(" ");

describe("separator variants, found without a label", () => {
  it.each([
    ["a space before the dash", `${date} -${serial}`],
    ["a space after the dash", `${date}- ${serial}`],
    ["a dot", `${date}.${serial}`],
    ["an underscore", `${date}_${serial}`],
    ["a colon", `${date}:${serial}`],
    ["dots everywhere", `${date.slice(0, 2)}.${date.slice(2, 4)}.${date.slice(4)}.${serial}`],
    ["a double dash", `${date}--${serial}`],
    ["a double space", `${date}  ${serial}`],
    ["a non-breaking space and a space", `${date}\u00a0 ${serial}`],
    ["a space and a non-breaking space", `${date} \u00a0${serial}`],
    ["a tab (pasted from a spreadsheet)", `${date}\t${serial}`],
    ["two tabs (neighbouring HTML table cells)", `${date}\t\t${serial}`],
    ["a dash and a line break (a <br> after the dash)", `${date}-\n${serial}`],
    ["a dash, a space and a line break", `${date}- \n${serial}`],
  ])("finds %s", (_name, written) => {
    const text = `Borgerens nummer er ${written}, jf. telefonsamtalen.`;
    const found = find(text);
    expect(found.map((m) => m.value)).toEqual([V]);
    expect(found[0]).toMatchObject({ confidence: "high", masked: MASKED });
  });

  it("points start and end at the written span in the source text", () => {
    const detectors = { cpr: detector, terms: new TermDetector(DEFAULT_LEXICON) };
    for (const written of [`${date}\u00a0 ${serial}`, `${date} -${serial}`, `${date}\t${serial}`, `${date.slice(0, 2)}.${date.slice(2, 4)}.${date.slice(4)}.${serial}`]) {
      const source = `Vedr. borger ${written} – se vedhæftede.`;
      const [f] = scanTextPart(detectors, { part: "body", text: source }).filter((x) => x.kind === "cpr");
      expect(f && source.slice(f.where.start, f.where.end)).toBe(written);
    }
  });

  it("finds a number whose date and serial stand in two spreadsheet cells", () => {
    const row = `Hansen\tJens\t${date}\t${serial}\tVestergade 12\t8000 Aarhus C\n`;
    expect(counted(row)).toEqual([V]);
  });

  it("still does not join date separators that are mixed", () => {
    expect(find(`${date.slice(0, 2)}.${date.slice(2, 4)}-${date.slice(4)}-${serial}`)).toEqual([]);
  });
});

describe("groupings found only next to a CPR label", () => {
  const forms: [string, string][] = [
    ["digit pairs", pairs(VALID)],
    ["every digit spaced", spaced(VALID)],
    ["date and serial on two lines", `${date}\n${serial}`],
    ["a dotted date and the serial on two lines", `${date.slice(0, 2)}.${date.slice(2, 4)}.${date.slice(4)}\r\n${serial}`],
    ["every digit spaced, dash before the serial", `${spaced(date)} - ${spaced(serial)}`],
  ];

  it.each(forms)("finds %s after a CPR label", (_name, written) => {
    for (const label of ["CPR-nr.:", "Personnummer", "cpr", "Fødselsdato og løbenr.:", "CPR no."]) {
      const text = `${label} ${written}\nAdresse: Vestergade 12`;
      const found = find(text);
      expect(found.map((m) => m.value)).toEqual([V]);
      expect(found[0]).toMatchObject({ confidence: "high", masked: MASKED });
      expect(found[0]?.reasons).toContain("cpr_keyword_nearby");
      const m = found[0];
      expect(m && text.slice(m.start, m.end)).toBe(written);
    }
  });

  it.each(forms)("does not take %s without a label", (_name, written) => {
    expect(find(`Koden til døren er ${written}\nAdresse: Vestergade 12`)).toEqual([]);
  });

  it("reads a paper form pasted into a mail", () => {
    const form = [
      "ANSØGNING OM ENKELTYDELSE",
      "Navn: Jens Hansen",
      "CPR-nr.:",
      date,
      serial,
      "Adresse: Vestergade 12, 8000 Aarhus C",
      "Tlf.: 20 45 67 89",
    ].join("\n");
    expect(counted(form)).toEqual([V]);
  });

  it("does not take a longer spaced number apart", () => {
    expect(find(`CPR: ${spaced(VALID)} 7`)).toEqual([]);
    expect(find(`CPR: 12 ${pairs(VALID)}`)).toEqual([]);
    expect(find(`CPR: ${pairs(VALID)} 56`)).toEqual([]);
  });
});

describe("letters typed for digits, only next to a CPR label", () => {
  const lookalike = (s: string, to: Record<string, string>): string => s.replace(/[01]/g, (c) => to[c] ?? c);
  const born = makeCpr(1990, 10, 10, 1, 0); // 101090-1xxx: many zeros and ones
  it.each([
    ["O for 0", `${lookalike(born.slice(0, 6), { "0": "O" })}-${born.slice(6)}`],
    ["l for 1", `${born.slice(0, 6).replace(/1/g, "l")}-${born.slice(6)}`],
    ["I for 1", `${born.slice(0, 6).replace(/1/g, "I")}-${born.slice(6)}`],
  ])("reads %s after a CPR label", (_name, written) => {
    const text = `Borgerens CPR-nr. er ${written}.`;
    const found = find(text);
    expect(found.map((m) => m.value)).toEqual([dashed(born)]);
    const m = found[0];
    expect(m && text.slice(m.start, m.end)).toBe(written);
    expect(find(`Lokale ${written}.`)).toEqual([]);
  });
});

describe("digits inside an alphanumeric identifier are not a CPR number", () => {
  it.each([
    ["a hex-like id", "9a2406812x07f"],
    ["a hex id holding a valid number", `9a${VALID}x07f`],
    ["letters on both sides", `ID:A${VALID}B`],
    ["a letter after", `Ref. ${VALID}x`],
    ["a letter before a dashed number", `sag nr. A${V}`],
    ["a file name", `bilag_${VALID}b.pdf`],
  ])("%s", (_name, text) => {
    expect(find(text)).toEqual([]);
    expect(find(`CPR ${text}`)).toEqual([]);
  });
});

describe("a number labelled as something else does not count", () => {
  it.each([
    "faktura",
    "Fakturanr.",
    "kundenr.",
    "Kontonr.",
    "ordrenr.",
    "P-nr.",
    "P-nummer",
    "CVR",
    "SE-nr.",
    "journalnr.",
    "Sagsnr.",
    "customer no",
    "Invoice",
    "protocol no.",
  ])("%s", (label) => {
    const [m] = find(`Vi har modtaget ${label} ${VALID} i dag.`);
    expect(m).toMatchObject({ confidence: "low" });
    expect(m?.reasons).toContain("other_number_keyword_nearby");
  });

  it("sees the label past a bank registration number", () => {
    for (const text of [`Kontonr. 1234-${VALID}`, `Reg.nr. 1234 kontonr. ${VALID}`, `Reg.nr. 1234 ${VALID}`, `Konto: 1234 ${V}`]) {
      const [m] = find(text);
      expect(m?.confidence).toBe("low");
      expect(m?.reasons).toContain("other_number_keyword_nearby");
    }
  });

  it("counts it when a CPR label stands next to it too", () => {
    expect(find(`Kundenr. = CPR-nr.: ${V}`)[0]?.confidence).toBe("high");
  });

  it("still does not read the label of a longer earlier number", () => {
    expect(find(`Kontonr. 12345678, borgeren ${V}`)[0]?.confidence).toBe("high");
  });
});

describe("a register of ten-digit numbers that are mostly not CPR numbers", () => {
  /** A P-number-like ten-digit number (starts with 10) that fails as a CPR number. */
  function invalidNumber(rand: () => number): string {
    for (;;) {
      let s = "10";
      for (let k = 0; k < 8; k++) s += String(Math.floor(rand() * 10));
      if (find(s).filter(counts).length === 0) return s;
    }
  }
  function register(rand: () => number, size: number, accidental: number[]): { text: string; accidentalValues: string[] } {
    const rows: string[] = [];
    const accidentalValues: string[] = [];
    for (let k = 0; k < size; k++) {
      let nr = invalidNumber(rand);
      if (accidental.includes(k)) {
        nr = makeCpr(1910 + k, 1 + (k % 12), 10, 1, Math.floor(rand() * 900)); // a P-number that happens to pass
        accidentalValues.push(dashed(nr));
      }
      rows.push(`${nr}\tVirksomhed ${k + 1} ApS\tIndustrivej ${k + 1}\t${8000 + k} Aarhus`);
    }
    return { text: `P-numre for leverandørerne:\n${rows.join("\n")}\n`, accidentalValues };
  }

  it("yields no counted CPR number from 50 P-numbers with a few accidental modulus-11 passes", () => {
    const { text, accidentalValues } = register(prng(7), 50, [5, 23, 41]);
    const found = find(text);
    expect(found.filter(counts)).toEqual([]);
    const lowered = found.filter((m) => m.reasons.includes("register_mostly_invalid"));
    expect(lowered.map((m) => m.value)).toEqual(accidentalValues);
    for (const m of lowered) expect(m.confidence).toBe("low");
  });

  it("still counts a labelled CPR number in a sentence right below the list", () => {
    const { text } = register(prng(7), 50, [5, 23, 41]);
    expect(counted(`${text}Borgerens CPR-nr. er ${V}, se sagen.`)).toEqual([V]);
  });

  it("still counts an unlabelled CPR number in a paragraph below the list", () => {
    const { text } = register(prng(7), 50, [5, 23, 41]);
    expect(counted(`${text}\nVenlig hilsen\n\nPS. Borgeren ${V} har ringet igen.`)).toEqual([V]);
  });

  it("counts all 30 numbers of a real case list", () => {
    const rand = prng(11);
    const cprs: string[] = [];
    for (let k = 0; k < 30; k++) {
      const year = 1940 + Math.floor(rand() * 70);
      const sevenths = seventhDigitsFor(year);
      cprs.push(makeCpr(year, 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), sevenths[k % sevenths.length] ?? 0, Math.floor(rand() * 999)));
    }
    const text = `Navn;CPR;Sagsnr.\n${cprs.map((c, k) => `Borger ${k + 1};${k % 2 === 0 ? c : dashed(c)};2024-${1000 + k}`).join("\n")}\n`;
    expect(counted(text)).toEqual(cprs.map(dashed));
  });

  it("counts a case list whose rows also hold a ten-digit account number", () => {
    const rand = prng(12);
    const rows: string[] = [];
    const cprs: string[] = [];
    for (let k = 0; k < 20; k++) {
      const c = makeCpr(1950 + k, 1 + (k % 12), 1 + k, 2, Math.floor(rand() * 999));
      cprs.push(dashed(c));
      rows.push(`${dashed(c)};Borger ${k + 1};9570;${invalidNumber(rand)}`);
    }
    expect(counted(`CPR;Navn;Reg;Konto\n${rows.join("\n")}`)).toEqual(cprs);
  });
});

describe("properties over the separator and grouping space", () => {
  const dateArb = fc
    .record({ year: fc.integer({ min: 1858, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
    .filter(({ year, month, day }) => year < 2026 || month < 11 || (month === 11 && day <= 23));
  const cprArb = fc.tuple(dateArb, fc.nat(), fc.nat(999)).map(([d, pick, seed]) => {
    const sevenths = seventhDigitsFor(d.year);
    return makeCpr(d.year, d.month, d.day, sevenths[pick % sevenths.length] ?? 0, seed);
  });
  const dateSep = fc.constantFrom("", " ", ".", "-", "/");
  const serialSep = fc.constantFrom("", "-", " ", "/", ".", "_", ":", "\t", " - ", " -", "- ", "--", "  ", "\t\t", "-\n", "- \n", "-\n ");
  /** Every written form; `gated` ones are taken only next to a CPR label. */
  const written = fc.oneof(
    fc.tuple(dateSep, serialSep).map(([ds, ss]) => ({ gated: false, render: (c: string) => `${c.slice(0, 2)}${ds}${c.slice(2, 4)}${ds}${c.slice(4, 6)}${ss}${c.slice(6)}` })),
    fc.constant({ gated: true, render: pairs }),
    fc.constant({ gated: true, render: spaced }),
    fc.tuple(dateSep, fc.constantFrom("\n", "\r\n", " \n", "\n ")).map(([ds, nl]) => ({ gated: true, render: (c: string) => `${c.slice(0, 2)}${ds}${c.slice(2, 4)}${ds}${c.slice(4, 6)}${nl}${c.slice(6)}` })),
  );
  const cprLabel = fc.constantFrom("CPR", "CPR-nr.", "cpr.nr.:", "Personnummer:", "pers.nr.", "Fødselsdato", "CPR no.", "Civil registration number:");
  const otherLabel = fc.constantFrom("Fakturanr.", "kundenr.", "Kontonr.", "Ordrenr.", "P-nr.", "P-nummer:", "CVR-nr.", "SE-nr.", "Journalnr.", "Sagsnr.", "Customer no.", "Invoice", "Protocol no.");
  const before = fc.constantFrom("", "Hej\n", "Vedr. borgeren, ", "Navn: Jens Hansen\t");
  const after = fc.constantFrom("", ".", "\n", " – mvh Lis", "\tVestergade 12");

  it("finds every written form next to a CPR label, masked and at the written span", () => {
    fc.assert(
      fc.property(cprArb, written, cprLabel, before, after, (cpr, form, label, pre, post) => {
        const shown = form.render(cpr);
        const text = `${pre}${label} ${shown}${post}`;
        const found = find(text);
        expect(found.map((m) => m.value)).toEqual([dashed(cpr)]);
        const m = found[0] as CprMatch;
        expect(m.masked).toBe(`${cpr.slice(0, 6)}-XXXX`);
        expect(counts(m)).toBe(true);
        expect(text.slice(m.start, m.end)).toBe(shown);
      }),
      { seed: 20261123, numRuns: 1500 },
    );
  });

  it("never counts a written form next to another kind of number's label", () => {
    fc.assert(
      fc.property(cprArb, written, otherLabel, before, after, (cpr, form, label, pre, post) => {
        expect(find(`${pre}${label} ${form.render(cpr)}${post}`).filter(counts)).toEqual([]);
      }),
      { seed: 20261124, numRuns: 1500 },
    );
  });

  it("keeps the label-gated forms out of unlabelled text", () => {
    fc.assert(
      fc.property(cprArb, written, before, after, (cpr, form, pre, post) => {
        const found = find(`${pre}Koden er ${form.render(cpr)}${post}`);
        expect(found.map((m) => m.value)).toEqual(form.gated ? [] : [dashed(cpr)]);
      }),
      { seed: 20261125, numRuns: 1500 },
    );
  });

  it("never reports a number from letters and digits run together", () => {
    fc.assert(
      fc.property(cprArb, fc.constantFrom("a", "X", "ø", "b7"), fc.constantFrom("x", "B", "æ", "f0"), (cpr, pre, post) => {
        expect(find(`id ${pre}${cpr}${post} og CPR ${pre}${dashed(cpr)}${post}`)).toEqual([]);
      }),
      { seed: 20261126, numRuns: 500 },
    );
  });
});

describe("adversarial input stays correct (speed is in the bench, not asserted here)", () => {
  it("1 MB of spaced digits after a label: only the real number at its start", () => {
    let filler = "";
    for (let k = 0; filler.length < 1_000_000; k++) filler += `${k % 10} `;
    const text = `CPR: ${spaced(VALID)}\n${filler}`;
    expect(find(text).map((m) => m.value)).toEqual([V]);
  });

  it("1 MB of digits with mixed separators: every report agrees with the rules", () => {
    const rand = prng(5);
    const seps = ["", " ", "-", ".", "/", "_", ":", "\t", "\n", "  ", " - ", "--", "CPR "];
    const parts: string[] = [];
    let len = 0;
    while (len < 1_000_000) {
      const p = String(Math.floor(rand() * 100)).padStart(1 + Math.floor(rand() * 2), "0") + (seps[Math.floor(rand() * seps.length)] ?? "");
      parts.push(p);
      len += p.length;
    }
    const text = parts.join("");
    let last = 0;
    for (const m of find(text)) {
      expect(m.start).toBeGreaterThanOrEqual(last);
      last = m.end;
      const digits = m.value.replace("-", "");
      expect(m.reasons.includes("mod11_valid")).toBe(passesModulus11(digits));
    }
  });
});
