/**
 * The scanner without ICU, as in classic Outlook's JavaScript-only runtime since Version 2406:
 * String.prototype.normalize returns its string unchanged and Intl is gone. Digits of every
 * script, full-width forms and decomposed Danish letters must come out the same as with ICU.
 */
import fc from "fast-check";
import { CprDetector } from "../../src/core/cpr/cpr-detector";
import type * as LexiconModule from "../../src/core/terms/default-lexicon";
import type * as FoldModule from "../../src/core/terms/fold";
import type * as TermDetectorModule from "../../src/core/terms/term-detector";
import { normaliseText } from "../../src/core/text/normalise";
import type * as NormaliseModule from "../../src/core/text/normalise";
import { MARK_CLASSES } from "../../src/core/text/unicode-data";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { loadWithoutIcu, withoutIcu } from "../helpers/without-icu";

const today = { year: 2026, month: 11, day: 23 };
const detector = new CprDetector({ today });
const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));

/** The CPR number written with the digits of the script whose zero is at `zero`; "-" stays. */
const inDigits = (text: string, zero: number): string => text.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));

const noIcu = loadWithoutIcu(() => jest.requireActual<typeof NormaliseModule>("../../src/core/text/normalise"));

describe("CPR numbers in other digits, without ICU", () => {
  it.each([
    ["full-width", "０２０５５３-２００５", "020553-2005"],
    ["full-width with a full-width hyphen-minus", inDigits(CPR, 0xff10).replace("-", "\uff0d"), CPR],
    ["Arabic-Indic", inDigits(CPR, 0x0660), CPR],
    ["extended Arabic-Indic (Persian, Urdu)", inDigits(CPR, 0x06f0), CPR],
    ["Devanagari", inDigits(CPR, 0x0966), CPR],
    ["mathematical bold", inDigits(CPR, 0x1d7ce), CPR],
    ["mathematical double-struck", inDigits(CPR, 0x1d7d8), CPR],
    ["mathematical monospace", inDigits(CPR, 0x1d7f6), CPR],
  ])("finds a CPR number in %s digits, at its place in the source", (_name, written, value) => {
    const source = `Borgerens nummer er ${written}.`;
    const found = withoutIcu(() => {
      const n = noIcu.normaliseText(source);
      return detector.find(n.text).map((m) => ({ value: m.value, start: n.sourceOffset(m.start), last: n.sourceOffset(m.end - 1) }));
    });
    // The last digit's offset is where that digit starts (two code units for a mathematical digit).
    const lastDigit = written.length - ((written.codePointAt(written.length - 2) ?? 0) > 0xffff ? 2 : 1);
    expect(found).toEqual([{ value, start: source.indexOf(written), last: source.indexOf(written) + lastDigit }]);
  });

  it("composes a Danish letter typed decomposed", () => {
    expect(withoutIcu(() => noIcu.normaliseText("A\u030ase og A\u030a\u030a, e\u0301t cafe\u0301 i Ko\u0308ge").text)).toBe("Åse og Å\u030a, ét café i Köge");
  });
});

/** Every decimal digit (\p{Nd}) in Unicode as Node's regular expressions know it. */
const ND_DIGITS: readonly number[] = (() => {
  const out: number[] = [];
  for (let c = 0; c <= 0x10ffff; c++) if (c < 0xd800 || c > 0xdfff) if (/\p{Nd}/u.test(String.fromCodePoint(c))) out.push(c);
  return out;
})();

const LATIN = "AEIOUYCNaeioucnyzsSZ";
const MARKS = ["\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u030a", "\u0327", "\u030c", "\u0328"];
const token = fc.oneof(
  fc.constantFrom(...ND_DIGITS).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCodePoint(c)), // full-width ASCII
  fc.constantFrom("\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d"),
  fc.constantFrom("\u00a0", "\u1680", "\u2002", "\u2007", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000", " ", "\n"),
  fc.constantFrom("\u00b2", "\u00b3", "\u00b9", "\u2070", "\u2074", "\u2079", "\u2080", "\u2089", "\u2460", "\u24ea"),
  fc.tuple(fc.constantFrom(...Array.from(LATIN), "æ", "ø", "å", "Æ", "Ø", "Å", "é", "ü"), fc.array(fc.constantFrom(...MARKS), { maxLength: 2 })).map(([l, m]) => l + m.join("")),
  fc.constantFrom("æ", "ø", "å", "Æ", "Ø", "Å", "-", "/", ".", "CPR ", "\u200b", "\u00ad", "\ufeff"),
);
const mixed = fc.array(token, { maxLength: 24 }).map((t) => t.join(""));

describe("normaliseText with and without ICU", () => {
  it("gives the same text, with every offset inside the source and in order", () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const withIcu = normaliseText(s);
        const without = withoutIcu(() => noIcu.normaliseText(s));
        expect(without.text).toBe(withIcu.text);
        let last = -1;
        for (let i = 0; i < without.text.length; i++) {
          const o = without.sourceOffset(i);
          expect(o).toBe(withIcu.sourceOffset(i));
          expect(o).toBeGreaterThanOrEqual(last);
          expect(o).toBeLessThan(s.length);
          last = o;
        }
      }),
      { seed: 2406, numRuns: 3000 },
    );
  });

  it("gives what NFKC gives, but with every decimal digit as an ASCII digit", () => {
    // The reference: NFKC of the whole string (Node has ICU), digits of any script to ASCII, our
    // dash and space maps, the invisible characters dropped.
    const digitValue = (c: number): number => {
      let first = c;
      while (/\p{Nd}/u.test(String.fromCodePoint(first - 1))) first--;
      return (c - first) % 10;
    };
    const reference = (s: string): string =>
      s
        .normalize("NFKC")
        .replace(/\p{Nd}/gu, (d) => String(digitValue(d.codePointAt(0) ?? 0)))
        .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, "-")
        .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, " ")
        .replace(/[\u200b\u00ad\ufeff]/g, "");
    fc.assert(
      fc.property(mixed, (s) => {
        expect(withoutIcu(() => noIcu.normaliseText(s).text)).toBe(reference(s));
      }),
      { seed: 4631, numRuns: 3000 },
    );
  });

  it("composes every Latin letter with up to two of the table's marks exactly as NFC does", () => {
    const letters: number[] = [];
    for (let c = 0x41; c <= 0x7a; c++) if (/[A-Za-z]/.test(String.fromCharCode(c))) letters.push(c);
    for (let c = 0xc0; c < 0x250; c++) letters.push(c);
    for (let c = 0x1e00; c <= 0x1eff; c++) letters.push(c);
    const marks = ["", ...MARK_CLASSES.map(([m]) => String.fromCharCode(m))];
    const cases: string[] = [];
    for (const letter of letters) {
      // ŉ and ẚ: their NFKC forms hold a modifier letter, which the tables leave out.
      if (!/^[\u0020-\u024f\u1e00-\u1eff]*$/.test(String.fromCharCode(letter).normalize("NFKC"))) continue;
      for (const m1 of marks) for (const m2 of marks) cases.push(String.fromCharCode(letter) + m1 + m2);
    }
    const expected = cases.map((s) => s.normalize("NFKC"));
    const got = withoutIcu(() => cases.map((s) => noIcu.normaliseText(s).text));
    const wrong = cases.filter((s, k) => got[k] !== expected[k]).map((s) => Array.from(s, (ch) => (ch.codePointAt(0) ?? 0).toString(16)).join(" "));
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(cases.length).toBeGreaterThan(400_000);
  });
});

describe("folding for term matching without ICU", () => {
  const fold = jest.requireActual<typeof FoldModule>("../../src/core/terms/fold");
  const foldNoIcu = loadWithoutIcu(() => jest.requireActual<typeof FoldModule>("../../src/core/terms/fold"));

  it("builds the same symbol table as with ICU", () => {
    expect(Array.from(foldNoIcu.FOLD_SYMBOLS)).toEqual(Array.from(fold.FOLD_SYMBOLS));
  });

  it("folds every character the same as with ICU", () => {
    const withIcu = Array.from({ length: 0x10000 }, (_, c) => fold.symbolOf(c));
    const differ: string[] = [];
    withoutIcu(() => {
      for (let c = 0; c <= 0xffff; c++) {
        if (foldNoIcu.symbolOf(c) !== withIcu[c]) differ.push(c.toString(16));
      }
    });
    expect(differ).toEqual([]);
  });

  it("keeps the default lexicon's accented terms, and finds them written with or without the accent", () => {
    const { TermDetector } = loadWithoutIcu(() => jest.requireActual<typeof TermDetectorModule>("../../src/core/terms/term-detector"));
    const { DEFAULT_LEXICON } = loadWithoutIcu(() => jest.requireActual<typeof LexiconModule>("../../src/core/terms/default-lexicon"));
    const found = withoutIcu(() => {
      const detector = new TermDetector(DEFAULT_LEXICON);
      return ["Han har gonoré.", "Han har gonore.", "Mødet er i moske\u0301en."].map((s) => detector.find(noIcu.normaliseText(s).text).map((m) => m.term));
    });
    expect(found).toEqual([["gonoré"], ["gonoré"], ["moské"]]);
  });

  it("folds accented letters to their base letter", () => {
    expect(withoutIcu(() => foldNoIcu.foldTerm("Café Zoë Ørsted Ærø Åse Škoda Łódź"))).toBe("cafe zoe oersted aeroe aase skoda #odz");
  });
});
