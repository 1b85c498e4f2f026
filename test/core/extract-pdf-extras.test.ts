/** PDFs beyond their text layer: filled-in forms, comments, document information, scanned pages among typed ones. */
import { extractAttachment, type ExtractOptions } from "../../src/core/extract/extract-mail";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath, withholdsSending } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { nodePdfReader, pdf } from "../helpers/make-documents";

const scanner = new Scanner(DEFAULT_POLICY);
const [C0, C1, C2, C3] = [makeCpr(1990, 1, 1, 1, 234), makeCpr(1975, 4, 12, 2, 51), makeCpr(1982, 11, 30, 1, 88), makeCpr(2003, 8, 8, 5, 9)].map(dashed) as [string, string, string, string];
const letter = [{ x: 50, y: 760, text: "Ansøgning om hjælp til medicin" }];

async function read(bytes: Uint8Array, options: ExtractOptions = {}): Promise<{ cprs: string[]; unreadable: string[]; blocks: boolean }> {
  const r = await extractAttachment({ name: "ansøgning.pdf", bytes }, { pdfReader: nodePdfReader, ...options });
  const result = scanner.scan(r.texts, r.unreadable);
  return {
    cprs: result.findings.flatMap((f) => (f.kind === "cpr" ? [f.value] : [])).sort(),
    unreadable: r.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}: ${u.detail}`),
    blocks: r.unreadable.some(withholdsSending),
  };
}

describe("PDF extras", () => {
  it("reads filled-in form fields, comments and the document information", async () => {
    const bytes = pdf([letter], { fields: [{ name: "Navn", value: "Jens Hansen" }, { name: "CPR", value: C0 }], notes: [`Tjek ${C1} i CPR-registret`], info: { Title: `Ansøgning ${C2}`, Author: "Borgerservice", Keywords: C3 } });
    const r = await read(bytes);
    expect(r.cprs).toEqual([C0, C1, C2, C3].sort());
    expect(r.unreadable).toEqual([]);
  });

  it("reports a scanned page among typed pages as not read, per the images policy", async () => {
    const bytes = pdf([letter, [], [{ x: 50, y: 760, text: "Side 3 med tekst" }], []], { scannedPages: [1, 3] });
    const r = await read(bytes);
    expect(r.unreadable).toEqual(["ansøgning.pdf: image_only: side 2: kun billede; tekst i billeder læses ikke", "ansøgning.pdf: image_only: side 4: kun billede; tekst i billeder læses ikke"]);
    expect(r.blocks).toBe(true);
    const ignored = await read(bytes, { images: { inline: "ignore", attached: "ignore" } });
    expect(ignored.unreadable.map((u) => u.split(": ")[1])).toEqual(["image_ignored", "image_ignored"]);
    expect(ignored.blocks).toBe(false);
  });

  it("does not report a typed letter with a logo, nor an empty page", async () => {
    const r = await read(pdf([letter, []], { jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]) }));
    expect(r.unreadable).toEqual([]);
  });
});
