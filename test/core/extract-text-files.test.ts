/** Text files as caseworkers' programs write them: Notepad's "Unicode", calendar and contact files, CSV from Excel. */
import { extractAttachment, extractMail } from "../../src/core/extract/extract-mail";
import { contentLinesText } from "../../src/core/extract/content-lines";
import { csvWithCprZeros } from "../../src/core/extract/csv-text";
import { decodeText, looksBinary } from "../../src/core/extract/decode-text";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { ics, utf16Text, vcard21 } from "../helpers/make-documents";
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

describe("calendar (.ics) and contact (.vcf) files", () => {
  it("unfolds a description whose folding splits a CPR number", async () => {
    const description = `Opfølgning på handleplan for borger med CPR-nr. ${dashed(CPR)}, sagen drøftes.`;
    const bytes = ics(description);
    const raw = new TextDecoder().decode(bytes);
    // The fold falls inside the number: without unfolding it is not there.
    expect(raw).not.toContain(dashed(CPR));
    const r = await cprsIn("invitation.ics", bytes);
    expect(r).toEqual({ cprs: [dashed(CPR)], paths: ["invitation.ics"], unreadable: [] });
    // Declared as text/calendar under another name, too.
    expect((await cprsIn("mødeindkaldelse", bytes, "text/calendar; method=REQUEST; charset=utf-8")).cprs).toEqual([dashed(CPR)]);
  });

  it("decodes a vCard 2.1 note in quoted-printable with soft line breaks", async () => {
    const bytes = vcard21("Hansen;Jens", `Pårørende. CPR ${dashed(CPR)}\nAftale om møde i næste uge; ring først.`);
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).not.toContain(dashed(CPR));
    const extracted = await extractAttachment({ name: "Jens Hansen.vcf", bytes });
    expect(extracted.texts.map((t) => t.content).join("\n")).toContain("Aftale om møde i næste uge; ring først.");
    const r = await cprsIn("Jens Hansen.vcf", bytes);
    expect(r).toEqual({ cprs: [dashed(CPR)], paths: ["Jens Hansen.vcf"], unreadable: [] });
  });

  it("undoes text escapes and keeps a broken escape or an unknown line as it is", () => {
    expect(contentLinesText("BEGIN:VCARD\r\nNOTE:a\\, b\\nc =ZZ\r\nNOTE;ENCODING=QUOTED-PRINTABLE:x=3Dy =Z\r\nplain line\r\nEND:VCARD")).toBe(
      "BEGIN: VCARD\nNOTE: a, b\nc =ZZ\nNOTE: x=y =Z\nplain line\nEND: VCARD",
    );
  });
});

describe("CSV exported from Excel", () => {
  // Born on the 5th: Excel kept the number 506851234 and exports it without the zero.
  const early = makeCpr(1985, 6, 5, 2, 77);
  const other = makeCpr(1979, 3, 7, 1, 501);
  const noZero = (cpr: string): string => String(Number(cpr));

  it("restores the leading zero in the column the header calls CPR, and only there", async () => {
    expect(noZero(early)).toHaveLength(9);
    // Journalnr. holds 9 digits that would be a valid CPR number with a zero in front: not touched.
    const csv = `Navn;CPR-nr.;Journalnr.;Beløb\r\nJens Hansen;${noZero(early)};${noZero(other)};1200\r\n"Hansen; Mette";"${noZero(CPR)}";"20240117";0\r\n`;
    const extracted = await extractAttachment({ name: "udtræk.csv", bytes: new TextEncoder().encode(csv) });
    const text = extracted.texts.map((t) => t.content).join("");
    expect(text).toContain(`;${noZero(other)};`);
    const r = await cprsIn("udtræk.csv", new TextEncoder().encode(csv));
    expect(r.cprs.sort()).toEqual([dashed(early), dashed(CPR)].sort());
    expect(r.paths.every((p) => p === "udtræk.csv")).toBe(true);
  });

  it("reads comma- and tab-separated exports and a 'Personnummer' header; without such a header nothing changes", async () => {
    const comma = `Personnummer,Navn,Adresse\n${noZero(early)},Jens,"Vej 1, 2. th"\n`;
    expect((await cprsIn("liste.csv", new TextEncoder().encode(comma), "text/csv")).cprs).toEqual([dashed(early)]);
    const tab = `Navn\tBorgers CPR\nJens\t${noZero(early)}\n`;
    expect((await cprsIn("liste.tsv", new TextEncoder().encode(tab))).cprs).toEqual([dashed(early)]);
    const plain = `Navn;Kundenummer\nJens;${noZero(early)}\n`;
    expect(csvWithCprZeros(plain)).toBe(plain);
    expect((await cprsIn("kunder.csv", new TextEncoder().encode(plain))).cprs).toEqual([]);
  });
});

describe("hostile calendar, contact and CSV files", () => {
  it("reads a property folded or soft-broken a hundred thousand times in linear time", () => {
    const n = 100_000;
    const folded = `BEGIN:VCALENDAR\r\nDESCRIPTION:${Array.from({ length: n }, () => "abcdefghij").join("\r\n ")}\r\nEND:VCALENDAR\r\n`;
    const soft = `BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${Array.from({ length: n }, () => "=41bcdefghi").join("=\r\n")}\r\nEND:VCARD\r\n`;
    const started = Date.now();
    expect(contentLinesText(folded)).toHaveLength("BEGIN: VCALENDAR\nDESCRIPTION: ".length + 10 * n + "\nEND: VCALENDAR\n".length);
    expect(contentLinesText(soft)).toContain("Abcdefghi".repeat(3));
    // Quadratic joining takes minutes here; linear takes well under a second.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("restores zeros in a long CPR column in linear time, inserting nothing else", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${100000000 + i};"x;y"`);
    const csv = `CPR;Note\n${rows.join("\n")}\n`;
    const started = Date.now();
    const out = csvWithCprZeros(csv);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(out.length - csv.length).toBe(rows.length);
    expect(out.split("\n")[1]).toBe('0100000000;"x;y"');
  });
});

describe("UTF-16 declared by the mail part, without a byte order mark", () => {
  it("reads a text/plain; charset=utf-16le attachment, and a utf-16be one", async () => {
    const text = `Journalnotat\r\nCPR ${dashed(CPR)}\r\n`;
    const le = utf16Text(text, "le").subarray(2);
    const be = utf16Text(text, "be").subarray(2);
    expect((await cprsIn("notat.txt", le, "text/plain; charset=utf-16le")).cprs).toEqual([dashed(CPR)]);
    expect((await cprsIn("notat.txt", be, "text/plain; charset=UTF-16BE")).cprs).toEqual([dashed(CPR)]);
    expect(withoutTextDecoder(() => decodeText(be, "utf-16be"))).toBe(text);
  });
});
