import fc from "fast-check";
import { contentDigest } from "../../src/core/text/content-digest";

describe("contentDigest", () => {
  it("is the same for the same content and carries its length", () => {
    const s = "UEsDBBQAAAAIA".repeat(1000);
    expect(contentDigest(s)).toBe(contentDigest(s.slice(0)));
    expect(contentDigest(s)).toMatch(new RegExp(`^[0-9a-f]{16}-${s.length.toString(36)}$`));
  });

  it("tells apart contents that differ in one unit anywhere, in length, or only in a last lone unit", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 0xffff }), (s, at, delta) => {
        const i = at % s.length;
        const changed = s.slice(0, i) + String.fromCharCode((s.charCodeAt(i) + delta) % 0x10000) + s.slice(i + 1);
        expect(contentDigest(changed)).not.toBe(contentDigest(s));
        expect(contentDigest(s + "A")).not.toBe(contentDigest(s));
      }),
      { numRuns: 2000 },
    );
    expect(contentDigest("A")).not.toBe(contentDigest("A\u0000"));
    expect(contentDigest("")).not.toBe(contentDigest("\u0000"));
  });

  it("gives both 32-bit halves their own value: no collisions among 200,000 near-identical contents", () => {
    const base = "JVBERi0xLjcKJeLjz9MK".repeat(50);
    const seen = new Set<string>();
    const halves = [new Set<string>(), new Set<string>()];
    for (let i = 0; i < 200_000; i++) {
      const d = contentDigest(base + i.toString(36));
      seen.add(d.slice(0, 16));
      halves[0]?.add(d.slice(0, 8));
      halves[1]?.add(d.slice(8, 16));
    }
    expect(seen.size).toBe(200_000);
    // 200,000 draws from 2^32 values: a few collisions per half at most (about 4.7 expected).
    expect(halves[0]?.size).toBeGreaterThan(199_980);
    expect(halves[1]?.size).toBeGreaterThan(199_980);
  });
});
