/** Office Open XML, OpenDocument and RTF attachments: a CPR number wherever a document keeps text. */
import { extractAttachment, extractAttachments } from "../../src/core/extract/extract-mail";
import { numericCellText } from "../../src/core/extract/ooxml/number-formats";
import { rtfToText } from "../../src/core/extract/rtf-text";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, odf, pptx, rtf, wPara, wTable, wTextBox, xlsx, zip } from "../helpers/make-documents";

const CPR = makeCpr(1990, 1, 1, 1, 234); // 0101901xxx: starts with a zero
const scanner = new Scanner(DEFAULT_POLICY);

async function cprsIn(name: string, bytes: Uint8Array): Promise<{ cprs: string[]; paths: string[]; unreadable: string[] }> {
  const extracted = await extractAttachment({ name, bytes });
  const result = scanner.scan(extracted.texts, extracted.unreadable);
  return {
    cprs: result.findings.filter((f) => f.kind === "cpr" && scanner.counts(f)).map((f) => (f.kind === "cpr" ? f.value : "")),
    paths: result.findings.map((f) => describePath(f.where.path)),
    unreadable: result.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}`),
  };
}

describe("docx", () => {
  it("finds a CPR number only in the footer", async () => {
    const r = await cprsIn("sag.docx", docx({ body: wPara("Afgørelse om hjælp"), footer: wPara(`Borger: ${dashed(CPR)}`) }));
    expect(r.cprs).toEqual([dashed(CPR)]);
    expect(r.paths).toEqual(["sag.docx"]);
  });

  it("finds CPR numbers in a text box, a comment, a footnote and a header", async () => {
    const cprs = [makeCpr(1985, 5, 3, 2, 100), makeCpr(1979, 12, 24, 1, 300), makeCpr(2001, 7, 9, 5, 500), makeCpr(1966, 2, 2, 0, 700)];
    const r = await cprsIn(
      "sag.docx",
      docx({ body: wPara("Notat") + wTextBox(`CPR ${dashed(cprs[0] ?? "")}`), comments: wPara(`se ${dashed(cprs[1] ?? "")}`), footnotes: wPara(dashed(cprs[2] ?? "")), header: wPara(`cpr.nr. ${dashed(cprs[3] ?? "")}`) }),
    );
    expect(r.cprs.sort()).toEqual(cprs.map(dashed).sort());
  });

  it("joins digits split over runs, and keeps numbers in neighbouring table cells apart", async () => {
    const split = await cprsIn("sag.docx", docx({ body: wPara("CPR: ", CPR.slice(0, 4), CPR.slice(4)) }));
    expect(split.cprs).toEqual([dashed(CPR)]);
    const extracted = await extractAttachment({ name: "t.docx", bytes: docx({ body: wTable([["12345", "67890"], ["Sagsnr.", "2024-17"]]) }) });
    const text = extracted.texts.map((t) => t.content).join("");
    expect(text).not.toContain("1234567890");
    expect(text).toMatch(/12345\s+67890/);
  });

  it("reads a .docx renamed .bin and an Excel sheet embedded in a Word document", async () => {
    const renamed = await cprsIn("bilag.bin", docx({ body: wPara(dashed(CPR)) }));
    expect(renamed.cprs).toEqual([dashed(CPR)]);
    const sheet = xlsx([[[{ ref: "A1", s: `CPR ${dashed(CPR)}` }]]]);
    const r = await cprsIn("sag.docx", docx({ body: wPara("Se tabel"), extra: { "word/embeddings/Microsoft_Excel_Worksheet.xlsx": sheet } }));
    expect(r.paths).toEqual(["sag.docx › Microsoft_Excel_Worksheet.xlsx"]);
  });

  it("reports a document with only an image as image only", async () => {
    const r = await cprsIn("scan.docx", docx({ body: "<w:p/>", extra: { "word/media/image1.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]) } }));
    expect(r.unreadable).toEqual(["scan.docx: image_only"]);
  });
});

describe("xlsx", () => {
  it("restores the leading zero of a CPR number kept as a number with a zero-padded format", async () => {
    const sheet = [[{ ref: "A1", s: "CPR" }, { ref: "B1", n: String(Number(CPR)), style: 1 }]];
    const r = await cprsIn("liste.xlsx", xlsx([sheet], [{ id: 164, code: "0000000000" }]));
    expect(String(Number(CPR))).toHaveLength(9);
    expect(r.cprs).toEqual([dashed(CPR)]);
    const dashedFormat = await cprsIn("liste.xlsx", xlsx([sheet], [{ id: 164, code: '000000"-"0000' }]));
    expect(dashedFormat.cprs).toEqual([dashed(CPR)]);
  });

  it("gives a 9-digit number in a General cell both as it is and zero-padded", () => {
    expect(numericCellText("101901234", undefined)).toBe("101901234\t0101901234");
    expect(numericCellText("42", undefined)).toBe("42");
    expect(numericCellText("3.5", "0000000000")).toBe("3.5");
    expect(numericCellText("101901234", "000000-0000")).toBe("010190-1234");
  });

  it("finds a CPR number on the second sheet, in an inline string and in a General number cell", async () => {
    const other = makeCpr(1993, 6, 6, 3, 40);
    const r = await cprsIn(
      "liste.xlsx",
      xlsx([[[{ ref: "A1", s: "Oversigt" }]], [[{ ref: "A1", inline: `cpr ${dashed(other)}` }], [{ ref: "A1", s: "CPR-nr." }, { ref: "B1", n: String(Number(CPR)) }]]]),
    );
    expect(r.cprs.sort()).toEqual([dashed(CPR), dashed(other)].sort());
  });

  it("reads shared strings no cell uses on their own, and those a cell uses once, in the cell's sheet", async () => {
    const hidden = makeCpr(1985, 3, 4, 2, 77);
    const bytes = xlsx([[[{ ref: "A1", s: "Bevilget" }, { ref: "B1", s: `CPR ${dashed(CPR)}` }], [{ ref: "A2", s: "Bevilget" }]]], [], [`fjernet: ${dashed(hidden)}`, "Afslag"]);
    const extracted = await extractAttachment({ name: "liste.xlsx", bytes });
    expect(extracted.texts.map((t) => t.content)).toEqual([`Bevilget\tCPR ${dashed(CPR)}\t\nBevilget\t\n`, `fjernet: ${dashed(hidden)}\nAfslag`, "Ark1", "liste.xlsx"]);
    expect((await cprsIn("liste.xlsx", bytes)).cprs.sort()).toEqual([dashed(CPR), dashed(hidden)].sort());
  });
});

describe("pptx, odt, ods", () => {
  it("finds a CPR number in a speaker note", async () => {
    const r = await cprsIn("oplæg.pptx", pptx(["Status på sagen"], [`Husk borgerens CPR ${dashed(CPR)}`]));
    expect(r.cprs).toEqual([dashed(CPR)]);
  });

  it("finds CPR numbers in an odt body and its footer", async () => {
    const other = makeCpr(1950, 10, 10, 0, 10);
    const r = await cprsIn("brev.odt", odf("text", `<text:p>Borger <text:span>${dashed(CPR)}</text:span></text:p>`, `cpr ${dashed(other)}`));
    expect(r.cprs.sort()).toEqual([dashed(CPR), dashed(other)].sort());
  });

  it("finds a zero-padded number in an ods cell and keeps cells apart", async () => {
    const body = `<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>CPR</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="${Number(CPR)}"><text:p>${CPR}</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row></table:table>`;
    const r = await cprsIn("liste.ods", odf("spreadsheet", body));
    expect(r.cprs).toEqual([dashed(CPR)]);
  });

  it("reports a password-protected OpenDocument file as encrypted", async () => {
    const manifest = '<manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>';
    const r = await cprsIn("hemmelig.odt", odf("text", "", "", { "META-INF/manifest.xml": manifest }));
    expect(r.unreadable).toEqual(["hemmelig.odt: encrypted"]);
  });
});

describe("RTF", () => {
  it("reads \\' escapes in the ANSI code page, \\u characters, and skips tables, pictures and \\* destinations", () => {
    const text = rtfToText(rtf("Borger\\'e6 S\\'f8ren \\u8211? {\\*\\fldinst HYPERLINK 9999999999}{\\pict\\pngblip 0101901234}Slut"));
    expect(text).toContain("Borgeræ Søren – Slut");
    expect(text).not.toContain("0101901234");
    expect(text).not.toContain("Arial");
    expect(text).not.toContain("9999999999");
  });

  it("finds a CPR number written with \\' escapes, and one in a table", async () => {
    const escaped = CPR.split("").map((d) => `\\'${d.charCodeAt(0).toString(16)}`).join("");
    const other = makeCpr(1972, 3, 15, 3, 400);
    const r = await cprsIn("notat.rtf", rtf(`CPR ${escaped.slice(0, 24)}-${escaped.slice(24)}\\par\\trowd\\cellx1000\\cellx2000 Navn\\cell ${dashed(other)}\\cell\\row`));
    expect(r.cprs.sort()).toEqual([dashed(CPR), dashed(other)].sort());
  });

  it("decodes another code page (\\ansicpg1250) and skips \\bin data", () => {
    const bytes = rtf("\\'9a\\'e8 {\\pict\\bin4 }}}}}after", "{\\rtf1\\ansi\\ansicpg1250");
    expect(rtfToText(bytes)).toContain("šč ");
    expect(rtfToText(bytes)).toContain("after");
  });
});

describe("ZIP", () => {
  it("names the inner path of a document in a folder in an archive", async () => {
    const archive = zip({ "mappe/sag.docx": docx({ body: wPara(dashed(CPR)) }), "mappe/": new Uint8Array(0), "__MACOSX/mappe/._sag.docx": new Uint8Array([0, 5, 22, 7]) });
    const r = await cprsIn("bilag.zip", archive);
    expect(r.paths).toEqual(["bilag.zip › mappe/sag.docx"]);
    expect(r.unreadable).toEqual([]);
  });

  it("shares one budget over all attachments of a mail", async () => {
    const files = [0, 1, 2].map((i) => ({ name: `${i}.docx`, bytes: docx({ body: wPara(`Bilag ${i}`) }) }));
    const r = await extractAttachments(files, { limits: { ...DEFAULT_POLICY.limits, maxEntries: 3 } });
    expect(r.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}`)).toEqual(expect.arrayContaining(["1.docx: over_limit", "2.docx: over_limit"]));
    expect(r.unreadable[0]?.detail).toContain("limits.maxEntries");
  });
});
