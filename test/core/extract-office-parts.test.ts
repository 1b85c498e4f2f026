/** Office parts a caseworker never sees but the recipient can: properties, bound data, SmartArt, charts, alt text, masters. */
import { extractAttachment } from "../../src/core/extract/extract-mail";
import { DEFAULT_EXTRACT_LIMITS } from "../../src/core/extract/extract-limits";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, esc, pptx, withParts, wPara, XML_DECL as XML, xlsx } from "../helpers/make-documents";

const scanner = new Scanner(DEFAULT_POLICY);
const cprs = Array.from({ length: 8 }, (_, i) => dashed(makeCpr(1960 + i * 5, 1 + i, 3 + i, 2, 100 + i * 37)));
const [C0, C1, C2, C3, C4, C5, C6, C7] = cprs as [string, string, string, string, string, string, string, string];

async function found(name: string, bytes: Uint8Array, limits = DEFAULT_EXTRACT_LIMITS): Promise<{ cprs: string[]; paths: string[]; unreadable: string[] }> {
  const extracted = await extractAttachment({ name, bytes }, { limits });
  const result = scanner.scan(extracted.texts, extracted.unreadable);
  return {
    cprs: result.findings.flatMap((f) => (f.kind === "cpr" && scanner.counts(f) ? [f.value] : [])).sort(),
    paths: [...new Set(result.findings.map((f) => describePath(f.where.path)))],
    unreadable: result.unreadable.map((u) => `${describePath(u.path)}: ${u.reason} ${u.detail}`),
  };
}

const coreProps = (title: string, keywords: string): string =>
  `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(title)}</dc:title><dc:creator>Sagsbehandler</dc:creator><cp:keywords>${esc(keywords)}</cp:keywords></cp:coreProperties>`;
const customProps = (name: string, value: string): string =>
  `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${esc(name)}"><vt:lpwstr>${esc(value)}</vt:lpwstr></property></Properties>`;
const smartArt = (text: string): string =>
  `${XML}<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="{1}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>${esc(text)}</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>`;
const chart = (label: string): string =>
  `${XML}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:f>Ark1!$A$2</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(label)}</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache><c:formatCode>General</c:formatCode><c:pt idx="0"><c:v>12</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>`;

describe("Word parts beyond the text", () => {
  it("reads document properties, custom properties and data a case system bound into the template", async () => {
    const doc = docx({
      body: wPara("Afgørelse om hjemmehjælp"),
      extra: {
        "docProps/core.xml": coreProps(`Afgørelse ${C0}`, "hjemmehjælp"),
        "docProps/app.xml": `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Kommunen</Company><Manager>${C1}</Manager></Properties>`,
        "docProps/custom.xml": customProps("BorgerCPR", C2),
        "customXml/item1.xml": `${XML}<sag xmlns="urn:kommune:sag"><borger><navn>Jens Hansen</navn><cpr>${C3}</cpr></borger></sag>`,
      },
    });
    const r = await found("afgørelse.docx", doc);
    expect(r.cprs).toEqual([C0, C1, C2, C3].sort());
    expect(r.paths).toEqual(["afgørelse.docx"]);
  });

  it("reads SmartArt, a chart's cached labels and a picture's alternative text", async () => {
    const picture = `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Billede 1" descr="Foto af borger, CPR ${C6}" title="${C7}"/></wp:inline></w:drawing></w:r></w:p>`;
    const doc = docx({ body: wPara("Se figur") + picture, extra: { "word/diagrams/data1.xml": smartArt(`Borger ${C4}`), "word/charts/chart1.xml": chart(`Borger ${C5}`) } });
    expect((await found("notat.docx", doc)).cprs).toEqual([C4, C5, C6, C7].sort());
  });

  it("counts the new parts against the entry budget", async () => {
    const doc = docx({ body: wPara("Notat"), extra: { "docProps/core.xml": coreProps("x", "y"), "customXml/item1.xml": `${XML}<a>${C0}</a>` } });
    const r = await found("notat.docx", doc, { ...DEFAULT_EXTRACT_LIMITS, maxEntries: 2 });
    expect(r.unreadable.join("\n")).toContain("limits.maxEntries");
  });
});

describe("Excel parts beyond the cells", () => {
  it("reads sheet names, print headers and footers", async () => {
    const book = xlsx([[[{ ref: "A1", s: "Bevilling" }]]]);
    const sheet = `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><headerFooter><oddHeader>&amp;L&amp;"Arial,Fed"&amp;8Borger ${C1}&amp;RSide &amp;P af &amp;N</oddHeader><oddFooter>&amp;C${C2}</oddFooter></headerFooter></worksheet>`;
    const workbook = `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Jens ${C0}" sheetId="1"/></sheets></workbook>`;
    const r = await found("bevilling.xlsx", withParts(book, { "xl/workbook.xml": workbook, "xl/worksheets/sheet1.xml": sheet }));
    expect(r.cprs).toEqual([C0, C1, C2].sort());
  });

  it("reads a pivot table's cache, with the leading zero of a number restored", async () => {
    const book = xlsx([[[{ ref: "A1", s: "Oversigt" }]]]);
    const early = makeCpr(1988, 4, 6, 1, 321);
    const definition = `${XML}<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="Data"/></cacheSource><cacheFields count="2"><cacheField name="Navn"><sharedItems><s v="Jens Hansen"/><s v="CPR ${C3}"/></sharedItems></cacheField><cacheField name="CPR"><sharedItems containsNumber="1"/></cacheField></cacheFields></pivotCacheDefinition>`;
    const records = `${XML}<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2"><r><x v="0"/><n v="${Number(early)}"/></r><r><x v="1"/><s v="${C4}"/></r></pivotCacheRecords>`;
    const r = await found("oversigt.xlsx", withParts(book, { "xl/pivotCache/pivotCacheDefinition1.xml": definition, "xl/pivotCache/pivotCacheRecords1.xml": records }));
    expect(r.cprs).toEqual([C3, C4, dashed(early)].sort());
  });
});

describe("PowerPoint masters and layouts", () => {
  it("reads text on a slide master and a layout", async () => {
    const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
    const text = (t: string): string => `<p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${esc(t)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld>`;
    const deck = withParts(pptx(["Status på sagen"]), {
      "ppt/slideMasters/slideMaster1.xml": `${XML}<p:sldMaster ${A}>${text(`Fortroligt – borger ${C5}`)}</p:sldMaster>`,
      "ppt/slideLayouts/slideLayout2.xml": `${XML}<p:sldLayout ${A}>${text(`Sag ${C6}`)}</p:sldLayout>`,
    });
    expect((await found("status.pptx", deck)).cprs).toEqual([C5, C6].sort());
  });
});
