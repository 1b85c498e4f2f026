/** The built handler bundle reads attached documents in the bare JavaScript-only runtime. */
import type { FakeAttachment, FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { loadBundle } from "../helpers/handler-bundle";
import { compressedRtf, docx, outlookMsg, pdf, setDeclaredSize, wPara, zip } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));
const citizen: FakeRecipient = { emailAddress: "borger@gmail.com", recipientType: "externalUser" };

const file = (name: string, bytes: Uint8Array): FakeAttachment => ({
  id: name,
  name,
  attachmentType: "file",
  size: bytes.length,
  content: { format: "base64", content: Buffer.from(bytes).toString("base64") },
});

describe("onMessageSendHandler with attached documents", () => {
  it("blocks a CPR number in the footer of a docx inside a zip", async () => {
    const archive = zip({ "sag.docx": docx({ body: wPara("Afgørelse"), footer: wPara(`CPR ${CPR}`) }) });
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("bilag.zip", archive)] } });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    const message = String(done?.options?.errorMessage);
    expect(message).toContain(`${CPR.slice(0, 6)}-XXXX`);
    expect(message).not.toContain(CPR);
  });

  it("reads an attached .msg in the bare runtime (no Buffer): HTML kept as bytes, an RTF body, a nested item", async () => {
    const msg = outlookMsg({
      subject: "Fwd: Henvendelse",
      compressedRtf: compressedRtf("{\\rtf1\\ansi\\pard Se nedenfor.\\par}"),
      items: [{ subject: "Henvendelse", htmlBytes: Buffer.from(`<html><body><p>Mit CPR er ${CPR}</p></body></html>`, "latin1"), codePage: 1252 }],
    });
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("Henvendelse.msg", msg)] } });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    const message = String(done?.options?.errorMessage);
    expect(message).toContain(`${CPR.slice(0, 6)}-XXXX`);
    expect(message).not.toContain("kan ikke kontrolleres");
  });

  it("reports a PDF as unreadable in the bare runtime (no PDF reader) and blocks to an external recipient", async () => {
    const bytes = pdf([[{ x: 50, y: 700, text: "Afgoerelse" }]]);
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("afgørelse.pdf", bytes)] } });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("afgørelse.pdf");
  });

  it("decides by a file's first bytes, not its name: a PDF is unsupported there, a docx named .pdf is read", async () => {
    const bytes = pdf([[{ x: 50, y: 700, text: "Afgoerelse" }]]);
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("scan.docx", bytes)] } });
    expect(String((await fake.fire("onMessageSendHandler"))?.options?.errorMessage)).toContain("scan.docx kan ikke kontrolleres (filtypen kan ikke læses)");
    const disguised = docx({ body: wPara(`Sagen vedrører ${CPR}`) });
    const fake2 = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("skannet.pdf", disguised)] } });
    expect(String((await fake2.fire("onMessageSendHandler"))?.options?.errorMessage)).toContain(`${CPR.slice(0, 6)}-XXXX`);
  });

  it("blocks a zip bomb whose headers lie about its size, as an unreadable attachment, without hanging", async () => {
    // 64 MiB of zeros declared as 100 bytes: the portable inflater (pako) stops at 101 bytes.
    const liar = setDeclaredSize(zip({ "data.txt": new Uint8Array(64 * 1024 * 1024) }), 100);
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("bilag.zip", liar)] } });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    const message = String(done?.options?.errorMessage);
    expect(message).toContain("bilag.zip › data.txt kan ikke kontrolleres (beskadiget)");
    // Blocked as unreadable, not on the handler's time-out (which is what a whole-bomb inflation would end in).
    expect(message).not.toContain("kontrollen tog for lang tid");
    expect(fake.completedCount("onMessageSendHandler")).toBe(1);
  });

  it("carries the check on attaching to a send in a newly started runtime: the same message, from the carried summary", async () => {
    const numbers = Array.from({ length: 6 }, (_, i) => dashed(makeCpr(1960 + i, 2, 3, 1, 100 + i)));
    const sag = docx({ body: numbers.map((n) => wPara(`Borger ${n}`)).join(""), footer: wPara("Sagsbehandler") });
    const attaching = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("sag.docx", sag)] } });
    await attaching.fire("onMessageAttachmentsChangedHandler");
    const stored = JSON.stringify(attaching.draft.sessionData);
    expect(stored).toContain("sikkerPostRead");
    for (const n of numbers) expect(stored).not.toContain(n);
    expect(stored).not.toContain("Borger");

    // Outlook ended the runtime; the send starts a new one on the same draft.
    const later = await loadBundle({ draft: attaching.draft }).fire("onMessageSendHandler");
    const reopened = loadBundle({ draft: { ...attaching.draft, sessionData: {} } });
    const afresh = await reopened.fire("onMessageSendHandler");
    expect(later?.options).toEqual(afresh?.options);
    // The send itself carries nothing (its digests would only delay the dialog); status checks do.
    expect(reopened.draft.sessionData.sikkerPostRead).toBeUndefined();
    expect(String(later?.options?.errorMessage)).toContain("og 4 mere");
    // It is the carried summary that decided: a count changed in it shows through.
    const edited = { ...attaching.draft, sessionData: { ...attaching.draft.sessionData, sikkerPostRead: (attaching.draft.sessionData.sikkerPostRead ?? "").replace('"moreCprs":4', '"moreCprs":9') } };
    expect(String((await loadBundle({ draft: edited }).fire("onMessageSendHandler"))?.options?.errorMessage)).toContain("og 9 mere");
  });

  it("allows a clean docx", async () => {
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("referat.docx", docx({ body: wPara("Mødet flyttes til torsdag.") }))] } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });
});
