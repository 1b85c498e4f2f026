/**
 * Builds the documents the extraction tests read: Office Open XML, OpenDocument, ZIP, RTF and PDF,
 * small and valid enough for the real readers, with text put where a caseworker's document keeps it.
 */
import * as CFB from "cfb";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { join } from "node:path";
import { createUnpdfReader } from "../../src/pdf/unpdf-reader";

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An entry kept as it is (method "stored"), as writers keep images and other compressed data. */
export interface StoredEntry {
  readonly stored: Uint8Array;
}

export function zip(files: Record<string, string | Uint8Array | StoredEntry>, level: 0 | 6 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === "string") z[name] = [strToU8(content), { level }];
    else if (content instanceof Uint8Array) z[name] = [content, { level }];
    else z[name] = [content.stored, { level: 0 }];
  }
  return zipSync(z);
}

/**
 * `size` bytes that look like a JPEG photo to a reader of magic bytes and, like one, do not
 * compress: a start-of-image marker, seeded noise, an end-of-image marker.
 */
export function jpegLike(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(Math.max(size, 8));
  let a = seed >>> 0;
  for (let i = 0; i < out.length; i += 4) {
    a = (Math.imul(a ^ (a >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    out[i] = a & 0xff;
    out[i + 1] = (a >>> 8) & 0xff;
    out[i + 2] = (a >>> 16) & 0xff;
    out[i + 3] = a >>> 24;
  }
  out.set([0xff, 0xd8, 0xff, 0xe0]);
  out.set([0xff, 0xd9], out.length - 2);
  return out;
}

/** A paragraph whose text is split over runs, as Word writes it after edits. */
export const wPara = (...runs: string[]): string => `<w:p>${runs.map((r) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`).join("")}</w:p>`;
export const wTable = (rows: string[][]): string =>
  `<w:tbl>${rows.map((cells) => `<w:tr>${cells.map((c) => `<w:tc><w:tcPr/>${wPara(c)}</w:tc>`).join("")}</w:tr>`).join("")}</w:tbl>`;
/** A text box in a drawing, with Word's fallback copy. */
export const wTextBox = (text: string): string =>
  `<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="x"><wps:txbx><w:txbxContent>${wPara(text)}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="v"><w:txbxContent>${wPara(text)}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;

export interface DocxParts {
  readonly body: string;
  readonly footer?: string;
  readonly header?: string;
  readonly comments?: string;
  readonly footnotes?: string;
  readonly extra?: Record<string, string | Uint8Array>;
  /** Pictures in word/media/ (stored, as compressed images are), each with its relationship. */
  readonly media?: Record<string, Uint8Array>;
}

/** An inline picture in a paragraph, as Word writes it, showing the media relationship `rId`. */
export const wPicture = (rId: string, name: string): string =>
  `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="5400000" cy="3600000"/><wp:docPr id="1" name="${esc(name)}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="${esc(name)}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${rId}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="3600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;

export function docx(p: DocxParts): Uint8Array {
  const files: Record<string, string | Uint8Array | StoredEntry> = {
    "[Content_Types].xml": `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    "_rels/.rels": `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/document.xml": `${XML}<w:document ${W}><w:body>${p.body}<w:sectPr/></w:body></w:document>`,
    "word/styles.xml": `${XML}<w:styles ${W}><w:style w:styleId="Normal"><w:name w:val="Normal 0101901234"/></w:style></w:styles>`,
    ...p.extra,
  };
  const media = Object.entries(p.media ?? {});
  if (media.length > 0) {
    files["word/_rels/document.xml.rels"] = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${media
      .map(([name], i) => `<Relationship Id="rIdImg${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/${esc(name)}"/>`)
      .join("")}</Relationships>`;
    for (const [name, bytes] of media) files[`word/media/${name}`] = { stored: bytes };
  }
  if (p.footer !== undefined) files["word/footer1.xml"] = `${XML}<w:ftr ${W}>${p.footer}</w:ftr>`;
  if (p.header !== undefined) files["word/header1.xml"] = `${XML}<w:hdr ${W}>${p.header}</w:hdr>`;
  if (p.comments !== undefined) files["word/comments.xml"] = `${XML}<w:comments ${W}><w:comment w:id="0">${p.comments}</w:comment></w:comments>`;
  if (p.footnotes !== undefined) files["word/footnotes.xml"] = `${XML}<w:footnotes ${W}><w:footnote w:id="1">${p.footnotes}</w:footnote></w:footnotes>`;
  return zip(files);
}

export interface Cell {
  readonly ref: string;
  /** A string (shared), a number (with an optional style index), or an inline string. */
  readonly s?: string;
  readonly n?: string;
  readonly style?: number;
  readonly inline?: string;
}

/** A workbook; shared strings are kept once each, as Excel keeps them. */
/** `unusedShared`: strings in the shared-string table that no cell uses (Excel keeps them after a cell is cleared). */
export function xlsx(sheets: Cell[][][], numFmts: { id: number; code: string }[] = [], unusedShared: string[] = []): Uint8Array {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const sheetXml = sheets.map(
    (rows) =>
      `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
        .map(
          (cells, r) =>
            `<row r="${r + 1}">${cells
              .map((c) => {
                if (c.s !== undefined) {
                  let k = sharedIndex.get(c.s);
                  if (k === undefined) {
                    k = shared.push(c.s) - 1;
                    sharedIndex.set(c.s, k);
                  }
                  return `<c r="${c.ref}"${c.style !== undefined ? ` s="${c.style}"` : ""} t="s"><v>${k}</v></c>`;
                }
                if (c.inline !== undefined) return `<c r="${c.ref}" t="inlineStr"><is><t>${esc(c.inline)}</t></is></c>`;
                return `<c r="${c.ref}"${c.style !== undefined ? ` s="${c.style}"` : ""}><v>${c.n ?? ""}</v></c>`;
              })
              .join("")}</row>`,
        )
        .join("")}</sheetData></worksheet>`,
  );
  const files: Record<string, string> = {
    "[Content_Types].xml": `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    "xl/workbook.xml": `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>${sheets.map((_, i) => `<sheet name="Ark${i + 1}" sheetId="${i + 1}"/>`).join("")}</sheets></workbook>`,
    "xl/sharedStrings.xml": `${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${[...shared, ...unusedShared].map((s) => `<si><t>${esc(s)}</t></si>`).join("")}</sst>`,
    // Style 0 is General; style 1 uses the first custom format, and so on.
    "xl/styles.xml": `${XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="${numFmts.length}">${numFmts
      .map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code).replace(/"/g, "&quot;")}"/>`)
      .join("")}</numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="${numFmts.length + 1}"><xf numFmtId="0"/>${numFmts.map((f) => `<xf numFmtId="${f.id}" applyNumberFormat="1"/>`).join("")}</cellXfs></styleSheet>`,
  };
  sheetXml.forEach((x, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = x));
  return zip(files);
}

const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const aText = (t: string): string => `<p:sp><p:txBody><a:p><a:r><a:t>${esc(t)}</a:t></a:r></a:p></p:txBody></p:sp>`;

export function pptx(slides: string[], notes: string[] = []): Uint8Array {
  const files: Record<string, string> = {
    "[Content_Types].xml": `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    "ppt/presentation.xml": `${XML}<p:presentation ${A}/>`,
    "ppt/slideLayouts/slideLayout1.xml": `${XML}<p:sldLayout ${A}>${aText("Klik for at redigere")}</p:sldLayout>`,
  };
  slides.forEach((s, i) => (files[`ppt/slides/slide${i + 1}.xml`] = `${XML}<p:sld ${A}><p:cSld><p:spTree>${aText(s)}</p:spTree></p:cSld></p:sld>`));
  notes.forEach((n, i) => (files[`ppt/notesSlides/notesSlide${i + 1}.xml`] = `${XML}<p:notes ${A}><p:cSld><p:spTree>${aText(n)}</p:spTree></p:cSld></p:notes>`));
  return zip(files);
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';

export function odf(kind: "text" | "spreadsheet", body: string, footer = "", extra: Record<string, string> = {}): Uint8Array {
  return zip(
    {
      mimetype: `application/vnd.oasis.opendocument.${kind}`,
      "META-INF/manifest.xml": `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.${kind}"/></manifest:manifest>`,
      "content.xml": `${XML}<office:document-content ${ODF_NS}><office:body><office:${kind}>${body}</office:${kind}></office:body></office:document-content>`,
      "styles.xml": `${XML}<office:document-styles ${ODF_NS}><office:master-styles><style:master-page style:name="Standard"><style:footer><text:p>${footer}</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>`,
      ...extra,
    },
    0,
  );
}

/** A password-protected .docx as Office writes it: a compound file with EncryptionInfo and EncryptedPackage. */
export function encryptedDocx(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  const info = new Uint8Array(512);
  info.set([4, 0, 4, 0, 0x40, 0, 0, 0]); // version 4.4, agile encryption
  CFB.utils.cfb_add(cfb, "EncryptionInfo", info);
  const pkg = new Uint8Array(8192);
  for (let i = 0; i < pkg.length; i++) pkg[i] = (i * 131 + 7) & 0xff;
  CFB.utils.cfb_add(cfb, "EncryptedPackage", pkg);
  return new Uint8Array(CFB.write(cfb, { type: "array" }) as number[]);
}

/** A Word 97-2003 .doc: a compound file with a WordDocument stream. */
export function legacyDoc(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "WordDocument", new Uint8Array(4096).fill(1));
  return new Uint8Array(CFB.write(cfb, { type: "array" }) as number[]);
}

/** Sets the "encrypted" flag (general purpose bit 0) on every entry, in local and central headers. */
export function markEncrypted(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + 4 < out.length; i++) {
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 3 && out[i + 3] === 4) out[i + 6] = (out[i + 6] ?? 0) | 1;
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 1 && out[i + 3] === 2) out[i + 8] = (out[i + 8] ?? 0) | 1;
  }
  return out;
}

/** Rewrites the declared uncompressed size of every entry (headers that lie). */
export function setDeclaredSize(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 < out.length; i++) {
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 3 && out[i + 3] === 4) view.setUint32(i + 22, size, true);
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 1 && out[i + 3] === 2) view.setUint32(i + 24, size, true);
  }
  return out;
}

function latin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  return parts.join("");
}

export function rtf(body: string, header = "{\\rtf1\\ansi\\ansicpg1252\\deff0"): Uint8Array {
  const doc = `${header}{\\fonttbl{\\f0\\fswiss Arial 0101901234;}}{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Msftedit 5.41;}\\pard ${body}\\par}`;
  return Uint8Array.from(doc, (c) => c.charCodeAt(0) & 0xff);
}

export interface PdfText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface PdfOptions {
  /** An /Encrypt dictionary whose /U does not match the empty password. */
  readonly encrypted?: boolean;
  /** Pages that only draw an image. */
  readonly imageOnly?: boolean;
  /** A JPEG (DCTDecode) image stream drawn on the first page, e.g. a scanned signature or a photo. */
  readonly jpeg?: Uint8Array;
  /** Pages (from 0) that only draw an image, as a scanned page among typed ones. */
  readonly scannedPages?: readonly number[];
  /** The document information dictionary (/Title, /Author, /Subject, /Keywords …). */
  readonly info?: Readonly<Record<string, string>>;
  /** Filled-in text fields of an AcroForm, on the first page. */
  readonly fields?: readonly { readonly name: string; readonly value: string }[];
  /** Sticky-note comments (/Text annotations) on the first page. */
  readonly notes?: readonly string[];
}

const pdfString = (s: string): string => `(${s.replace(/[()\\]/g, "\\$&")})`;

/** A PDF with one text object per piece (Helvetica), with a correct cross-reference table. */
export function pdf(pages: PdfText[][], options: PdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add("");
  const pageTree = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const image = add("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream");
  const photo =
    options.jpeg === undefined
      ? 0
      : add(`<< /Type /XObject /Subtype /Image /Width 1200 /Height 900 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${options.jpeg.length} >>\nstream\n${latin1(options.jpeg)}\nendstream`);
  const kids: number[] = [];
  const fieldRefs: number[] = [];
  for (const [k, pieces] of pages.entries()) {
    const scanned = options.imageOnly === true || (options.scannedPages ?? []).includes(k);
    let ops = scanned ? "q 200 0 0 200 50 50 cm /Im1 Do Q" : pieces.map((p) => `BT /F1 10 Tf ${p.x} ${p.y} Td (${p.text.replace(/[()\\]/g, "\\$&")}) Tj ET`).join("\n");
    if (k === 0 && photo !== 0) ops = `q 400 0 0 300 100 400 cm /Im2 Do Q\n${ops}`;
    const content = add(`<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`);
    const page = add("");
    const annots: number[] = [];
    if (k === 0) {
      for (const [i, f] of (options.fields ?? []).entries()) {
        const ref = add(`<< /Type /Annot /Subtype /Widget /FT /Tx /T ${pdfString(f.name)} /V ${pdfString(f.value)} /Rect [50 ${600 - i * 30} 300 ${620 - i * 30}] /P ${page} 0 R /F 4 /DA (/F1 10 Tf 0 g) >>`);
        annots.push(ref);
        fieldRefs.push(ref);
      }
      for (const [i, note] of (options.notes ?? []).entries()) annots.push(add(`<< /Type /Annot /Subtype /Text /Rect [500 ${700 - i * 30} 520 ${720 - i * 30}] /Contents ${pdfString(note)} /T (Sagsbehandler) >>`));
    }
    objects[page - 1] = `<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 595 842] /Contents ${content} 0 R${annots.length > 0 ? ` /Annots [${annots.map((a) => `${a} 0 R`).join(" ")}]` : ""} /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R${photo !== 0 ? ` /Im2 ${photo} 0 R` : ""} >> >> >>`;
    kids.push(page);
  }
  const acroForm = fieldRefs.length > 0 ? ` /AcroForm << /Fields [${fieldRefs.map((r) => `${r} 0 R`).join(" ")}] /DA (/F1 10 Tf 0 g) /DR << /Font << /F1 ${font} 0 R >> >> >>` : "";
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R${acroForm} >>`;
  const info = options.info === undefined ? 0 : add(`<< ${Object.entries(options.info).map(([k, v]) => `/${k} ${pdfString(v)}`).join(" ")} >>`);
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  const encrypt = options.encrypted === true ? add(`<< /Filter /Standard /V 1 /R 2 /O <${"7a".repeat(32)}> /U <${"3c".repeat(32)}> /P -4 >>`) : 0;
  let out = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  const id = "<0123456789abcdef0123456789abcdef>";
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info !== 0 ? ` /Info ${info} 0 R` : ""}${encrypt ? ` /Encrypt ${encrypt} 0 R /ID [${id} ${id}]` : ""} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

/**
 * The unpdf reader with pdf.js loaded through Node's own require: Jest's module system cannot
 * run unpdf's dynamic import of the ES module, Node (20.19 and later) can require it.
 */
export const nodePdfReader = createUnpdfReader(() => {
  const nodeModule = (process as unknown as { getBuiltinModule(id: string): typeof import("node:module") }).getBuiltinModule("node:module");
  const nodeRequire = nodeModule.createRequire(__filename);
  return Promise.resolve(nodeRequire(join(__dirname, "..", "..", "node_modules", "unpdf", "dist", "pdfjs.mjs")) as unknown);
});

/** Text as Notepad saves it as "Unicode" (UTF-16 LE) or "Unicode big endian": a byte order mark, then UTF-16. */
export function utf16Text(text: string, order: "le" | "be" = "le"): Uint8Array {
  const le = Buffer.from(text, "utf16le");
  const out = new Uint8Array(le.length + 2);
  out.set(order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i + 1 < le.length; i += 2) {
    out[2 + i] = order === "le" ? (le[i] ?? 0) : (le[i + 1] ?? 0);
    out[3 + i] = order === "le" ? (le[i + 1] ?? 0) : (le[i] ?? 0);
  }
  return out;
}

/** Folds a content line as RFC 5545/6350 writers do: at most 75 octets, continued after CRLF and a space. */
export function foldLine(line: string, width = 75): string {
  const parts: string[] = [line.slice(0, width)];
  for (let i = width; i < line.length; i += width - 1) parts.push(` ${line.slice(i, i + width - 1)}`);
  return parts.join("\r\n");
}

/** A meeting invitation as Outlook exports it (.ics), the description folded at 75 octets. */
export function ics(description: string): Uint8Array {
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    "DTSTART:20260312T090000Z",
    "DTEND:20260312T100000Z",
    "SUMMARY;LANGUAGE=da:Møde om sag",
    foldLine(`DESCRIPTION;LANGUAGE=da:${description.replace(/\\/g, "\\\\").replace(/[,;]/g, "\\$&").replace(/\n/g, "\\n")}`),
    "LOCATION:Mødelokale 2",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}

/**
 * A contact card as Outlook exports it (vCard 2.1): the note in quoted-printable, Windows-1252,
 * with "=" soft line breaks at 76 characters.
 */
export function vcard21(name: string, note: string): Uint8Array {
  const bytes = Buffer.from(note.replace(/\n/g, "\r\n"), "latin1");
  let qp = "";
  for (const b of bytes) qp += (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
  const head = "NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:";
  const soft: string[] = [];
  let line = head;
  for (let i = 0; i < qp.length; ) {
    // Never split an =XX escape.
    const take = qp[i] === "=" ? 3 : 1;
    if (line.length + take > 75) {
      soft.push(`${line}=`);
      line = "";
    }
    line += qp.slice(i, i + take);
    i += take;
  }
  soft.push(line);
  const lines = ["BEGIN:VCARD", "VERSION:2.1", `N;CHARSET=Windows-1252:${name};;;`, `FN;CHARSET=Windows-1252:${name}`, ...soft, "END:VCARD", ""];
  return Uint8Array.from(lines.join("\r\n"), (c) => c.charCodeAt(0) & 0xff);
}

/** A package with parts added or replaced (a document saved by another program, or by a case system). */
export function withParts(pkg: Uint8Array, parts: Record<string, string | Uint8Array | StoredEntry>): Uint8Array {
  const files: Record<string, string | Uint8Array | StoredEntry> = { ...unzipSync(pkg) };
  for (const [name, content] of Object.entries(parts)) files[name] = content;
  return zip(files);
}

export const XML_DECL = XML;

export interface MsgParts {
  readonly subject: string;
  /** PR_BODY (plain text), as a UTF-16 string property. */
  readonly body?: string;
  /** PR_HTML (0x1013) as bytes in the item's code page, as Outlook keeps most HTML mails. */
  readonly htmlBytes?: Uint8Array;
  /** PR_INTERNET_CPID: the code page of the HTML bytes. */
  readonly codePage?: number;
  /** PR_RTF_COMPRESSED only: a body not kept as text or HTML. */
  readonly compressedRtf?: Uint8Array;
  /** An Outlook item attached to this one (a forwarded mail), with files attached to it by name. */
  readonly attachedItem?: { readonly subject: string; readonly body: string; readonly files: readonly string[] };
  /** Files attached by value, with their content. */
  readonly files?: readonly { readonly name: string; readonly bytes: Uint8Array; readonly mime?: string; readonly contentId?: string }[];
  /** Outlook items attached to this one, each a whole item (nested as deep as given). */
  readonly items?: readonly MsgParts[];
}

/** An Outlook item saved as .msg: a compound file with the item's property streams. */
export function outlookMsg(p: MsgParts): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  addMsgItem(cfb, "", p, 32);
  return new Uint8Array(CFB.write(cfb, { type: "array" }) as number[]);
}

/** Writes an item's streams under `at` ("" for the file's root, else a storage path ending in "/"). */
function addMsgItem(cfb: CFB.CFB$Container, at: string, p: MsgParts, headerSize: number): void {
  const u16 = (s: string): Buffer => Buffer.from(s, "utf16le");
  CFB.utils.cfb_add(cfb, `${at}__substg1.0_0037001F`, u16(p.subject));
  if (p.body !== undefined) CFB.utils.cfb_add(cfb, `${at}__substg1.0_1000001F`, u16(p.body));
  if (p.htmlBytes !== undefined) CFB.utils.cfb_add(cfb, `${at}__substg1.0_10130102`, p.htmlBytes);
  if (p.compressedRtf !== undefined) CFB.utils.cfb_add(cfb, `${at}__substg1.0_10090102`, p.compressedRtf);
  // The fixed-size properties stream: a 32-byte header (24 in an attached item), then 16 bytes per property.
  const props = Buffer.alloc(headerSize + 16);
  if (p.codePage !== undefined) {
    props.writeUInt32LE(0x3fde0003, headerSize); // PR_INTERNET_CPID, PT_LONG
    props.writeUInt32LE(6, headerSize + 4);
    props.writeUInt32LE(p.codePage, headerSize + 8);
  }
  CFB.utils.cfb_add(cfb, `${at}__properties_version1.0`, props);
  // An attachment's properties stream: an 8-byte header, then PR_ATTACH_METHOD (5: an embedded item, 1: a file).
  const attachProps = (method: number): Buffer => {
    const b = Buffer.alloc(8 + 16);
    b.writeUInt32LE(0x37050003, 8);
    b.writeUInt32LE(6, 12);
    b.writeUInt32LE(method, 16);
    return b;
  };
  let n = 0;
  const nextAttachment = (): string => `${at}__attach_version1.0_#${String(n++).padStart(8, "0")}/`;
  if (p.attachedItem !== undefined) {
    const a = nextAttachment();
    CFB.utils.cfb_add(cfb, `${a}__properties_version1.0`, attachProps(5));
    CFB.utils.cfb_add(cfb, `${a}__substg1.0_3001001F`, u16(p.attachedItem.subject));
    const item = `${a}__substg1.0_3701000D/`;
    CFB.utils.cfb_add(cfb, `${item}__properties_version1.0`, Buffer.alloc(24));
    CFB.utils.cfb_add(cfb, `${item}__substg1.0_0037001F`, u16(p.attachedItem.subject));
    CFB.utils.cfb_add(cfb, `${item}__substg1.0_1000001F`, u16(p.attachedItem.body));
    p.attachedItem.files.forEach((name, i) => {
      const f = `${item}__attach_version1.0_#${String(i).padStart(8, "0")}/`;
      CFB.utils.cfb_add(cfb, `${f}__properties_version1.0`, attachProps(1));
      CFB.utils.cfb_add(cfb, `${f}__substg1.0_3707001F`, u16(name));
      CFB.utils.cfb_add(cfb, `${f}__substg1.0_37010102`, Buffer.from("%PDF-1.4\n"));
    });
  }
  for (const file of p.files ?? []) {
    const f = nextAttachment();
    CFB.utils.cfb_add(cfb, `${f}__properties_version1.0`, attachProps(1));
    CFB.utils.cfb_add(cfb, `${f}__substg1.0_3707001F`, u16(file.name));
    if (file.mime !== undefined) CFB.utils.cfb_add(cfb, `${f}__substg1.0_370E001F`, u16(file.mime));
    if (file.contentId !== undefined) CFB.utils.cfb_add(cfb, `${f}__substg1.0_3712001F`, u16(file.contentId));
    CFB.utils.cfb_add(cfb, `${f}__substg1.0_37010102`, Buffer.from(file.bytes));
  }
  for (const item of p.items ?? []) {
    const a = nextAttachment();
    CFB.utils.cfb_add(cfb, `${a}__properties_version1.0`, attachProps(5));
    CFB.utils.cfb_add(cfb, `${a}__substg1.0_3001001F`, u16(item.subject));
    addMsgItem(cfb, `${a}__substg1.0_3701000D/`, item, 24);
  }
}

/**
 * An RTF body as PR_RTF_COMPRESSED keeps it ([MS-OXRTFCP] "LZFu"): here every byte a literal,
 * eight to a control byte, and the end marker (a reference to the write position) after them.
 */
export function compressedRtf(rtfText: string): Uint8Array {
  const raw = Buffer.from(rtfText, "latin1");
  const body: number[] = [];
  let write = 207; // after the format's 207-byte dictionary prefix
  for (let i = 0; i <= raw.length; i += 8) {
    const group = [...raw.subarray(i, i + 8)];
    const end = group.length < 8;
    body.push(end ? 1 << group.length : 0, ...group);
    write = (write + group.length) & 4095;
    if (end) body.push((write >> 4) & 0xff, (write & 15) << 4);
  }
  const out = Buffer.alloc(16 + body.length);
  out.writeUInt32LE(12 + body.length, 0);
  out.writeUInt32LE(raw.length, 4);
  out.writeUInt32LE(0x75465a4c, 8);
  Buffer.from(body).copy(out, 16);
  return new Uint8Array(out);
}
