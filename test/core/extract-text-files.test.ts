/** Text files as caseworkers' programs write them: Notepad's "Unicode", calendar and contact files, CSV from Excel. */
import { extractAttachment, extractMail } from "../../src/core/extract/extract-mail";
import { decodeText, looksBinary } from "../../src/core/extract/decode-text";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { utf16Text } from "../helpers/make-documents";
import { withoutTextDecoder } from "../helpers/without-text-decoder";

const CPR = makeCpr(1990, 1, 1, 1, 234); // 0101901xxx: starts with a zero
const scanner = new Scanner(DEFAULT_POLICY);

async function cprsIn(name: string, bytes: Uint8Array, contentType?: string): Promise<{ cprs: string[]; paths: string[]; unreadable: string[] }> {
  const extracted = await extractAttachment({ name, bytes, ...(contentType !== undefined ? { contentType } : {}) });
  const result = scanner.scan(extracted.texts, extracted.unreadable);
  return {
    cprs: result.findings.filter((f) => f.kind === "cpr" && scanner.counts(f)).map((f) => (f.kind === "cpr" ? f.value : "")),
    paths: result.findings.map((f) => describePath(f.where.path)),
    unreadable: result.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}`),
  };
}

describe("UTF-16 text with a byte order mark (Notepad's \"Unicode\")", () => {
  const note = `Notat vedr. borger\r\nCPR: ${dashed(CPR)}\r\nSagsbehandler: Søren Ærø\r\n`;

  it("is text, not binary, in both byte orders; NUL characters in it still make it binary", () => {
    expect(looksBinary(utf16Text(note, "le"))).toBe(false);
    expect(looksBinary(utf16Text(note, "be"))).toBe(false);
    expect(looksBinary(utf16Text("abc\u0000\u0000def", "le"))).toBe(true);
    expect(decodeText(utf16Text(note, "be"))).toBe(note);
    expect(withoutTextDecoder(() => decodeText(utf16Text(note, "be")))).toBe(note);
  });

  it("finds a CPR number in a .txt and a .csv attachment saved as UTF-16", async () => {
    expect((await cprsIn("notat.txt", utf16Text(note, "le"), "text/plain")).cprs).toEqual([dashed(CPR)]);
    const csv = await cprsIn("liste.csv", utf16Text(`Navn\tCPR\r\nJens Hansen\t${dashed(CPR)}\r\n`, "le"));
    expect(csv).toEqual({ cprs: [dashed(CPR)], paths: ["liste.csv"], unreadable: [] });
    expect((await cprsIn("notat.txt", utf16Text(note, "be"))).cprs).toEqual([dashed(CPR)]);
  });

  it("finds it in a UTF-16 attachment of a mail", async () => {
    const eml = [
      "From: a@kommune.example.dk",
      "To: b@example.com",
      "Subject: Notat",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Se bilag.",
      "--b",
      'Content-Type: text/plain; name="notat.txt"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment; filename="notat.txt"',
      "",
      Buffer.from(utf16Text(note, "le")).toString("base64"),
      "--b--",
      "",
    ].join("\r\n");
    const extracted = await extractMail(new TextEncoder().encode(eml));
    expect(extracted.unreadable).toEqual([]);
    const found = scanner.scan(extracted.texts).findings.flatMap((f) => (f.kind === "cpr" ? [[f.value, describePath(f.where.path)]] : []));
    expect(found).toEqual([[dashed(CPR), "notat.txt"]]);
  });
});
