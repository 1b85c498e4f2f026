/**
 * Pictures in real-shaped Outlook drafts, through the built handler bundle: a signature logo is
 * listed by getAttachmentsAsync with isInline: true and referred to from the HTML body as
 * Word writes it (cid:image001.png@01DA…); it must not make every external mail unreadable.
 */
import type { FakeAttachment, FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { loadBundle } from "../helpers/handler-bundle";
import { docx, wPara } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const partner: FakeRecipient = { emailAddress: "kontakt@firma.dk", recipientType: "externalUser" };

/** The first bytes of a PNG and some body: all a reader can tell a picture by. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(200, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 3)]);

const picture = (id: string, name: string, bytes: Buffer, isInline: boolean): FakeAttachment => ({
  id,
  name,
  attachmentType: "file",
  size: bytes.length,
  isInline,
  content: { format: "base64", content: bytes.toString("base64") },
});

/** A body as Outlook desktop writes it (Word HTML), with the signature logo referred to by cid. */
const outlookBody = (text: string, cid = "image001.png@01DA2B3C.4D5E6F70"): string =>
  `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15 (filtered medium)"><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]--></head>` +
  `<body lang=DA link="#0563C1"><div class=WordSection1><p class=MsoNormal>${text}<o:p></o:p></p>` +
  `<p class=MsoNormal><span style='mso-fareast-language:DA'><img width=120 height=40 style='width:1.25in;height:.4166in' id="Billede_x0020_1" src="cid:${cid}" alt="Kommunens logo"></span><o:p></o:p></p></div></body></html>`;

describe("pictures in the draft (policy images)", () => {
  it("sends a clean mail with a signature logo to an external address", async () => {
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: outlookBody("Vi ses torsdag kl. 10."), to: [partner], attachments: [picture("0", "image001.png", PNG, true)] } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("takes a picture the body refers to by cid: as inline even where the client says isInline: false", async () => {
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: outlookBody("Vi ses."), to: [partner], attachments: [picture("0", "image001.png", PNG, false)] } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("blocks a CPR number beside a logo for the CPR number alone, not for the logo", async () => {
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: outlookBody(`CPR ${CPR}`), to: [partner], attachments: [picture("0", "image001.png", PNG, true)] } });
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain("CPR-nummer");
    expect(String(options?.errorMessage)).not.toContain("image001.png");
  });

  it("blocks an attached photo (not in the body) as unreadable by default", async () => {
    const fake = loadBundle({ draft: { subject: "Billede", bodyHtml: "<p>Se vedhæftede foto.</p>", to: [partner], attachments: [picture("0", "IMG_2041.jpg", JPEG, false)] } });
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain("IMG_2041.jpg");
  });

  it("follows the policy: images.attached \"ignore\" lets the photo through, images.inline \"unreadable\" blocks the logo", async () => {
    const photo = loadBundle({ draft: { subject: "Billede", bodyHtml: "<p>Se vedhæftede.</p>", to: [partner], attachments: [picture("0", "IMG_2041.jpg", JPEG, false)] }, policy: { version: 1, images: { attached: "ignore" } } });
    expect((await photo.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    const logo = loadBundle({ draft: { subject: "Mødetid", bodyHtml: outlookBody("Vi ses."), to: [partner], attachments: [picture("0", "image001.png", PNG, true)] }, policy: { version: 1, images: { inline: "unreadable" } } });
    const options = (await logo.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain("image001.png");
  });

  it("reads a file marked inline that is no picture: a document named like a logo is still scanned", async () => {
    const disguised = Buffer.from(docx({ body: wPara(`Borgerens CPR ${CPR}`) }));
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: outlookBody("Vi ses."), to: [partner], attachments: [picture("0", "image001.png", disguised, true)] } });
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain(`${CPR.slice(0, 6)}-XXXX`);
  });

  it("writes the status line of a clean logo-signed external mail as clean, not as unreadable", async () => {
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: outlookBody("Vi ses torsdag."), to: [partner], attachments: [picture("0", "image001.png", PNG, true)] } });
    await fake.fire("onMessageAttachmentsChangedHandler");
    expect(fake.draft.notifications.sikkerPostStatus?.message).toBe("Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet.");
  });
});

describe("inline pictures as Outlook on the web hands them over", () => {
  it("a signature picture answered with empty content (office-js #6098) does not block", async () => {
    const empty: FakeAttachment = { id: "0", name: "image001.png", attachmentType: "file", size: 4312, isInline: true, content: { format: "base64", content: "" } };
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: outlookBody("Vi ses."), to: [partner], attachments: [empty] } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("an attached (not inline) file answered with empty content is still unreadable", async () => {
    const empty: FakeAttachment = { id: "0", name: "sag.docx", attachmentType: "file", size: 4312, isInline: false, content: { format: "base64", content: "" } };
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: "<p>Se bilag.</p>", to: [partner], attachments: [empty] } });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
  });
});
