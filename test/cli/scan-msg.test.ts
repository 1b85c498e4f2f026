/** `sikker-post scan` on Outlook .msg files whose body is kept only as HTML bytes, or not readable at all. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInputFile } from "../../src/cli/read-input-file";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { compressedRtf, outlookMsg } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));
const scanner = new Scanner(DEFAULT_POLICY);

function file(name: string, bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "sikker-post-msg-")), name);
  writeFileSync(path, bytes);
  return path;
}

describe(".msg bodies", () => {
  it("reads an HTML body kept only as PR_HTML bytes, in the item's code page", async () => {
    const html = Buffer.from(`<html><body><p>Kære kollega</p><p>Borgeren Søren, CPR <b>${CPR.slice(0, 6)}</b>${CPR.slice(6)}, er i misbrugsbehandling.</p></body></html>`, "latin1");
    const extracted = await readInputFile(file("sag.msg", outlookMsg({ subject: "Sagen", htmlBytes: html, codePage: 1252 })));
    expect(extracted.unreadable).toEqual([]);
    const findings = scanner.scan(extracted.texts).findings;
    expect(findings.flatMap((f) => (f.kind === "cpr" ? [[f.value, f.where.part]] : []))).toEqual([[CPR, "body"]]);
    expect(extracted.texts.some((t) => t.content.includes("Søren"))).toBe(true);
  });

  it("follows the HTML's own charset over the code page", async () => {
    const html = Buffer.from(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>Søren ${CPR}</body></html>`, "utf8");
    const extracted = await readInputFile(file("sag.msg", outlookMsg({ subject: "Sagen", htmlBytes: html, codePage: 1252 })));
    expect(extracted.texts.find((t) => t.part === "body")?.content).toContain(`Søren ${CPR}`);
  });

  it("reads a body kept only as compressed RTF", async () => {
    const rtfBody = `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\\pard Borgeren S\\'f8ren, CPR ${CPR}, er i misbrugsbehandling.\\par}`;
    const extracted = await readInputFile(file("rtf.msg", outlookMsg({ subject: "Sagen", compressedRtf: compressedRtf(rtfBody) })));
    expect(extracted.unreadable).toEqual([]);
    expect(extracted.texts.find((t) => t.part === "body")?.content).toContain(`Borgeren Søren, CPR ${CPR}`);
  });

  it("says so when no body can be read, never silently", async () => {
    const rtfOnly = await readInputFile(file("rtf.msg", outlookMsg({ subject: "Sagen", compressedRtf: new Uint8Array([0x2d, 0, 0, 0, 0x2b, 0, 0, 0, 0x4c, 0x5a, 0x46, 0x75]) })));
    expect(rtfOnly.unreadable.map((u) => [u.part, u.reason])).toEqual([["body", "corrupt"]]);
    expect(rtfOnly.unreadable[0]?.detail).toContain("compressed RTF");
    const none = await readInputFile(file("tom.msg", outlookMsg({ subject: "Sagen" })));
    expect(none.unreadable.map((u) => [u.part, u.reason])).toEqual([["body", "no_content"]]);
  });

  it("still reads a plain-text body", async () => {
    const extracted = await readInputFile(file("tekst.msg", outlookMsg({ subject: "Sagen", body: `CPR ${CPR}` })));
    expect(extracted.unreadable).toEqual([]);
    expect(scanner.scan(extracted.texts).findings.some((f) => f.kind === "cpr" && f.value === CPR)).toBe(true);
  });
});

describe("an Outlook item attached in a .msg", () => {
  it("scans the names of the files attached to it, under its path", async () => {
    const msg = outlookMsg({ subject: "Fwd: Sagen", body: "Se vedhæftede", attachedItem: { subject: "Sagen", body: "Indre brødtekst", files: [`Sag ${CPR}.pdf`, "oversigt.pdf"] } });
    const extracted = await readInputFile(file("fwd.msg", msg));
    const found = scanner.scan(extracted.texts).findings.flatMap((f) => (f.kind === "cpr" ? [[f.value, f.where.path]] : []));
    expect(found).toEqual([[CPR, ["Sagen", `Sag ${CPR}.pdf`]]]);
  });
});

describe("recipients of a mail file", () => {
  // Whom a mail goes to decides whether a topic counts (a webmail recipient), as in Outlook.
  it("reads the To/Cc of an .msg and an .eml", async () => {
    const fixtures = join(__dirname, "..", "fixtures", "mail");
    expect((await readInputFile(join(fixtures, "caseworker.msg"))).recipients).toEqual([{ address: "familiepleje@kommune.example.dk", name: "Familieplejen", field: "to" }]);
    const eml = ["From: a@kommune.example.dk", 'To: "Borger" <borger@gmail.com>, Team: x@firma.dk, y@firma.dk;', "Cc: leder@kommune.example.dk", "Subject: Sag", "", "Hej", ""].join("\r\n");
    expect((await readInputFile(file("sag.eml", new TextEncoder().encode(eml)))).recipients).toEqual([
      { address: "borger@gmail.com", name: "Borger", field: "to" },
      { address: "x@firma.dk", field: "to" },
      { address: "y@firma.dk", field: "to" },
      { address: "leder@kommune.example.dk", field: "cc" },
    ]);
  });
});
