/**
 * The pane's draft as MIME (src/core/smime/draft-mime.ts): header fields hold printable ASCII
 * only. binaryToBytes keeps the low byte of each character, so U+010D and U+010A would become
 * CR and LF: a header injection from an address or from a cid: in a forwarded body.
 */
import PostalMime from "postal-mime";
import { draftToMime, MimeHeaderError, messageText, withBccForSubmission, type DraftForMime } from "../../src/core/smime/draft-mime";

const base: DraftForMime = {
  from: { address: "sagsbehandler@kommune.example.dk", name: "Åse Sagsbehandler" },
  to: [{ address: "modtager@partner.dk", name: "Jørgen \"JJ\" Modtager" }],
  cc: [],
  bcc: [],
  subject: "Vedr. sag – æøå",
  html: "<p>Hej</p>",
  parts: [],
  date: new Date(Date.UTC(2026, 11, 7, 12, 0, 0)),
  random: (n) => new Uint8Array(n).fill(7),
};
const headerOf = (bytes: Uint8Array): string => messageText(bytes).split("\r\n\r\n")[0] ?? "";

describe("draft to MIME: header fields", () => {
  it("encodes names and subjects and writes only printable ASCII in the header", () => {
    const head = headerOf(draftToMime(base));
    expect(head).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(head).toContain("<modtager@partner.dk>");
    expect(/^(?:[\x20-\x7e]|\r\n)*$/.test(head)).toBe(true);
  });

  it("refuses an address holding a character that would become CR or LF, rather than write it", () => {
    const evil = { ...base, to: [{ address: "c@d.dk\u010D\u010ABcc: stranger@x.dk" }] };
    expect(() => draftToMime(evil)).toThrow(MimeHeaderError);
    expect(() => withBccForSubmission(draftToMime(base), [{ address: "b@x.dk\u010D\u010AX-Injected: 1" }])).toThrow(MimeHeaderError);
  });

  it("does not copy a body's cid: with such characters into a Content-ID", () => {
    const picture = { kind: "file" as const, name: "pic.png", contentType: "image/png", bytes: new Uint8Array([137, 80, 78, 71]), isInline: true };
    const text = messageText(draftToMime({ ...base, html: '<img src="cid:pic.png@x\u010D\u010AX-Injected: 1">', parts: [picture] }));
    expect(text).not.toContain("X-Injected");
    expect(text).toContain("Content-ID: <pic.png>");
    const fine = messageText(draftToMime({ ...base, html: '<img src="cid:pic.png@01DA0000">', parts: [picture] }));
    expect(fine).toContain("Content-ID: <pic.png@01DA0000>");
  });
});

describe("draft to MIME: file names", () => {
  const file = (name: string) => ({ kind: "file" as const, name, contentType: "text/plain", bytes: new TextEncoder().encode("indhold"), isInline: false });
  const longDanish = `${"Afgørelse om førtidspension og særlig støtte – ".repeat(4)}bilag æøå.txt`;
  const longAscii = `${"Decision-on-early-retirement-pension-".repeat(8)}annex.txt`;

  it("writes long file names, Danish or ASCII, in RFC 2231 continuations on lines of under 78 characters", async () => {
    for (const name of [longDanish, longAscii, "kort æ.txt", "kort.txt"]) {
      const bytes = draftToMime({ ...base, parts: [file(name)] });
      const lines = messageText(bytes).split("\r\n");
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(998);
      // The lines that carry the name, and their continuations, stay under 78.
      const named = lines.filter((l) => /name|=\?UTF-8\?B\?/.test(l));
      expect(named.length).toBeGreaterThan(0);
      expect(Math.max(...named.map((l) => l.length))).toBeLessThan(78);
      const parsed = await PostalMime.parse(bytes);
      expect(parsed.attachments.map((a) => a.filename)).toEqual([name]);
    }
    const text = messageText(draftToMime({ ...base, parts: [file(longDanish)] }));
    expect(text).toMatch(/filename\*0\*=utf-8''Afg%C3%B8relse/);
    expect(text).toMatch(/;\r\n filename\*1\*=/);
    // A short name stays one parameter, as before.
    expect(messageText(draftToMime({ ...base, parts: [file("kort æ.txt")] }))).toContain("filename*=utf-8''kort%20%C3%A6.txt");
  });

  it("never cuts a character or a %XX between two pieces", () => {
    const name = "ø".repeat(200);
    const text = messageText(draftToMime({ ...base, parts: [file(name)] }));
    const pieces = [...text.matchAll(/filename\*\d+\*=(?:utf-8'')?([^;\r\n]*)/g)].map((m) => m[1] ?? "");
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) expect(p).toMatch(/^(?:%C3%B8)+$/);
    expect(decodeURIComponent(pieces.join(""))).toBe(name);
  });
});
