/**
 * Issue 18's audit: every CPR form and every look-alike class the issue lists, as a realistic
 * draft, through the three front ends that share the core: the send handler's draft check
 * (DraftChecker on the fake Outlook mailbox), the task pane's model (paneModel over that check)
 * and the CLI scan (`sikker-post scan --json` over the same mail saved as .eml). Each row says
 * which CPR numbers count; the three must find exactly those, and agree on what is unreadable.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScan } from "../../src/cli/scan-command";
import { da } from "../../src/core/i18n/da";
import { INSECURE } from "../../src/core/policy/decide-send";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { NO_PROTECTION } from "../../src/core/secure/protection";
import { DraftChecker } from "../../src/draft/draft-checker";
import { FakeOffice, type FakeAttachment } from "../../src/fake-office/fake-office";
import { OutlookComposeItem } from "../../src/office/compose-item";
import { paneModel } from "../../src/taskpane/pane-model";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { compressedRtf, docx, esc, ics, jpegLike, wPicture, nodePdfReader, outlookMsg, pdf, pptx, utf16Text, vcard21, withParts, wPara, XML_DECL as XML, xlsx, zip } from "../helpers/make-documents";

// Distinct birth dates, so the masked values (DDMMYY-XXXX) tell the numbers apart.
const C = Array.from({ length: 24 }, (_, i) => makeCpr(1950 + i, 1 + (i % 12), 1 + i, i % 4, 100 + i * 31));
const d = (k: number): string => (C[k] as string).slice(0, 6);
const s = (k: number): string => (C[k] as string).slice(6);
const v = (k: number): string => dashed(C[k] as string);
const masked = (k: number): string => `${d(k)}-XXXX`;
const spaced = (t: string): string => t.split("").join(" ");
const pairs = (t: string): string => `${t.slice(0, 2)} ${t.slice(2, 4)} ${t.slice(4, 6)} ${t.slice(6, 8)} ${t.slice(8)}`;
const lookalike = (t: string): string => t.replace(/0/g, "O").replace(/1/g, "l");

interface File {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly contentType?: string;
}

interface Draft {
  readonly subject?: string;
  readonly html?: string;
  readonly files?: readonly File[];
  /** A mail attached as an Outlook item (.eml text). */
  readonly mail?: { readonly name: string; readonly eml: string };
}

interface Row {
  readonly form: string;
  readonly draft: Draft;
  /** The CPR numbers (indexes into C) that must count; [] for a look-alike. */
  readonly counted: readonly number[];
  /** What must be reported as not read (reasons), when anything. */
  readonly unreadable?: readonly string[];
}

const text = (t: string): Uint8Array => new TextEncoder().encode(t);
const body = (html: string): Draft => ({ html });
const letter = (t: string): string => `<html><body><p>Kære kollega</p><p>${t}</p><p>Med venlig hilsen<br>Lis Holm, Jobcentret</p></body></html>`;

function innerMail(subject: string, files: readonly File[]): string {
  const parts = files.map((f) => `--inner\r\nContent-Type: ${f.contentType ?? "application/octet-stream"}; name="${f.name}"\r\nContent-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(f.name)}\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(f.bytes).toString("base64")}\r\n`);
  return `From: lis@kommune.example.dk\r\nTo: jens@kommune.example.dk\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="inner"\r\n\r\n--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSe vedhæftede.\r\n${parts.join("")}--inner--\r\n`;
}

const coreProps = (title: string): string =>
  `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(title)}</dc:title></cp:coreProperties>`;
const customProps = (name: string, value: string): string =>
  `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${esc(name)}"><vt:lpwstr>${esc(value)}</vt:lpwstr></property></Properties>`;
const smartArt = (t: string): string =>
  `${XML}<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="{1}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>${esc(t)}</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>`;
const chart = (label: string): string =>
  `${XML}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:f>Ark1!$A$2</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(label)}</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>`;
const PPT_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const slideText = (t: string): string => `<p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${esc(t)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld>`;
/** A register of P-numbers: ten digits each, nearly all failing as CPR numbers. */
const register = Array.from({ length: 14 }, (_, k) => `${String(1000000000 + k * 7919 * 13).slice(0, 10)}\tVirksomhed ${k + 1} ApS\tIndustrivej ${k + 1}`).join("<br>");

const ROWS: readonly Row[] = [
  // Separator variants.
  { form: "a space before the dash", draft: body(letter(`Borgerens nummer er ${d(0)} -${s(0)}.`)), counted: [0] },
  { form: "a space after the dash", draft: body(letter(`Nummeret ${d(1)}- ${s(1)} er rettet.`)), counted: [1] },
  { form: "a dot between date and serial", draft: body(letter(`Sagen vedrører ${d(2)}.${s(2)}.`)), counted: [2] },
  { form: "a slash between date and serial", draft: body(letter(`Sagen vedrører ${d(3)}/${s(3)}.`)), counted: [3] },
  { form: "an underscore and a colon", draft: body(letter(`Fil ${d(4)}_${s(4)} og ${d(5)}:${s(5)}`)), counted: [4, 5] },
  { form: "dots everywhere", draft: body(letter(`${d(6).slice(0, 2)}.${d(6).slice(2, 4)}.${d(6).slice(4)}.${s(6)}`)), counted: [6] },
  { form: "a double dash and a double space", draft: body(`<pre>${d(7)}--${s(7)} og ${d(8)}  ${s(8)}</pre>`), counted: [7, 8] },
  { form: "a non-breaking space plus a space (a typed double space)", draft: body(letter(`Borger ${d(9)}&nbsp; ${s(9)} har ringet.`)), counted: [9] },
  { form: "a tab, pasted from a spreadsheet", draft: { files: [{ name: "noter.txt", bytes: text(`Jens Hansen\t${d(10)}\t${s(10)}\tVestergade 12\n`) }] }, counted: [10] },
  // Groupings next to a label.
  { form: "digit pairs next to a label", draft: body(letter(`CPR-nr.: ${pairs(C[11] as string)}`)), counted: [11] },
  { form: "every digit spaced next to a label", draft: body(letter(`Personnummer ${spaced(C[12] as string)}`)), counted: [12] },
  { form: "date and serial on two lines next to a label", draft: body(letter(`CPR: ${d(13)}<br>${s(13)}`)), counted: [13] },
  // Markup.
  { form: "a <br> between date and serial", draft: body(`<p>Borger ${d(14)}-<br>${s(14)} er visiteret.</p>`), counted: [14] },
  { form: "a block element between date and serial, next to a label", draft: body(`<div>CPR-nummer: ${d(15)}</div><div>${s(15)}</div>`), counted: [15] },
  { form: "two table cells under Fødselsdato / Løbenr.", draft: body(`<table><tr><th>Navn</th><th>Fødselsdato</th><th>Postnr.</th><th>Løbenr.</th></tr><tr><td>Jens Hansen</td><td>${d(16)}</td><td>8000</td><td>${s(16)}</td></tr></table>`), counted: [16] },
  { form: "two neighbouring table cells", draft: body(`<table><tr><td>Jens Hansen</td><td>${d(17)}</td><td>${s(17)}</td></tr></table>`), counted: [17] },
  {
    form: "two worksheet columns headed Fødselsdato and Løbenr.",
    draft: {
      files: [
        {
          name: "borgere.xlsx",
          bytes: xlsx([
            [
              [{ ref: "A1", s: "Navn" }, { ref: "B1", s: "Fødselsdato" }, { ref: "C1", s: "Løbenr." }],
              [{ ref: "A2", s: "Jens Hansen" }, { ref: "B2", s: `${d(19).slice(0, 2)}-${d(19).slice(2, 4)}-${d(19).slice(4)}` }, { ref: "C2", n: s(19) }],
              [{ ref: "A3", s: "Lis Holm" }, { ref: "B3", n: d(20) }, { ref: "C3", n: s(20) }],
            ],
          ]),
        },
      ],
    },
    counted: [19, 20],
  },
  { form: "two CSV columns headed Født and Løbenummer", draft: { files: [{ name: "udtræk.csv", bytes: text(`"Navn";"Født";"Adresse";"Løbenummer"\r\n"Jens Hansen";"${d(21)}";"Vestergade 12";"${s(21)}"\r\n`) }] }, counted: [21] },
  { form: "a form: Fødselsdato and Løbenummer on separate lines", draft: body(`<p>Fødselsdato: ${d(18)}<br>Løbenummer: ${s(18)}</p>`), counted: [18] },
  { form: "only in a link's query string", draft: body(`<p>Se <a href="https://sag.example.dk/vis?cpr=${C[19] as string}&amp;t=1">sagen</a>.</p>`), counted: [19] },
  { form: "in alt and title attributes", draft: body(`<p><img src="cid:foto" alt="Borger ${v(20)}"> <span title="${v(21)}">Jens</span></p>`), counted: [20, 21] },
  { form: "Outlook conditional comments", draft: body(`<p>Hej</p><!--[if gte mso 9]><p>CPR ${v(22)}</p><![endif]-->`), counted: [22] },
  { form: "noscript and svg text", draft: body(`<noscript>Borger ${v(23)}</noscript><svg><text x="0" y="10">${v(0)}</text></svg>`), counted: [0, 23] },
  // Names.
  { form: "the attachment's own file name", draft: { files: [{ name: `Afgørelse ${v(1)}.txt`, bytes: text("Afgørelsen er vedlagt.") }] }, counted: [1] },
  { form: "paths inside a ZIP", draft: { files: [{ name: "sager.zip", bytes: zip({ [`borgere/${v(2)}/notat.txt`]: "Notat", "readme.txt": "Se mapper" }) }] }, counted: [2] },
  { form: "names of attachments inside an attached mail", draft: { mail: { name: "Videresendt sag.eml", eml: innerMail("Sagen", [{ name: `Journal ${v(3)}.txt`, bytes: text("Journal"), contentType: "text/plain" }]) } }, counted: [3] },
  { form: "names of attachments inside an attached .msg", draft: { files: [{ name: "Sagen.msg", bytes: outlookMsg({ subject: "Sagen", body: "Se bilag", files: [{ name: `Notat ${v(4)}.txt`, bytes: text("Notat") }] }) }] }, counted: [4] },
  // CSV without the leading zero.
  { form: "CSV with the leading zero Excel dropped", draft: { files: [{ name: "borgere.csv", bytes: text(`Navn;CPR-nr.;By\r\nJens Hansen;${Number(C[5])};Aarhus\r\n`) }] }, counted: [5] },
  // Document parts.
  {
    form: "Word properties, custom properties and customXml",
    draft: { files: [{ name: "afgørelse.docx", bytes: docx({ body: wPara("Afgørelse"), extra: { "docProps/core.xml": coreProps(`Afgørelse ${v(6)}`), "docProps/custom.xml": customProps("BorgerCPR", v(7)), "customXml/item1.xml": `${XML}<sag><cpr>${v(8)}</cpr></sag>` } }) }] },
    counted: [6, 7, 8],
  },
  {
    form: "SmartArt, chart caches and alt text",
    draft: {
      files: [
        {
          name: "notat.docx",
          bytes: docx({
            body: `${wPara("Se figur")}<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Billede 1" descr="Foto af borger, CPR ${v(11)}"/></wp:inline></w:drawing></w:r></w:p>`,
            extra: { "word/diagrams/data1.xml": smartArt(`Borger ${v(9)}`), "word/charts/chart1.xml": chart(`Borger ${v(10)}`) },
          }),
        },
      ],
    },
    counted: [9, 10, 11],
  },
  {
    form: "Excel sheet names, headers and footers",
    draft: {
      files: [
        {
          name: "bevilling.xlsx",
          bytes: withParts(xlsx([[[{ ref: "A1", s: "Bevilling" }]]]), {
            "xl/workbook.xml": `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Jens ${v(12)}" sheetId="1"/></sheets></workbook>`,
            "xl/worksheets/sheet1.xml": `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><headerFooter><oddHeader>&amp;LBorger ${v(13)}</oddHeader></headerFooter></worksheet>`,
          }),
        },
      ],
    },
    counted: [12, 13],
  },
  {
    form: "an Excel pivot cache",
    draft: {
      files: [
        {
          name: "oversigt.xlsx",
          bytes: withParts(xlsx([[[{ ref: "A1", s: "Oversigt" }]]]), {
            "xl/pivotCache/pivotCacheDefinition1.xml": `${XML}<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" recordCount="1"><cacheFields count="1"><cacheField name="Navn"><sharedItems><s v="CPR ${v(14)}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`,
          }),
        },
      ],
    },
    counted: [14],
  },
  {
    form: "PowerPoint masters and layouts",
    draft: { files: [{ name: "status.pptx", bytes: withParts(pptx(["Status på sagen"]), { "ppt/slideMasters/slideMaster1.xml": `${XML}<p:sldMaster ${PPT_NS}>${slideText(`Borger ${v(15)}`)}</p:sldMaster>`, "ppt/slideLayouts/slideLayout2.xml": `${XML}<p:sldLayout ${PPT_NS}>${slideText(`Sag ${v(16)}`)}</p:sldLayout>` }) }] },
    counted: [15, 16],
  },
  {
    form: "PDF form fields, annotations and document info",
    draft: { files: [{ name: "ansøgning.pdf", bytes: pdf([[{ x: 50, y: 750, text: "Ansøgning om hjælp" }]], { fields: [{ name: "cpr", value: v(17) }], notes: [`Tjek ${v(18)}`], info: { Title: `Ansøgning ${v(19)}` } }) }] },
    counted: [17, 18, 19],
  },
  {
    form: "a PDF with typed text and a scanned page: the scan is reported as not read",
    draft: { files: [{ name: "sag.pdf", bytes: pdf([[{ x: 50, y: 750, text: `Følgebrev ${v(20)}` }], [{ x: 50, y: 700, text: "scannet" }]], { scannedPages: [1] }) }] },
    counted: [20],
    unreadable: ["image_only"],
  },
  {
    form: "a Word document with text and a pasted picture: the picture is reported as not read",
    draft: { files: [{ name: "notat.docx", bytes: docx({ body: wPara(`Notat om borger ${v(2)}`) + wPicture("rIdImg1", "scan.jpeg"), media: { "scan.jpeg": jpegLike(4000) } }) }] },
    counted: [2],
    unreadable: ["image_ignored"],
  },
  {
    form: "an attached .msg with an Outlook item attached to it",
    draft: { files: [{ name: "Fwd Sagen.msg", bytes: outlookMsg({ subject: "Fwd: Sagen", body: "Se nedenfor", items: [{ subject: "Sagen", htmlBytes: Buffer.from(`<p>Borger ${v(3)}</p>`, "utf8"), codePage: 65001 }] }) }] },
    counted: [3],
  },
  { form: "an attached .msg whose body is only HTML bytes", draft: { files: [{ name: "Borgerhenvendelse.msg", bytes: outlookMsg({ subject: "Henvendelse", htmlBytes: Buffer.from(`<html><body><p>Mit CPR er ${v(21)}</p></body></html>`, "latin1"), codePage: 1252 }) }] }, counted: [21] },
  { form: "an attached .msg whose body is only compressed RTF", draft: { files: [{ name: "Notat.msg", bytes: outlookMsg({ subject: "Notat", compressedRtf: compressedRtf(`{\\rtf1\\ansi\\pard Borger ${v(22)}\\par}`) }) }] }, counted: [22] },
  { form: "UTF-16 text with a byte order mark", draft: { files: [{ name: "liste.txt", bytes: utf16Text(`Borgere:\r\nJens Hansen ${v(23)}\r\n`) }] }, counted: [23] },
  { form: ".ics folded at 75 octets", draft: { files: [{ name: "møde.ics", bytes: ics(`${"Mødet handler om borgeren og hans sag hos jobcentret. ".repeat(1)}Borger: ${v(0)}`) }] }, counted: [0] },
  { form: ".vcf in quoted-printable", draft: { files: [{ name: "kontakt.vcf", bytes: vcard21("Jens Hansen", `Født ${v(1)}\nBor på Vestergade`) }] }, counted: [1] },
  { form: "letters typed for digits next to a label", draft: body(letter(`CPR: ${lookalike(v(2))}`)), counted: [2] },
  // Look-alikes that must not count.
  { form: "labelled as an invoice, customer, account, order or P-number", draft: body(letter(`Fakturanr. ${C[3] as string}<br>Kundenr. ${C[4] as string}<br>Ordrenr. ${C[5] as string}<br>P-nr. ${C[6] as string}<br>CVR ${C[7] as string}<br>Invoice ${C[8] as string}`)), counted: [] },
  { form: "an account number past a bank prefix", draft: body(letter(`Kontonr. 1234-${C[9] as string} og reg.nr. 5678 ${C[10] as string}`)), counted: [] },
  { form: "a register of mostly invalid numbers, with one real CPR number elsewhere", draft: body(`<p>P-numre:</p><p>${register}</p><p>&nbsp;</p><p>Sagen vedrører borgeren ${v(11)}.</p>`), counted: [11] },
  { form: "digits inside alphanumeric identifiers", draft: body(letter(`Reference 9a${C[12] as string}x07f og ID:A${C[13] as string}B`)), counted: [] },
];

const CITIZEN = { emailAddress: "borger@gmail.com", recipientType: "externalUser" as const };

function fakeAttachments(draft: Draft): FakeAttachment[] {
  const files = (draft.files ?? []).map((f, k): FakeAttachment => ({ id: `a${k}`, name: f.name, attachmentType: "file", size: f.bytes.length, ...(f.contentType !== undefined ? { contentType: f.contentType } : {}), content: { format: "base64", content: Buffer.from(f.bytes).toString("base64") } }));
  const mail = draft.mail === undefined ? [] : [{ id: "m0", name: draft.mail.name, attachmentType: "item" as const, size: draft.mail.eml.length, content: { format: "eml" as const, content: draft.mail.eml } }];
  return [...files, ...mail];
}

/** The same draft as Outlook would save it: subject, HTML body, attachments (and an attached mail). */
function asEml(draft: Draft): string {
  const parts = [`--outer\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(draft.html ?? "<p>Se bilag</p>").toString("base64")}\r\n`];
  for (const f of draft.files ?? []) {
    parts.push(`--outer\r\nContent-Type: ${f.contentType ?? "application/octet-stream"}\r\nContent-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(f.name)}\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(f.bytes).toString("base64").replace(/.{76}/g, "$&\r\n")}\r\n`);
  }
  if (draft.mail !== undefined) parts.push(`--outer\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(draft.mail.name)}\r\n\r\n${draft.mail.eml}\r\n`);
  const subject = `=?UTF-8?B?${Buffer.from(draft.subject ?? "Sag").toString("base64")}?=`;
  return `From: lis@kommune.example.dk\r\nTo: borger@gmail.com\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n${parts.join("")}--outer--\r\n`;
}

interface Seen {
  readonly counted: readonly string[];
  readonly unreadable: readonly string[];
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

async function throughHandlerAndPane(draft: Draft): Promise<{ handler: Seen & { action: string }; pane: Seen }> {
  const fake = new FakeOffice({ draft: { subject: draft.subject ?? "Sag", bodyHtml: draft.html ?? "<p>Se bilag</p>", to: [CITIZEN], attachments: fakeAttachments(draft) } });
  // Installed for the row; left until the next row or afterAll, so no late callback finds it gone.
  (globalThis as { Office?: unknown }).Office = fake.office;
  const checker = new DraftChecker(DEFAULT_POLICY, { pdfReader: nodePdfReader });
  const check = await checker.check({ item: new OutlookComposeItem(), state: INSECURE, protection: NO_PROTECTION });
  const handler = {
    counted: unique(check.result.findings.flatMap((f) => (f.kind === "cpr" && checker.scanner.counts(f) ? [f.value] : []))),
    unreadable: unique(check.result.unreadable.map((u) => u.reason)),
    action: check.decision.action,
  };
  const model = paneModel(check, DEFAULT_POLICY, checker.scanner, da);
  const pane = {
    counted: unique(model.findings.filter((r) => r.counts && r.label.startsWith(da.pane.found.cpr)).map((r) => r.label.slice(da.pane.found.cpr.length).trim())),
    unreadable: unique([...model.unreadable, ...model.picturesNotRead]),
  };
  return { handler, pane };
}

afterAll(async () => {
  await new Promise((r) => setTimeout(r, 50));
  delete (globalThis as { Office?: unknown }).Office;
});

const dir = mkdtempSync(join(tmpdir(), "sikker-post-issue18-"));

async function throughCli(draft: Draft, name: string): Promise<Seen> {
  const file = join(dir, `${name}.eml`);
  writeFileSync(file, asEml(draft));
  const lines: string[] = [];
  await runScan({ json: true, paths: [file], pdfReader: nodePdfReader }, { out: (l) => lines.push(l), err: () => undefined });
  // The CLI's --json carries numbers masked only (DDMMYY-XXXX), never in full.
  const report = JSON.parse(lines[0] ?? "{}") as { findings: { kind: string; masked?: string; counts: boolean }[]; unreadable: { reason: string }[]; errors: string[] };
  expect(report.errors).toEqual([]);
  return { counted: unique(report.findings.flatMap((f) => (f.kind === "cpr" && f.counts && f.masked !== undefined ? [f.masked] : []))), unreadable: unique(report.unreadable.map((u) => u.reason)) };
}

describe("issue 18: every form and look-alike, the same in the handler, the pane and the CLI", () => {
  it.each(ROWS.map((r, k) => [r.form, r, k] as const))("%s", async (_, row, k) => {
    const expected = unique(row.counted.map(v));
    const { handler, pane } = await throughHandlerAndPane(row.draft);
    const cli = await throughCli(row.draft, `row-${k}`);
    expect(handler.counted).toEqual(expected);
    expect(cli.counted).toEqual(unique(row.counted.map(masked)));
    expect(pane.counted).toEqual(unique(row.counted.map(masked)));
    expect(handler.action).toBe(expected.length > 0 || (row.unreadable ?? []).some((r) => r !== "image_ignored") ? "block" : "allow");
    expect(handler.unreadable).toEqual(unique(row.unreadable ?? []));
    expect(cli.unreadable).toEqual(handler.unreadable);
    expect(pane.unreadable).toHaveLength(handler.unreadable.length);
  });
});
