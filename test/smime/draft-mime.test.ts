/**
 * The pane's draft as MIME (src/core/smime/draft-mime.ts): header fields hold printable ASCII
 * only. binaryToBytes keeps the low byte of each character, so U+010D and U+010A would become
 * CR and LF: a header injection from an address or from a cid: in a forwarded body.
 */
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
