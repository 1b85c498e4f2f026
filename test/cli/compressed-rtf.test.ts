/** PR_RTF_COMPRESSED decompression ([MS-OXRTFCP]). */
import { CompressedRtfError, decompressRtf } from "../../src/core/extract/compressed-rtf";
import { compressedRtf } from "../helpers/make-documents";

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(" ").map((h) => parseInt(h, 16)));
const latin1 = (b: Uint8Array): string => Buffer.from(b).toString("latin1");

describe("decompressRtf", () => {
  it("decompresses the specification's example, with references into the dictionary", () => {
    const data = hex("2d 00 00 00 2b 00 00 00 4c 5a 46 75 f1 c5 c7 a7 03 00 0a 00 72 63 70 67 31 32 35 42 32 0a f3 20 68 65 6c 09 00 20 62 77 05 b0 6c 64 7d 0a 80 0f a0");
    expect(latin1(decompressRtf(data, 1000))).toBe("{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
  });

  it("reads literals up to the end marker, stops at maxBytes, and refuses what is not compressed RTF", () => {
    const rtf = "{\\rtf1 Notat om borger}";
    expect(latin1(decompressRtf(compressedRtf(rtf), 1000))).toBe(rtf);
    expect(latin1(decompressRtf(compressedRtf(rtf), 6))).toBe("{\\rtf1");
    expect(() => decompressRtf(new Uint8Array(10), 1000)).toThrow(CompressedRtfError);
    expect(() => decompressRtf(new Uint8Array(32).fill(7), 1000)).toThrow(CompressedRtfError);
  });
});
