/** File names are text: a caseworker names the file after the case, CPR number and all. */
import { extractAttachments, extractMail } from "../../src/core/extract/extract-mail";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, wPara, zip } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));
const scanner = new Scanner(DEFAULT_POLICY);

function cprFindings(texts: Parameters<Scanner["scan"]>[0]): string[][] {
  return scanner.scan(texts).findings.flatMap((f) => (f.kind === "cpr" ? [[f.value, describePath(f.where.path)]] : []));
}

describe("file names", () => {
  it("finds a CPR number in the name of an attachment whose content holds none", async () => {
    const out = await extractAttachments([{ name: `Sag ${CPR}.docx`, bytes: docx({ body: wPara("Afgørelse om hjælp") }) }]);
    expect(cprFindings(out.texts)).toEqual([[CPR, `Sag ${CPR}.docx`]]);
  });

  it("finds it in the name of an attachment that cannot be read", async () => {
    const out = await extractAttachments([{ name: `Scanning ${CPR}.bin`, bytes: new Uint8Array([1, 2, 3, 4]) }]);
    expect(out.unreadable.map((u) => u.reason)).toEqual(["unsupported_type"]);
    expect(cprFindings(out.texts)).toEqual([[CPR, `Scanning ${CPR}.bin`]]);
  });

  it("finds it in a folder or file name inside a ZIP archive, with the inner path", async () => {
    const archive = zip({ [`Sager/${CPR} Jens Hansen/afgørelse.docx`]: docx({ body: wPara("Afgørelse") }), "Sager/oversigt.txt": "Ingen CPR her" });
    const out = await extractAttachments([{ name: "bilag.zip", bytes: archive }]);
    expect(cprFindings(out.texts)).toEqual([[CPR, `bilag.zip › Sager/${CPR} Jens Hansen/afgørelse.docx`]]);
  });

  it("finds it in the name of an attachment inside an attached mail", async () => {
    const inner = ["From: c@kommune.example.dk", "Subject: Sagen", "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="i"', "", "--i", "Content-Type: text/plain", "", "Se bilag.", "--i", `Content-Type: application/pdf; name="Sag ${CPR}.pdf"`, `Content-Disposition: attachment; filename="Sag ${CPR}.pdf"`, "Content-Transfer-Encoding: base64", "", Buffer.from("%PDF-1.4 broken").toString("base64"), "--i--", ""];
    const outer = ["From: a@kommune.example.dk", "To: b@example.com", "Subject: Fwd", "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="o"', "", "--o", "Content-Type: text/plain", "", "Videresendt.", "--o", "Content-Type: message/rfc822", 'Content-Disposition: attachment; filename="videresendt.eml"', "", ...inner, "--o--", ""];
    const out = await extractMail(new TextEncoder().encode(outer.join("\r\n")));
    expect(cprFindings(out.texts)).toEqual([[CPR, `videresendt.eml › Sag ${CPR}.pdf`]]);
  });

  it("reports a number in both the name and the content once, where the content has it", async () => {
    const out = await extractAttachments([{ name: `Notat ${CPR}.docx`, bytes: docx({ body: wPara(`Borger: ${CPR}`) }) }]);
    const found = scanner.scan(out.texts).findings.filter((f) => f.kind === "cpr");
    expect(found).toHaveLength(1);
    expect(out.texts[0]?.content).toContain(`Borger: ${CPR}`);
    expect(found[0]?.where.start).toBe((out.texts[0]?.content ?? "").indexOf(CPR));
  });
});
