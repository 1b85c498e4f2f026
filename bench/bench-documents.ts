/**
 * Generated documents for the extraction bench, in two cases:
 *  - dense: every byte is generated prose (bench/corpus.ts) with ~2 % CPR-like numbers. It
 *    compresses far better than real text, so a "5 MB docx" holds tens of millions of characters
 *    and tens of thousands of findings: the worst case, not a real case file.
 *  - realistic: what caseworkers attach: ~40 pages of a case document with a few CPR numbers and
 *    sensitive terms plus photos/scans in word/media/ (most of the bytes), a case list spreadsheet,
 *    and a PDF of text pages with an embedded image stream.
 */
import { caseDocumentText, danishMailCorpus, prng, validCprLike } from "./corpus";
import { docx, esc, jpegLike, odf, pdf, pptx, rtf, wPara, wPicture, wTable, xlsx, type Cell, type PdfText } from "../test/helpers/make-documents";

function paragraphs(chars: number, seed: number): string[] {
  return danishMailCorpus(chars, seed).split(/\n+/).filter((p) => p.trim() !== "");
}

/** Grows a document until its file is at least `bytes` long. */
export function atLeast(bytes: number, build: (chars: number) => Uint8Array): Uint8Array {
  let chars = bytes;
  for (;;) {
    const doc = build(chars);
    if (doc.length >= bytes) return doc;
    chars = Math.ceil(chars * Math.min(8, (bytes / doc.length) * 1.1));
  }
}

export const makeDocx = (chars: number): Uint8Array => {
  const ps = paragraphs(chars, 21);
  const body = ps.map((p, i) => (i % 20 === 19 ? wTable([[p.slice(0, 40), "12345", p.slice(40, 80)]]) : wPara(...p.split(/(?<=\. )/)))).join("");
  return docx({ body, footer: wPara("Side 1") });
};

export const makeXlsx = (chars: number): Uint8Array => {
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

export const makePdf = (chars: number): Uint8Array => {
  const lines = danishMailCorpus(chars, 23)
    .replace(/[^\x20-\x7e]/g, "e")
    .match(/.{1,90}/g) ?? [];
  const pages: PdfText[][] = [];
  for (let i = 0; i < lines.length; i += 60) pages.push(lines.slice(i, i + 60).map((text, k) => ({ x: 40, y: 800 - k * 12, text })));
  return pdf(pages);
};

export const makePptx = (chars: number): Uint8Array => {
  const ps = paragraphs(chars, 24);
  const slides: string[] = [];
  for (let i = 0; i < ps.length; i += 40) slides.push(ps.slice(i, i + 40).join(" "));
  return pptx(slides, slides.map((s) => s.slice(0, 200)));
};

export const makeOdt = (chars: number): Uint8Array => odf("text", paragraphs(chars, 25).map((p) => `<text:p>${esc(p)}</text:p>`).join(""));

export const makeRtf = (chars: number): Uint8Array =>
  rtf(
    paragraphs(chars, 26)
      .map((p) => p.replace(/[\\{}]/g, "").replace(/[æøåÆØÅ]/g, (c) => `\\'${c.charCodeAt(0).toString(16)}`))
      .join("\\par\n"),
  );

// ---------------------------------------------------------------------------------------------
// The realistic case.

/** Characters on a page of a case document (A4, 11 pt, normal margins). */
const PAGE_CHARS = 3000;
const RSIDS = ["00A1B2C3", "00D4E5F6", "0012AB34", "00CD56EF"];

/** A paragraph as Word writes it: paragraph properties, and one run per sentence with fonts, size, language and revision ids. */
function wordParagraph(text: string, k: number): string {
  const rsid = RSIDS[k % RSIDS.length] ?? "";
  const runs = text
    .split(/(?<=\. )/)
    .map(
      (r, i) =>
        `<w:r w:rsidRPr="${RSIDS[(k + i) % RSIDS.length] ?? ""}"><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="da-DK"/></w:rPr><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`,
    )
    .join("");
  return `<w:p w:rsidR="${rsid}" w:rsidRDefault="${rsid}" w:rsidP="${rsid}"><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/><w:rPr><w:lang w:val="da-DK"/></w:rPr></w:pPr>${runs}</w:p>`;
}

/**
 * A caseworker's 5 MB Word document: `pages` pages of case text with `cprs` CPR numbers and the
 * usual share of sensitive words, a case-data table, header and footer, and photos/scans in
 * word/media/ making up the rest of `bytes` (stored: images do not compress).
 */
export function realisticDocx(bytes = 5e6, pages = 40, cprs = 6): Uint8Array {
  const text = caseDocumentText(pages * PAGE_CHARS, 31, cprs);
  const paras = text.split(/\n+/).filter((p) => p.trim() !== "");
  const pictures = 6;
  const body: string[] = [];
  paras.forEach((p, k) => {
    body.push(wordParagraph(p, k));
    if (k % Math.ceil(paras.length / pictures) === 0) body.push(wPicture(`rIdImg${body.length % pictures + 1}`, `Billede ${k}`));
  });
  body.splice(3, 0, wTable([["Sagsnr.", "2024-18734"], ["Afdeling", "Børn og Familie"], ["Sagsbehandler", "Lene Holm"], ["Dato", "12.03.2024"]]));
  const withoutMedia = docx({ body: body.join(""), header: wPara("Aarhus Kommune · Sag 2024-18734"), footer: wPara("Side 1 af 40") });
  const left = Math.max(0, bytes - withoutMedia.length - pictures * 200);
  const media: Record<string, Uint8Array> = {};
  for (let i = 1; i <= pictures; i++) media[`image${i}.jpeg`] = jpegLike(Math.floor(left / pictures), 100 + i);
  return docx({ body: body.join(""), header: wPara("Aarhus Kommune · Sag 2024-18734"), footer: wPara("Side 1 af 40"), media });
}

const FIRST = "Anne Mette Lars Jens Peter Hanne Karen Søren Mads Sofie Emma Ida Frederik Oliver Noah Freja Ella Mikkel Rasmus Line Camilla Jonas Louise Christian Kirsten Bent Birgit Ole Henrik".split(" ");
const LAST = "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen Kristensen Olsen Thomsen Poulsen Johansen Møller Mortensen Holm".split(" ");
const STREETS = "Vestergade Østergade Nørregade Søndergade Skolevej Kirkevej Møllevej Stationsvej Engvej Birkevej Åboulevarden Frederiksgade Jernbanegade Parkvej Havnegade".split(" ");
const CITIES: [string, string][] = [["8000", "Aarhus C"], ["8200", "Aarhus N"], ["8210", "Aarhus V"], ["8260", "Viby J"], ["8270", "Højbjerg"], ["8300", "Odder"], ["8600", "Silkeborg"], ["8700", "Horsens"]];
const STATUS = ["Afventer", "Under behandling", "Afsluttet", "Partshøring", "Klage modtaget", "Bevilget", "Afslag"];
const NOTES = ["", "", "", "Ring tilbage", "Mangler lægeerklæring", "Sygedagpenge forlænget", "Underretning modtaget", "Anbringelse drøftet", "Kontanthjælp stoppet", "Misbrug nævnt i journal", "Bolig anvist"];
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/**
 * A caseworker's 5 MB case list: rows of case number, name, address, postcode and town, dates,
 * amounts, status and a note; `cprEvery`-th row or so has a CPR number, half typed as a number
 * (in a 0000000000 format, or as plain General, where a leading zero is lost) and half as text.
 * A 5 MB workbook really is text-dense: about 100,000 rows.
 */
export function realisticXlsx(bytes = 5e6, cprEvery = 25): Uint8Array {
  const build = (rowsWanted: number): Uint8Array => {
    const rand = prng(41);
    const header: Cell[] = ["Sagsnr.", "CPR-nr.", "Navn", "Adresse", "Postnr.", "By", "Oprettet", "Frist", "Beløb (kr.)", "Status", "Bemærkning"].map((h, i) => ({ ref: `${"ABCDEFGHIJK".charAt(i)}1`, s: h }));
    const rows: Cell[][] = [header];
    for (let r = 2; r <= rowsWanted + 1; r++) {
      const [zipCode, town] = pick(rand, CITIES);
      const row: Cell[] = [{ ref: `A${r}`, s: `2024-${String(10000 + Math.floor(rand() * 89999))}` }];
      if (rand() < 1 / cprEvery) {
        const cpr = validCprLike(rand);
        const kind = rand();
        if (kind < 0.25) row.push({ ref: `B${r}`, n: String(Number(cpr)), style: 1 });
        else if (kind < 0.5) row.push({ ref: `B${r}`, n: String(Number(cpr)) });
        else row.push({ ref: `B${r}`, s: `${cpr.slice(0, 6)}-${cpr.slice(6)}` });
      }
      row.push(
        { ref: `C${r}`, s: `${pick(rand, FIRST)} ${pick(rand, LAST)}` },
        { ref: `D${r}`, s: `${pick(rand, STREETS)} ${1 + Math.floor(rand() * 150)}` },
        { ref: `E${r}`, n: zipCode },
        { ref: `F${r}`, s: town },
        { ref: `G${r}`, n: String(44900 + Math.floor(rand() * 700)), style: 2 },
        { ref: `H${r}`, n: String(45200 + Math.floor(rand() * 400)), style: 2 },
        { ref: `I${r}`, n: (Math.floor(rand() * 2500000) / 100).toFixed(2), style: 3 },
        { ref: `J${r}`, s: pick(rand, STATUS) },
      );
      const note = pick(rand, NOTES);
      if (note !== "") row.push({ ref: `K${r}`, s: note });
      rows.push(row);
    }
    return xlsx([rows], [{ id: 164, code: "0000000000" }, { id: 165, code: "dd-mm-yyyy" }, { id: 166, code: "#,##0.00" }]);
  };
  // Size it from a trial build: the file grows linearly with the rows.
  const trialRows = 20000;
  const trial = build(trialRows);
  return atLeast(bytes, (chars) => build(Math.ceil((trialRows * chars * 1.005) / trial.length)));
}

/**
 * A caseworker's 5 MB PDF: `pages` pages of text with `cprs` CPR numbers, and a scanned
 * photo (a DCT image stream) making up the rest of `bytes`.
 */
export function realisticPdf(bytes = 5e6, pages = 40, cprs = 6): Uint8Array {
  const lines = caseDocumentText(pages * PAGE_CHARS, 33, cprs)
    .replace(/[^\x20-\x7e]/g, "e")
    .match(/.{1,90}/g) ?? [];
  const perPage = Math.ceil(lines.length / pages);
  const pagesText: PdfText[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pagesText.push(lines.slice(i, i + perPage).map((text, k) => ({ x: 40, y: 800 - k * 12, text })));
  const text = pdf(pagesText);
  return pdf(pagesText, { jpeg: jpegLike(Math.max(0, bytes - text.length - 300), 7) });
}
