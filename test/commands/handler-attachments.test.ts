/** The built handler bundle reads attached documents in the bare JavaScript-only runtime. */
import type { FakeAttachment, FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { loadBundle } from "../helpers/handler-bundle";
import { docx, pdf, wPara, zip } from "../helpers/make-documents";

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

  it("reports a PDF as unreadable in the bare runtime (no PDF reader) and blocks to an external recipient", async () => {
    const bytes = pdf([[{ x: 50, y: 700, text: "Afgoerelse" }]]);
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("afgørelse.pdf", bytes)] } });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("afgørelse.pdf");
  });

  it("allows a clean docx", async () => {
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [file("referat.docx", docx({ body: wPara("Mødet flyttes til torsdag.") }))] } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });
});
