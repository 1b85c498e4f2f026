/**
 * The fast paths taken for speed give the same results as the plain ones: long UTF-8 and
 * Windows-1252 text across decoding chunks, base64 in blocks of four, sheets and parts with many
 * pieces, repeated findings skipped before they are built, pictures in word/media/ left unread.
 */
import fc from "fast-check";
import { birthDateOf } from "../../src/core/cpr/cpr-rules";
import { base64ToBytes } from "../../src/core/extract/base64";
import { decodeText } from "../../src/core/extract/decode-text";
import { withoutTextDecoder } from "../helpers/without-text-decoder";
import { extractAttachment } from "../../src/core/extract/extract-mail";
import { numericCellText } from "../../src/core/extract/ooxml/number-formats";
import { markupText } from "../../src/core/extract/ooxml/part-text";
import { sheetText } from "../../src/core/extract/ooxml/sheet-text";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, jpegLike, wPara, wPicture, zip } from "../helpers/make-documents";

const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

describe("decoding across chunk boundaries", () => {
  it("decodes long UTF-8 (multi-byte sequences and surrogate pairs at every offset) like the platform", () => {
    const piece = "aæø€😀b";
    for (let pad = 0; pad < 12; pad++) {
      const s = "x".repeat(pad) + piece.repeat(7000) + "z".repeat(9000) + piece.repeat(3000);
      const bytes = new Uint8Array(Buffer.from(s, "utf8"));
      expect(withoutTextDecoder(() => decodeText(bytes))).toBe(s);
    }
  });

  it("replaces malformed UTF-8 in long input like the platform", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8000, maxLength: 40000 }), (bytes) => {
        expect(withoutTextDecoder(() => decodeText(bytes))).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 20 },
    );
  });

  it("decodes long Windows-1252", () => {
    const bytes = Uint8Array.from({ length: 50000 }, (_, i) => (i * 7 + 3) & 0xff);
    bytes[0] = 0x41; // no BOM
    const expected = Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charAt(b - 0x80) : String.fromCharCode(b))).join("");
    expect(withoutTextDecoder(() => decodeText(bytes, "windows-1252"))).toBe(expected);
  });
});

describe("base64 in blocks of four", () => {
  it("decodes like Buffer, with line breaks, spaces, URL-safe characters and padding anywhere", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (bytes, every, urlSafe) => {
        let text = Buffer.from(bytes).toString("base64");
        text = text.replace(new RegExp(`(.{${every}})`, "g"), every % 2 === 0 ? "$1\r\n" : "$1 ");
        if (urlSafe) text = text.replace(/\+/g, "-").replace(/\//g, "_");
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
    );
  });

  it("still names the first bad character", () => {
    expect(() => base64ToBytes("QUJDQUJD*AAA")).toThrow("invalid base64 character at 8");
    expect(() => base64ToBytes("QUJD\nQU*D")).toThrow("invalid base64 character at 7");
  });

  it("takes the engine's decoder's bytes where it has one", () => {
    const engine = jest.fn((text: string) => new Uint8Array(Buffer.from(text, "base64")));
    expect(base64ToBytes("QUJD", engine)).toEqual(new Uint8Array([65, 66, 67]));
    expect(engine).toHaveBeenCalledTimes(1);
  });

  it("leaves what the engine's decoder refuses to the portable one, which accepts it or names the bad character", () => {
    // Like Uint8Array.fromBase64, the stand-in refuses URL-safe characters and anything after padding.
    const engine = (text: string): Uint8Array => {
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) throw new SyntaxError("not base64");
      return new Uint8Array(Buffer.from(text, "base64"));
    };
    expect(base64ToBytes("-_-_", engine)).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
    expect(base64ToBytes("QUI=QUI=", engine)).toEqual(new Uint8Array([65, 66]));
    expect(() => base64ToBytes("QUJD\nQU*D", engine)).toThrow("invalid base64 character at 7");
  });
});

describe("long parts", () => {
  it("keeps every cell of a sheet with many thousands of cells, in order", () => {
    const rows: string[] = [];
    const expected: string[] = [];
    for (let r = 1; r <= 3000; r++) {
      rows.push(`<row r="${r}"><c r="A${r}" t="s"><v>${r % 3}</v></c><c r="B${r}"><v>${100000000 + r}</v></c><c r="C${r}" s="1"><v>${r}</v></c><c r="D${r}" t="inlineStr"><is><t>i${r}</t><t>&amp;</t></is></c><c r="E${r}"><f>A${r}&amp;B${r}</f><v>x</v></c></row>`);
      const nine = String(100000000 + r);
      expected.push(`s${r % 3}\t${nine}\t0${nine}\t${String(r).padStart(10, "0")}\ti${r}&\tx\tA${r}&B${r}\t\n`);
    }
    const xml = `<worksheet><sheetData>${rows.join("")}</sheetData></worksheet>`;
    expect(sheetText(Buffer.from(xml), ["s0", "s1", "s2"], new Map([[1, "0000000000"]]))).toBe(expected.join(""));
  });

  it("keeps every run of a long document part", () => {
    const xml = `<w:document><w:body>${Array.from({ length: 6000 }, (_, i) => `<w:p><w:r><w:t>a${i}</w:t></w:r><w:r><w:t>b</w:t></w:r></w:p>`).join("")}</w:body></w:document>`;
    expect(markupText(xml)).toBe(Array.from({ length: 6000 }, (_, i) => `a${i}b\n`).join(""));
  });

  it("renders zero-padded formats with literals", () => {
    expect(numericCellText("101901234", "000000-0000")).toBe("010190-1234");
    expect(numericCellText("12345678901", "000000-0000")).toBe("12345678901");
    expect(numericCellText("7", "00 00")).toBe("00 07");
  });

  it("reads birth dates only from ten digits", () => {
    expect(birthDateOf("0101901234")).toEqual({ year: 1990, month: 1, day: 1 });
    for (const bad of ["010190123", "01019012345", "01019O1234", "01-1901234", "", "０１０１９０１２３４"]) expect(birthDateOf(bad)).toBeNull();
  });
});

describe("repeats skipped before they are built", () => {
  it("reports each CPR number and term once per part, at its first place, and again in another part", () => {
    const cpr = dashed(makeCpr(1990, 1, 1, 1, 234));
    const scanner = new Scanner(DEFAULT_POLICY);
    const text = `Første ${cpr} og misbrug. Igen ${cpr} og misbrug. ${cpr}`;
    const r = scanner.scan([
      { part: "body", format: "text", content: text },
      { part: "attachment", path: ["a.txt"], format: "text", content: text },
      { part: "attachment", path: ["a.txt"], format: "text", content: text },
    ]);
    const all = [...scanner.scanText({ part: "body", format: "text", content: text })];
    expect(all.filter((f) => f.kind === "cpr")).toHaveLength(3);
    expect(r.findings.map((f) => `${f.kind} ${f.where.part} ${f.where.start}`)).toEqual(["cpr body 7", "term body 22", "cpr attachment 7", "term attachment 22"]);
  });
});

describe("pictures in a Word document", () => {
  it("are not inflated or read as text: a broken or bomb-like picture changes nothing", async () => {
    const cpr = dashed(makeCpr(1985, 5, 3, 2, 100));
    const good = docx({ body: wPara(`CPR ${cpr}`) + wPicture("rIdImg1", "Foto"), media: { "image1.jpeg": jpegLike(300000, 3) } });
    const r = await extractAttachment({ name: "sag.docx", bytes: good });
    // Only said, not read: pictures among the text are ignored under the default images.inline.
    expect(r.unreadable.map((u) => u.reason)).toEqual(["image_ignored"]);
    expect(r.texts.map((t) => t.content).join("")).toContain(cpr);
    expect(r.texts.map((t) => t.content).join("")).not.toContain("\u00ff\u00d8");
    // A picture that would inflate far beyond the ratio limit (a bomb) is never inflated.
    const bomb = zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": `<w:document><w:body>${wPara(`CPR ${cpr}`)}</w:body></w:document>`, "word/media/image1.png": new Uint8Array(20_000_000) });
    const b = await extractAttachment({ name: "sag.docx", bytes: bomb });
    expect(b.unreadable.map((u) => u.reason)).toEqual(["image_ignored"]);
    expect(b.texts.map((t) => t.content).join("")).toContain(cpr);
  });

  it("still count as bytes of the attachment against maxBytes", async () => {
    const big = docx({ body: wPara("tekst"), media: { "image1.jpeg": jpegLike(200000, 4) } });
    const r = await extractAttachment({ name: "sag.docx", bytes: big }, { limits: { ...DEFAULT_POLICY.limits, maxBytes: 100000 } });
    expect(r.unreadable.map((u) => u.reason)).toEqual(["over_limit"]);
  });
});
