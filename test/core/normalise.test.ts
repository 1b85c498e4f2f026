import fc from "fast-check";
import { normaliseText } from "../../src/core/text/normalise";

describe("normaliseText", () => {
  it("leaves plain Danish text as it is", () => {
    const s = "Kære Åse, æbler og øl.\nTak";
    expect(normaliseText(s).text).toBe(s);
  });

  it("applies NFKC, so full-width digits become ASCII", () => {
    expect(normaliseText("０１０１９０").text).toBe("010190");
  });

  it("strips zero-width characters, bidi controls and the soft hyphen", () => {
    expect(normaliseText("a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg\u202eh\u2066i").text).toBe("abcdefghi");
  });

  it.each(["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63", "\uff0d"])("maps dash U+%s to -", (dash) => {
    expect(normaliseText(`1${dash}2`).text).toBe("1-2");
  });

  it.each(["\u00a0", "\u2007", "\u2009", "\u202f", "\u205f", "\u3000", "\u1680"])("maps odd space %j to a plain space", (space) => {
    expect(normaliseText(`1${space}2`).text).toBe("1 2");
  });

  it("composes a letter with a following combining mark", () => {
    expect(normaliseText("A\u030ase").text).toBe("Åse");
  });

  it("maps offsets back to the source", () => {
    const src = "x\u200b０１-\u00ad２";
    const n = normaliseText(src);
    expect(n.text).toBe("x01-2");
    expect([0, 1, 2, 3, 4].map((i) => n.sourceOffset(i))).toEqual([0, 2, 3, 4, 6]);
  });

  it("keeps every character's offset inside the source and in order", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => {
        const n = normaliseText(s);
        let last = -1;
        for (let i = 0; i < n.text.length; i++) {
          const o = n.sourceOffset(i);
          expect(o).toBeGreaterThanOrEqual(last);
          expect(o).toBeLessThan(Math.max(1, s.length));
          last = o;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => {
        const once = normaliseText(s).text;
        expect(normaliseText(once).text).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
