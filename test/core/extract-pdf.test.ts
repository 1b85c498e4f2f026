/** PDF attachments through the real pdf.js (unpdf) reader, and without a reader as in classic Outlook. */
import { extractAttachment, HEAD_BYTES, unreadableByHead } from "../../src/core/extract/extract-mail";
import { DEFAULT_EXTRACT_LIMITS } from "../../src/core/extract/extract-limits";
import { NO_PDF_READER_DETAIL } from "../../src/core/extract/pdf-text";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { nodePdfReader, pdf, zip } from "../helpers/make-documents";

const CPR = makeCpr(1990, 1, 1, 1, 234);
const scanner = new Scanner(DEFAULT_POLICY);
const table = [
  { x: 50, y: 700, text: "Navn" },
  { x: 200, y: 700, text: "CPR-nr." },
  { x: 50, y: 680, text: "Jens Hansen" },
  // A CPR number drawn as two pieces that touch (as pdf.js splits at font changes), in a table cell.
  { x: 200, y: 680, text: CPR.slice(0, 6) },
  { x: 200 + 6 * 5.56, y: 680, text: `-${CPR.slice(6)}` },
  { x: 300, y: 680, text: "2024-117" },
];

async function read(name: string, bytes: Uint8Array, withReader = true): Promise<{ cprs: string[]; unreadable: string[]; details: string[]; text: string }> {
  const r = await extractAttachment({ name, bytes }, withReader ? { pdfReader: nodePdfReader } : {});
  const result = scanner.scan(r.texts, r.unreadable);
  return {
    cprs: result.findings.flatMap((f) => (f.kind === "cpr" ? [f.value] : [])),
    unreadable: r.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}`),
    details: r.unreadable.map((u) => u.detail),
    text: r.texts.map((t) => t.content).join("\n"),
  };
}

describe("PDF", () => {
  it("finds a CPR number in a table on the second page, with the cells apart", async () => {
    const r = await read("afgørelse.pdf", pdf([[{ x: 50, y: 700, text: "Afgoerelse" }], table]));
    expect(r.unreadable).toEqual([]);
    expect(r.cprs).toEqual([dashed(CPR)]);
    expect(r.text).toMatch(/Jens Hansen\s+\d{6}-\d{4}\s+2024-117/);
  });

  it("reads a PDF inside a ZIP archive and a PDF renamed .dat", async () => {
    const bytes = pdf([table]);
    expect((await read("bilag.zip", zip({ "sager/a.pdf": bytes }))).cprs).toEqual([dashed(CPR)]);
    expect((await read("scan.dat", bytes)).cprs).toEqual([dashed(CPR)]);
  });

  it("reports an encrypted PDF (a user password) as encrypted", async () => {
    expect((await read("hemmelig.pdf", pdf([table], { encrypted: true }))).unreadable).toEqual(["hemmelig.pdf: encrypted"]);
  });

  it("reports a scanned PDF without a text layer as image only", async () => {
    expect((await read("scan.pdf", pdf([[], []], { imageOnly: true }))).unreadable).toEqual(["scan.pdf: image_only"]);
  });

  it("reports truncated and broken PDFs as corrupt, never crashing", async () => {
    const whole = pdf([table]);
    expect((await read("a.pdf", whole.subarray(0, 40))).unreadable).toEqual(["a.pdf: corrupt"]);
    expect((await read("b.pdf", new TextEncoder().encode("%PDF-1.7\nthis is not a pdf"))).unreadable).toEqual(["b.pdf: corrupt"]);
    // Cut in the middle of the page tree: pdf.js reconstructs what it can, or reports it.
    const half = await read("c.pdf", whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(half.unreadable.every((u) => /: (corrupt|image_only|no_content)$/.test(u))).toBe(true);
    expect(half.unreadable.length > 0 || half.cprs.length > 0).toBe(true);
  });

  it("reads at most the page limit and says so", async () => {
    const pages = [[{ x: 50, y: 700, text: "Side 1" }], [{ x: 50, y: 700, text: "Side 2" }], [{ x: 50, y: 700, text: dashed(CPR) }]];
    const r = await extractAttachment({ name: "lang.pdf", bytes: pdf(pages) }, { pdfReader: nodePdfReader, limits: { ...DEFAULT_EXTRACT_LIMITS, maxPdfPages: 2 } });
    // The file name comes last, as a text of its own.
    expect(r.texts.map((t) => t.content)).toEqual(["Side 1", "Side 2", "lang.pdf"]);
    expect(r.unreadable.map((u) => u.reason)).toEqual(["over_limit"]);
    expect(r.unreadable[0]?.detail).toContain("limits.maxPdfPages");
  });

  it("stops a PDF that takes too long, on a simulated clock", async () => {
    let t = 0;
    const r = await extractAttachment({ name: "lang.pdf", bytes: pdf([table, table, table]) }, { pdfReader: nodePdfReader, now: () => (t += 400), limits: { ...DEFAULT_EXTRACT_LIMITS, maxMillisPerAttachment: 1000 } });
    expect(r.unreadable.map((u) => u.reason)).toEqual(["over_limit"]);
    expect(r.unreadable[0]?.detail).toContain("limits.maxMillisPerAttachment");
  });

  it("without a reader (classic Outlook's JavaScript-only runtime) reports a PDF as unsupported", async () => {
    const r = await read("afgørelse.pdf", pdf([table]), false);
    expect(r.unreadable).toEqual(["afgørelse.pdf: unsupported_type"]);
    expect(r.details).toEqual([NO_PDF_READER_DETAIL]);
  });
});

describe("unreadableByHead (a host may skip decoding what its first bytes show it cannot read)", () => {
  const head = (bytes: Uint8Array): Uint8Array => bytes.subarray(0, HEAD_BYTES);

  it("without a reader, gives a PDF the same verdict as extraction", async () => {
    const bytes = pdf([table]);
    const whole = await extractAttachment({ name: "afgørelse.pdf", bytes });
    expect(unreadableByHead(head(bytes))).toEqual({ reason: whole.unreadable[0]?.reason, detail: whole.unreadable[0]?.detail });
    expect(unreadableByHead(head(bytes))).toEqual({ reason: "unsupported_type", detail: NO_PDF_READER_DETAIL });
  });

  it("finds \"%PDF-\" where readers accept it, after up to 1024 bytes of junk", () => {
    const late = new Uint8Array([...new Uint8Array(HEAD_BYTES - 5).fill(0x20), ...new TextEncoder().encode("%PDF-1.7")]);
    expect(unreadableByHead(late)?.reason).toBe("unsupported_type");
  });

  it("leaves everything else to extraction: a reader, a zip or OLE file holding \"%PDF-\", other files, nothing", () => {
    const bytes = pdf([table]);
    expect(unreadableByHead(head(bytes), { pdfReader: nodePdfReader })).toBeUndefined();
    // A zip whose first entry is a PDF stored uncompressed: "%PDF-" within the first bytes, yet a zip.
    const stored = zip({ "a.pdf": bytes }, 0);
    expect(new TextDecoder("latin1").decode(head(stored))).toContain("%PDF-");
    expect(unreadableByHead(head(stored))).toBeUndefined();
    const ole = new Uint8Array(HEAD_BYTES);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(new TextEncoder().encode("%PDF-"), 600);
    expect(unreadableByHead(ole)).toBeUndefined();
    expect(unreadableByHead(new TextEncoder().encode("Referat fra mødet"))).toBeUndefined();
    expect(unreadableByHead(new Uint8Array(0))).toBeUndefined();
  });
});
