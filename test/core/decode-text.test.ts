import fc from "fast-check";
import { base64ToBytes, utf8Bytes } from "../../src/core/extract/base64";
import { decodeText, decodeUtf8Piece } from "../../src/core/extract/decode-text";
import { withoutTextDecoder } from "../helpers/without-text-decoder";

describe("decodeText fallbacks", () => {
  it("decodes UTF-8 exactly like the platform, for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => {
        const bytes = new Uint8Array(Buffer.from(s, "utf8"));
        expect(withoutTextDecoder(() => decodeText(bytes))).toBe(s);
      }),
    );
  });

  it("replaces malformed UTF-8 like the platform does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(withoutTextDecoder(() => decodeText(bytes))).toBe(new TextDecoder().decode(bytes));
      }),
    );
  });

  it("drops one leading UTF-8 byte order mark and reads the rest as UTF-8; a piece keeps its mark", () => {
    const bom = [0xef, 0xbb, 0xbf];
    const cases: [number[], string, string][] = [
      [[...bom, 0x41], "A", "\ufeffA"],
      [[...bom, ...bom, 0x41], "\ufeffA", "\ufeff\ufeffA"],
      // Not read as UTF-16 after a UTF-8 mark: two broken bytes.
      [[...bom, 0xff, 0xfe, 0x41, 0x00], "\ufffd\ufffdA\u0000", "\ufeff\ufffd\ufffdA\u0000"],
    ];
    for (const [bytes, whole, piece] of cases) {
      const u8 = Uint8Array.from(bytes);
      expect(decodeText(u8)).toBe(whole);
      expect(withoutTextDecoder(() => decodeText(u8))).toBe(whole);
      expect(decodeUtf8Piece(u8)).toBe(piece);
      expect(withoutTextDecoder(() => decodeUtf8Piece(u8))).toBe(piece);
    }
  });

  it("drops one leading UTF-16 byte order mark; a second U+FEFF is text, with or without the platform's decoder", () => {
    const u8 = Uint8Array.from([0xff, 0xfe, 0xff, 0xfe, 0x41, 0x00]);
    expect(decodeText(u8)).toBe("\ufeffA");
    expect(withoutTextDecoder(() => decodeText(u8))).toBe("\ufeffA");
  });

  it("decodes Windows-1252", () => {
    expect(withoutTextDecoder(() => decodeText(new Uint8Array([0x80, 0xe6, 0xf8, 0xe5]), "windows-1252"))).toBe("€æøå");
  });
});

describe("base64 and UTF-8 encoding without platform helpers", () => {
  it("round-trips any bytes through base64", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64ToBytes(Buffer.from(bytes).toString("base64"))).toEqual(bytes);
      }),
    );
  });

  it("encodes UTF-8 like Buffer", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        expect(Buffer.from(utf8Bytes(s)).toString("utf8")).toBe(s);
      }),
    );
  });

  it("rejects characters that are not base64", () => {
    expect(() => base64ToBytes("QUJD*")).toThrow("invalid base64");
  });
});
