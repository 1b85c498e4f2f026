/**
 * Attachment extraction figures: MB/s per format on generated documents (MB = 10^6 bytes of the
 * file as attached), and the whole send check of a mail with a 5 MB docx, a 5 MB xlsx and a 5 MB PDF.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { extractAttachment, extractAttachments, type AttachmentFile } from "../src/core/extract/extract-mail";
import { DEFAULT_POLICY } from "../src/core/policy/policy";
import { Scanner } from "../src/core/scan/scanner";
import { FakeOffice, type FakeAttachment } from "../src/fake-office/fake-office";
import { createUnpdfReader } from "../src/pdf/unpdf-reader";
import { docx, esc, odf, pdf, pptx, rtf, wPara, wTable, xlsx, zip, type Cell, type PdfText } from "../test/helpers/make-documents";
import { danishMailCorpus } from "./corpus";

const MB = 1e6;
/** Outside Jest, unpdf loads its pdf.js build itself. */
const nodePdfReader = createUnpdfReader();
const BUNDLE = join(__dirname, "..", "..", "dist-addin", "commands.js");

function paragraphs(chars: number, seed: number): string[] {
  return danishMailCorpus(chars, seed).split(/\n+/).filter((p) => p.trim() !== "");
}

/** Grows a document until its file is at least `bytes` long. */
function atLeast(bytes: number, build: (chars: number) => Uint8Array): Uint8Array {
  let chars = bytes;
  for (;;) {
    const doc = build(chars);
    if (doc.length >= bytes) return doc;
    chars = Math.ceil(chars * Math.min(8, (bytes / doc.length) * 1.1));
  }
}

const makeDocx = (chars: number): Uint8Array => {
  const ps = paragraphs(chars, 21);
  const body = ps.map((p, i) => (i % 20 === 19 ? wTable([[p.slice(0, 40), "12345", p.slice(40, 80)]]) : wPara(...p.split(/(?<=\. )/)))).join("");
  return docx({ body, footer: wPara("Side 1") });
};

const makeXlsx = (chars: number): Uint8Array => {
  const words = danishMailCorpus(chars, 22).split(/\s+/);
  const rows: Cell[][] = [];
  for (let i = 0; i + 4 < words.length; i += 5) {
    const r = rows.length + 1;
    rows.push([
      { ref: `A${r}`, s: words.slice(i, i + 3).join(" ") },
      { ref: `B${r}`, n: String(100000 + ((i * 7919) % 900000)) },
      { ref: `C${r}`, n: String((i * 104729) % 999999999), style: 1 },
      { ref: `D${r}`, inline: words.slice(i + 3, i + 5).join(" ") },
    ]);
  }
  return xlsx([rows], [{ id: 164, code: "0000000000" }]);
};

const makePdf = (chars: number): Uint8Array => {
  const lines = danishMailCorpus(chars, 23)
    .replace(/[^\x20-\x7e]/g, "e")
    .match(/.{1,90}/g) ?? [];
  const pages: PdfText[][] = [];
  for (let i = 0; i < lines.length; i += 60) pages.push(lines.slice(i, i + 60).map((text, k) => ({ x: 40, y: 800 - k * 12, text })));
  return pdf(pages);
};

const makePptx = (chars: number): Uint8Array => {
  const ps = paragraphs(chars, 24);
  const slides: string[] = [];
  for (let i = 0; i < ps.length; i += 40) slides.push(ps.slice(i, i + 40).join(" "));
  return pptx(slides, slides.map((s) => s.slice(0, 200)));
};

const makeOdt = (chars: number): Uint8Array => odf("text", paragraphs(chars, 25).map((p) => `<text:p>${esc(p)}</text:p>`).join(""));

const makeRtf = (chars: number): Uint8Array =>
  rtf(
    paragraphs(chars, 26)
      .map((p) => p.replace(/[\\{}]/g, "").replace(/[æøåÆØÅ]/g, (c) => `\\'${c.charCodeAt(0).toString(16)}`))
      .join("\\par\n"),
  );

async function best(fn: () => Promise<unknown>, repeat = 3): Promise<number> {
  await fn(); // warm-up
  let t = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    t = Math.min(t, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return t;
}

async function formatRow(name: string, file: AttachmentFile): Promise<void> {
  let chars = 0;
  const seconds = await best(async () => {
    const r = await extractAttachment(file, { pdfReader: nodePdfReader });
    if (r.unreadable.length > 0) throw new Error(`${name}: ${r.unreadable.map((u) => `${u.reason} ${u.detail}`).join("; ")}`);
    chars = r.texts.reduce((n, t) => n + t.content.length, 0);
  });
  console.log(`${name.padEnd(10)} ${(file.bytes.length / MB).toFixed(1).padStart(5)} MB file ${(chars / MB).toFixed(1).padStart(5)} M chars ${(seconds * 1000).toFixed(0).padStart(6)} ms ${(file.bytes.length / MB / seconds).toFixed(1).padStart(7)} MB/s`);
}

function loadBundle(attachments: FakeAttachment[]): FakeOffice {
  const fake = new FakeOffice({ draft: { subject: "Sag", bodyHtml: "<p>Se vedhæftede bilag.</p>", to: [{ emailAddress: "borger@gmail.com", recipientType: "externalUser" }], attachments } });
  vm.runInContext(readFileSync(BUNDLE, "utf8"), vm.createContext({ Office: fake.office, setTimeout, clearTimeout, console }));
  return fake;
}

export async function runExtractBench(): Promise<void> {
  console.log(`\nAttachment extraction (node ${process.version}, one thread; PDF with unpdf/pdf.js in Node)`);
  const size = 2 * MB;
  const docs: [string, Uint8Array][] = [
    ["docx", atLeast(size, makeDocx)],
    ["xlsx", atLeast(size, makeXlsx)],
    ["pptx", atLeast(size, makePptx)],
    ["odt", atLeast(size, makeOdt)],
    ["rtf", atLeast(size, makeRtf)],
    ["pdf", atLeast(size, makePdf)],
  ];
  for (const [name, bytes] of docs) await formatRow(name, { name: `bench.${name}`, bytes });
  await formatRow("zip", { name: "bench.zip", bytes: zip(Object.fromEntries(docs.slice(0, 3).map(([n, b]) => [`mappe/bench.${n}`, b])), 0) });

  const five = 5 * MB;
  const files: AttachmentFile[] = [
    { name: "sag.docx", bytes: atLeast(five, makeDocx) },
    { name: "liste.xlsx", bytes: atLeast(five, makeXlsx) },
    { name: "afgørelse.pdf", bytes: atLeast(five, makePdf) },
  ];
  console.log(`\nSend check of a mail with ${files.map((f) => `${f.name} ${(f.bytes.length / MB).toFixed(1)} MB`).join(", ")} (external recipient)`);
  const scanner = new Scanner(DEFAULT_POLICY);
  let findings = 0;
  const core = await best(async () => {
    const r = await extractAttachments(files, { limits: DEFAULT_POLICY.limits, pdfReader: nodePdfReader });
    findings = scanner.scan(r.texts, r.unreadable).findings.length;
  });
  console.log(`  Node, core path with the pdf.js reader (as the CLI, and the HTML runtime with pdf-reader.js): ${(core * 1000).toFixed(0)} ms (${findings} findings)`);
  const attachments = files.map((f, i): FakeAttachment => ({ id: `a${i}`, name: f.name, attachmentType: "file", size: f.bytes.length, content: { format: "base64", content: Buffer.from(f.bytes).toString("base64") } }));
  const runs: number[] = [];
  let outcome = "";
  for (let i = 0; i < 3; i++) {
    const fake = loadBundle(attachments);
    const t0 = process.hrtime.bigint();
    const done = await fake.fire("onMessageSendHandler", {}, 60000);
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    outcome = done?.options?.allowEvent === true ? "allow" : `block: ${String(done?.options?.errorMessage).slice(0, 80)}…`;
  }
  console.log(`  Built handler bundle in a bare vm (classic Outlook's JavaScript-only runtime, no PDF reader, base64 decoding included): first ${runs[0]?.toFixed(0)} ms, best ${Math.min(...runs).toFixed(0)} ms (${outcome})`);
}
