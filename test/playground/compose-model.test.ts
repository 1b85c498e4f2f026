import { attachmentFromBytes, bytesToBase64, parseAddresses, reopened, sentMail } from "../../src/playground/page/compose-model";
import { emptyDraft } from "../../src/fake-office/fake-office";

describe("parseAddresses", () => {
  test("splits on comma, semicolon and newline; the organisation's domain is internal, every other external", () => {
    const { recipients, invalid } = parseAddresses("kollega@kommune.example.dk; borger@gmail.com,\nAnna Berg <anna@Partner.dk>");
    expect(recipients).toEqual([
      { emailAddress: "kollega@kommune.example.dk", recipientType: "user" },
      { emailAddress: "borger@gmail.com", recipientType: "externalUser" },
      { emailAddress: "anna@Partner.dk", displayName: "Anna Berg", recipientType: "externalUser" },
    ]);
    expect(invalid).toEqual([]);
  });

  test("a look-alike of the organisation's domain is external", () => {
    expect(parseAddresses("a@kommune.example.dk.evil.com").recipients[0]?.recipientType).toBe("externalUser");
    expect(parseAddresses("a@sub.kommune.example.dk").recipients[0]?.recipientType).toBe("externalUser");
  });

  test("pieces that are not addresses are reported back, and duplicates are dropped", () => {
    const { recipients, invalid } = parseAddresses("borger@gmail.com; BORGER@gmail.com; ikke en adresse; @x.dk; a@b");
    expect(recipients).toHaveLength(1);
    expect(invalid).toEqual(["ikke en adresse", "@x.dk", "a@b"]);
  });

  test("a long hostile input is parsed without catastrophic backtracking", () => {
    const hostile = `${"a.".repeat(50_000)}@${"b.".repeat(50_000)}`;
    expect(parseAddresses(hostile).invalid).toHaveLength(1);
  });
});

describe("attachments as Outlook hands them to the add-in", () => {
  test("a file is Base64 that decodes to the same bytes", () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    const a = attachmentFromBytes("id1", "sag.pdf", "application/pdf", bytes);
    expect(a.attachmentType).toBe("file");
    expect(a.content.format).toBe("base64");
    expect(Buffer.from(a.content.content, "base64").equals(Buffer.from(bytes))).toBe(true);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });

  test("an attached mail is an item whose content is EML text", () => {
    const eml = "Subject: Hej\r\n\r\nÆblegrød";
    const a = attachmentFromBytes("id2", "svar.eml", "", new TextEncoder().encode(eml));
    expect(a).toMatchObject({ attachmentType: "item", contentType: "message/rfc822", content: { format: "eml", content: eml } });
  });

  test("a file without a type gets application/octet-stream", () => {
    expect(attachmentFromBytes("id3", "x", "", new Uint8Array([1])).contentType).toBe("application/octet-stream");
  });
});

test("a reopened draft keeps what was saved with it and loses the compose session's data", () => {
  const d = { ...emptyDraft(), subject: "S", customProperties: { sikkerPostState: '{"sign":true}' }, sessionData: { sikkerPostState: "x" }, internetHeaders: { "X-A": "1" }, notifications: { n: { type: "t", message: "m" } } };
  const r = reopened(d);
  expect(r).toMatchObject({ subject: "S", customProperties: { sikkerPostState: '{"sign":true}' }, sessionData: {}, notifications: {}, internetHeaders: { "X-A": "1" } });
  expect(r.customProperties).not.toBe(d.customProperties);
});

test("a sent mail records recipients, attachments and the headers the gateway sees", () => {
  const d = { ...emptyDraft(), subject: "S", to: [{ emailAddress: "a@b.dk", recipientType: "externalUser" as const }], internetHeaders: { "X-Sikker-Post-Encrypt": "yes" } };
  expect(sentMail(d)).toEqual({ subject: "S", to: ["a@b.dk"], cc: [], bcc: [], attachments: [], headers: { "X-Sikker-Post-Encrypt": "yes" } });
});
