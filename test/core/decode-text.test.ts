import fc from "fast-check";
import { base64ToBytes, utf8Bytes } from "../../src/core/extract/base64";
import { decodeText } from "../../src/core/extract/decode-text";
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
