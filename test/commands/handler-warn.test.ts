/**
 * The built handler bundle with a "warn" policy: a confirmation covers what was confirmed, in one
 * runtime and across newly started ones (classic Outlook starts one per event), where the send
 * takes the attachment summaries the status checks saved.
 */
import type { FakeAttachment, FakeDraft, FakeRecipient } from "../../src/fake-office/fake-office";
import { loadBundle } from "../helpers/handler-bundle";
import { docx, wPara } from "../helpers/make-documents";

const POLICY = { version: 1, send: { internalDomains: ["kommune.example.dk"], termsAction: "warn" } };
const firm: FakeRecipient = { emailAddress: "sagsbehandler@firma.dk", recipientType: "externalUser" };
const other: FakeRecipient = { emailAddress: "advokat@firma2.dk", recipientType: "externalUser" };
const CONFIRM_TEXT = "Send igen for at bekræfte";

const caseFile = (text: string): FakeAttachment => {
  const bytes = docx({ body: wPara(text), footer: wPara("Sagsbehandler: Jens") });
  return { id: `sag-${text.length}`, name: "sag.docx", attachmentType: "file", size: bytes.length, content: { format: "base64", content: Buffer.from(bytes).toString("base64") } };
};

/** A send in a newly started runtime on the same draft (its session data included). */
async function sendIn(draft: Partial<FakeDraft>): Promise<{ allowed: boolean; message: string; draft: FakeDraft }> {
  const fake = loadBundle({ draft, policy: POLICY });
  const done = await fake.fire("onMessageSendHandler");
  const message = done?.options?.errorMessage;
  return { allowed: done?.options?.allowEvent === true, message: typeof message === "string" ? message : "", draft: fake.draft };
}

describe("onMessageSendHandler with a warn policy", () => {
  it("warns again for a new paragraph about the person, not for an edit elsewhere, and records the confirmation", async () => {
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Hej</p><p>Borgeren er i misbrugsbehandling.</p>", to: [firm] }, policy: POLICY });
    const send = async () => (await fake.fire("onMessageSendHandler"))?.options;
    expect(String((await send())?.errorMessage)).toContain(CONFIRM_TEXT);
    fake.draft.subject = "Sag 2026-117";
    fake.draft.bodyHtml = "<p>Hej Lise</p><p>Borgeren er i misbrugsbehandling.</p>";
    expect(await send()).toEqual({ allowEvent: true });
    fake.draft.bodyHtml += "<p>Hun er også i misbrugsbehandling.</p>";
    expect(String((await send())?.errorMessage)).toContain(CONFIRM_TEXT);
    fake.draft.cc = [other];
    expect(String((await send())?.errorMessage)).toContain(CONFIRM_TEXT);
    expect(await send()).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders["X-Sikker-Post-Confirmed"]).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(fake.draft.sessionData)).not.toContain("misbrug");
  });

  it("holds a confirmation across runtimes that take the saved summaries, and warns again for a swapped attachment", async () => {
    // Attaching: a status check reads the file and saves its summary; the send warns.
    const attaching = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [firm], attachments: [caseFile("Borgeren er i misbrugsbehandling.")] }, policy: POLICY });
    await attaching.fire("onMessageAttachmentsChangedHandler");
    expect(attaching.draft.sessionData.sikkerPostRead).toBeDefined();
    const warned = await sendIn(attaching.draft);
    expect(warned.message).toContain(CONFIRM_TEXT);
    // Confirmed in a new runtime, from the summary.
    expect((await sendIn(warned.draft)).allowed).toBe(true);
    // The same name, other content (the same term in it): a status check in another runtime, then the send in yet another.
    const swapped = loadBundle({ draft: { ...warned.draft, attachments: [caseFile("Borgeren er fortsat i misbrugsbehandling, se den nye plan.")] }, policy: POLICY });
    await swapped.fire("onMessageAttachmentsChangedHandler");
    const again = await sendIn(swapped.draft);
    expect(again.message).toContain(CONFIRM_TEXT);
    expect((await sendIn(again.draft)).allowed).toBe(true);
  });
});
