/** Pictures inside Office documents: a letterhead's logo is fine by default, a document of scans is not read. */
import { extractAttachment, type ExtractOptions } from "../../src/core/extract/extract-mail";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath, withholdsSending } from "../../src/core/scan/findings";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, esc, jpegLike, odf, pptx, withParts, wPara, wPicture, XML_DECL as XML } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1985, 5, 3, 2, 100));
const letterhead = wPicture("rIdImg1", "Kommunens logo");

async function unreadable(name: string, bytes: Uint8Array, options: ExtractOptions = {}): Promise<{ list: string[]; blocks: boolean }> {
  const r = await extractAttachment({ name, bytes }, { images: DEFAULT_POLICY.images, ...options });
  return { list: r.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}: ${u.detail}`), blocks: r.unreadable.some(withholdsSending) };
}

describe("pictures in Office documents", () => {
  it("does not block a letter with a letterhead logo under the default policy, but says the picture was not read", async () => {
    const letter = docx({ body: wPara("Kære Jens Hansen") + wPara("Vi har modtaget din ansøgning."), header: letterhead, media: { "image1.png": jpegLike(4000, 2) } });
    const r = await unreadable("brev.docx", letter);
    expect(r.list).toEqual(["brev.docx: image_ignored: billeder i dokumentet læses ikke (politik images.inline)"]);
    expect(r.blocks).toBe(false);
  });

  it("reports pictures among the text as unreadable when the policy's images.inline says so", async () => {
    const letter = docx({ body: wPara("Bilag: scannet lægeerklæring") + wPicture("rIdImg1", "Scanning"), media: { "image1.jpeg": jpegLike(4000, 5) } });
    const r = await unreadable("erklæring.docx", letter, { images: { inline: "unreadable", attached: "unreadable" } });
    expect(r.list).toEqual(["erklæring.docx: image_only: billeder i dokumentet læses ikke"]);
    expect(r.blocks).toBe(true);
  });

  it("keeps a document of only pictures image only, even with properties and Word's own alternative text", async () => {
    const scan = wPicture("rIdImg1", "Billede 1").replace('name="Billede 1"/>', 'name="Billede 1" descr="Et billede, der indeholder tekst, brev"/>');
    const core = `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${esc("Sagsbehandler")}</dc:creator></cp:coreProperties>`;
    const doc = docx({ body: scan, media: { "image1.jpeg": jpegLike(4000, 7) }, extra: { "docProps/core.xml": core } });
    const r = await unreadable("scanning.docx", doc);
    expect(r.list).toEqual(["scanning.docx: image_only: a document with images and no text; text in images is not read"]);
    expect(r.blocks).toBe(true);
  });

  it("keeps a presentation of only pictures image only, though its layouts have placeholder text", async () => {
    const deck = withParts(pptx([""]), { "ppt/media/image1.png": jpegLike(4000, 9) });
    expect((await unreadable("billeder.pptx", deck)).list).toEqual(["billeder.pptx: image_only: a document with images and no text; text in images is not read"]);
  });

  it("still finds a CPR number next to a picture", async () => {
    const r = await extractAttachment({ name: "sag.docx", bytes: docx({ body: wPara(`CPR ${CPR}`), header: letterhead, media: { "image1.png": jpegLike(4000, 2) } }) });
    expect(r.texts.map((t) => t.content).join("\n")).toContain(CPR);
  });
});

describe("pictures in OpenDocument files", () => {
  it("treats an .odt with text and a picture like a .docx: ignored by default, image only without text", async () => {
    const withText = odf("text", "<text:p>Afgørelse om hjælp</text:p>", "", { "Pictures/logo.png": "x" });
    expect((await unreadable("brev.odt", withText)).list).toEqual(["brev.odt: image_ignored: billeder i dokumentet læses ikke (politik images.inline)"]);
    const onlyPicture = odf("text", "<text:p/>", "", { "Pictures/scan.png": "x" });
    expect((await unreadable("scan.odt", onlyPicture)).list).toEqual(["scan.odt: image_only: a document with images and no text; text in images is not read"]);
  });
});
