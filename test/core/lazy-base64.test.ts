/** Base64 decoded only where it is read: the same bytes as decoding it whole, wherever it is read. */
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import { Base64Error, base64ToBytes, lazyBase64 } from "../../src/core/extract/base64";
import { extractAttachment, HEAD_BYTES, type AttachmentFile } from "../../src/core/extract/extract-mail";
import { listZip } from "../../src/core/extract/zip-archive";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, jpegLike, odf, pptx, wPara, wPicture, xlsx, zip } from "../helpers/make-documents";

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");

describe("lazyBase64", () => {
  it("gives, for every range loaded, the bytes of a whole decode, and all of them once the whole is loaded", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60_000 }), fc.array(fc.tuple(fc.nat(70_000), fc.nat(70_000)), { maxLength: 6 }), (bytes, ranges) => {
        const lazy = lazyBase64(b64(bytes), 16);
        if (lazy === undefined) throw new Error("canonical base64 refused");
        expect(lazy.bytes.length).toBe(bytes.length);
        for (const [a, b] of ranges) {
          const [from, to] = a <= b ? [a, b] : [b, a];
          lazy.load(from, to);
          expect(lazy.bytes.subarray(from, Math.min(to, bytes.length))).toEqual(bytes.subarray(from, Math.min(to, bytes.length)));
        }
        expect(lazy.bytes.subarray(0, 16)).toEqual(bytes.subarray(0, 16));
        lazy.load(0, bytes.length);
        expect(lazy.bytes).toEqual(bytes);
        expect(lazy.decoded()).toBe(bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it("decodes only the head at first, and each block once", () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) & 0xff);
    const lazy = lazyBase64(b64(bytes), HEAD_BYTES);
    expect(lazy?.decoded()).toBe(12_288); // one block holds the head
    lazy?.load(100_000, 100_010);
    lazy?.load(100_005, 100_020);
    expect(lazy?.decoded()).toBe(2 * 12_288);
    expect(lazy?.bytes.subarray(100_000, 100_020)).toEqual(bytes.subarray(100_000, 100_020));
  });

  it("handles the lengths around the padding", () => {
    for (let n = 0; n < 8; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 - i);
      const lazy = lazyBase64(b64(bytes), HEAD_BYTES);
      expect(lazy?.bytes).toEqual(bytes);
    }
  });

  it("refuses base64 whose blocks could move (whitespace, padding inside, a length that is no multiple of four): it is decoded whole", () => {
    for (const space of ["\r\n", "\n", " ", "\t", "\f"]) expect(lazyBase64(`QUJD${space}QUJD`, 16)).toBeUndefined();
    expect(lazyBase64("QUJDQ", 16)).toBeUndefined();
    expect(lazyBase64("QQ==QUJD", 16)).toBeUndefined();
    expect(base64ToBytes("QUJD\r\nQUJD")).toEqual(new TextEncoder().encode("ABCABC"));
  });

  it("decodes URL-safe letters as base64ToBytes does, and reports a bad character when its block is read", () => {
    expect(lazyBase64("QUJD-_Bw", 16)?.bytes).toEqual(base64ToBytes("QUJD-_Bw"));
    const bad = `${"QUJD".repeat(10_000)}*AAA`;
    const lazy = lazyBase64(bad, 16);
    expect(lazy?.bytes.subarray(0, 3)).toEqual(new TextEncoder().encode("ABC"));
    expect(() => lazy?.load(0, 30_003)).toThrow(Base64Error);
  });
});

describe("extraction from base64 decoded only where it is read", () => {
  const cpr = dashed(makeCpr(1985, 5, 3, 2, 100));
  const documents: [string, Uint8Array][] = [
    ["sag.docx", docx({ body: wPara(`CPR ${cpr}`) + wPicture("rIdImg1", "Foto"), footer: wPara("Side 1"), media: { "image1.jpeg": jpegLike(400_000, 3), "image2.jpeg": jpegLike(300_000, 4) } })],
    ["liste.xlsx", xlsx([[[{ ref: "A1", s: "CPR-nr." }, { ref: "B1", s: cpr }]]], [], ["fjernet"])],
    ["møde.pptx", pptx(["Dagsorden"], [`Note ${cpr}`])],
    ["ark.ods", odf("spreadsheet", `<table:table-row><table:table-cell><text:p>${cpr}</text:p></table:table-cell></table:table-row>`)],
    ["bilag.zip", zip({ "a/sag.docx": docx({ body: wPara(cpr) }), "b.txt": `CPR ${cpr}`, "c.zip": zip({ "d.txt": "inderst" }) })],
    ["stored.zip", zip({ "sag.docx": docx({ body: wPara(cpr) }), "foto.jpg": jpegLike(200_000, 5) }, 0)],
    ["notat.txt", new TextEncoder().encode(`Borger ${cpr}`)],
  ];

  it.each(documents)("reads %s exactly as from the whole bytes", async (name, bytes) => {
    const lazy = lazyBase64(b64(bytes), HEAD_BYTES);
    if (lazy === undefined) throw new Error("canonical base64 refused");
    const file: AttachmentFile = { name, bytes: lazy.bytes, load: lazy.load };
    expect(await extractAttachment(file)).toEqual(await extractAttachment({ name, bytes }));
  });

  it("reads text parts that lie between pictures, far from the head and the central directory", async () => {
    // The same document with its parts reordered: a picture, the text, another picture.
    // The text part spans many blocks (stored, not compressed), with the number at its end.
    const parts = unzipSync(docx({ body: wPara("Sagsfremstilling ".repeat(5000)) + wPara(`CPR ${cpr}`) + wPicture("rIdImg1", "Foto"), media: { "image1.jpeg": jpegLike(300_000, 6), "image2.jpeg": jpegLike(300_000, 7) } }));
    const { "word/media/image1.jpeg": first, "word/media/image2.jpeg": last, ...rest } = parts;
    const bytes = zipSync({ "word/media/image1.jpeg": first ?? new Uint8Array(0), ...rest, "word/media/image2.jpeg": last ?? new Uint8Array(0) }, { level: 0 });
    const lazy = lazyBase64(b64(bytes), HEAD_BYTES);
    if (lazy === undefined) throw new Error("canonical base64 refused");
    const r = await extractAttachment({ name: "sag.docx", bytes: lazy.bytes, load: lazy.load });
    expect(r).toEqual(await extractAttachment({ name: "sag.docx", bytes }));
    expect(r.texts.map((t) => t.content).join(" ")).toContain(cpr);
    expect(lazy.decoded()).toBeLessThan(bytes.length / 3);
  });

  it("lists an archive whose central directory is longer than the end it is found in", () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 3000; i++) files[`mappe/undermappe/dokument-nummer-${String(i).padStart(5, "0")}.txt`] = new TextEncoder().encode(String(i));
    const bytes = zipSync(files);
    const lazy = lazyBase64(b64(bytes), HEAD_BYTES);
    if (lazy === undefined) throw new Error("canonical base64 refused");
    expect(listZip(lazy.bytes, lazy.load)).toEqual(listZip(bytes));
  });

  it("never decodes a Word document's pictures", async () => {
    const bytes = documents[0]?.[1] ?? new Uint8Array(0);
    const lazy = lazyBase64(b64(bytes), HEAD_BYTES);
    if (lazy === undefined) throw new Error("canonical base64 refused");
    const r = await extractAttachment({ name: "sag.docx", bytes: lazy.bytes, load: lazy.load });
    expect(r.texts.map((t) => t.content).join(" ")).toContain(cpr);
    expect(lazy.decoded()).toBeLessThan(bytes.length / 5);
  });
});
