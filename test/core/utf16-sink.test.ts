/** The worksheet scanner's output buffer gives exactly the string its pieces make, with or without a platform decoder. */
import fc from "fast-check";
import { SinkFull, Utf16Sink, utf16Table } from "../../src/core/extract/utf16-sink";
import { withoutTextDecoder } from "../helpers/without-text-decoder";

type Write = { kind: "ascii"; text: string } | { kind: "string"; text: string } | { kind: "unit"; code: number } | { kind: "shared"; index: number };

// Lengths around the copy loop / native copy threshold (24 units, tab included) and far past it.
const SHARED = ["Navn", "Søren Ærø", "😀", "\ud800 alene", "", "x".repeat(9000), "æ".repeat(23), "ø".repeat(24), "å".repeat(25)];

function build(writes: readonly Write[], maxUnits = 1e9, initial?: number): { sink: Utf16Sink; expected: string } {
  const table = utf16Table(SHARED, "\t");
  const sink = new Utf16Sink(maxUnits, initial);
  let expected = "";
  for (const w of writes) {
    if (w.kind === "ascii") {
      const bytes = Buffer.from(`<<${w.text}>>`, "latin1");
      sink.ascii(bytes, 2, bytes.length - 2);
      expected += w.text;
    } else if (w.kind === "string") {
      sink.string(w.text);
      expected += w.text;
    } else if (w.kind === "unit") {
      sink.unit(w.code);
      expected += String.fromCharCode(w.code);
    } else {
      sink.copy(table.units, table.starts[w.index] ?? 0, table.starts[w.index + 1] ?? 0);
      expected += `${SHARED[w.index] ?? ""}\t`;
    }
  }
  return { sink, expected };
}

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant("ascii" as const), text: fc.stringMatching(/^[\x20-\x7e]{0,40}$/) }),
  fc.record({ kind: fc.constant("string" as const), text: fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) })) }),
  fc.record({ kind: fc.constant("unit" as const), code: fc.constantFrom(9, 10, 0xd83d, 0xde00, 0xfffe, 0xfeff) }),
  fc.record({ kind: fc.constant("shared" as const), index: fc.integer({ min: 0, max: SHARED.length - 1 }) }),
);

describe("Utf16Sink", () => {
  it.each([
    ["the platform's UTF-16 decoder", (f: () => string): string => f()],
    ["no TextDecoder (classic Outlook)", (f: () => string): string => withoutTextDecoder(f)],
  ])("makes the string of its pieces, lone surrogates and all, with %s", (_name, run) => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (writes, initial) => {
        const { sink, expected } = build(writes, 1e9, initial);
        expect(run(() => sink.toString())).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a U+FEFF at the start of the text (a decoder would take it for a byte order mark)", () => {
    const sink = new Utf16Sink(100);
    sink.unit(0xfeff);
    sink.string("x\t");
    expect(sink.toString()).toBe("\ufeffx\t");
    expect(withoutTextDecoder(() => sink.toString())).toBe("\ufeffx\t");
  });

  it("keeps a text longer than one fromCharCode chunk whole, across growth", () => {
    const writes: Write[] = [];
    for (let k = 0; k < 3000; k++) writes.push({ kind: "shared", index: k % SHARED.length }, { kind: "ascii", text: String(k) }, { kind: "unit", code: 10 });
    const { sink, expected } = build(writes, 1e9, 16);
    expect(expected.length).toBeGreaterThan(3 * 8192);
    expect(sink.toString()).toBe(expected);
    expect(withoutTextDecoder(() => sink.toString())).toBe(expected);
  });

  it("refuses a piece that would pass its limit, and keeps what came before", () => {
    const sink = new Utf16Sink(10, 4);
    sink.string("0123456789");
    expect(() => {
      sink.unit(9);
    }).toThrow(SinkFull);
    expect(() => {
      sink.string("ab");
    }).toThrow("text longer than 10 characters");
    expect(sink.toString()).toBe("0123456789");
  });
});
