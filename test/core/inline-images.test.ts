import { extractMail } from "../../src/core/extract/extract-mail";
import { cidReferences, isInlinePicture, looksLikeImage } from "../../src/core/extract/inline-images";
import { withholdsSending } from "../../src/core/scan/findings";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe("cidReferences", () => {
  it("finds Word's cid form and its name before the @, in any case and quoting", () => {
    const refs = cidReferences(`<img src="cid:image001.png@01DA2B3C.4D5E6F70"><img src='CID:Logo%20Kommune.jpg'><v:imagedata src=cid:image002.emf@01DA2B3C.4D5E6F70 o:title="">`);
    expect([...refs].sort()).toEqual(["image001.png", "image001.png@01da2b3c.4d5e6f70", "image002.emf", "image002.emf@01da2b3c.4d5e6f70", "logo kommune.jpg"].sort());
  });

  it("finds nothing in a body without cid: and stays linear on hostile input", () => {
    expect(cidReferences("<p>cid er et ord</p>").size).toBe(0);
    const hostile = "cid:".repeat(50_000) + "x".repeat(100_000);
    expect(cidReferences(hostile).size).toBeGreaterThan(0);
  });
});

describe("isInlinePicture", () => {
  const cids = cidReferences(`<img src="cid:image001.png@01DA2B3C.4D5E6F70">`);
  it("trusts Outlook's isInline, a referred name, or a referred content id", () => {
    expect(isInlinePicture({ name: "x.png", isInline: true }, new Set())).toBe(true);
    expect(isInlinePicture({ name: "IMAGE001.PNG", isInline: false }, cids)).toBe(true);
    expect(isInlinePicture({ name: "andet.png", contentId: "<image001.png@01DA2B3C.4D5E6F70>" }, cids)).toBe(true);
    expect(isInlinePicture({ name: "image002.png", isInline: false }, cids)).toBe(false);
  });
});

describe("looksLikeImage", () => {
  it("knows the picture formats mail carries, and not documents", () => {
    expect(looksLikeImage(PNG)).toBe(true);
    expect(looksLikeImage(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe(true);
    const webp = Buffer.from("RIFF\0\0\0\0WEBPVP8 ", "latin1");
    expect(looksLikeImage(webp)).toBe(true);
    const emf = Buffer.alloc(64);
    emf[0] = 1;
    emf.write(" EMF", 40, "latin1");
    expect(looksLikeImage(emf)).toBe(true);
    expect(looksLikeImage(Buffer.from("%PDF-1.7"))).toBe(false);
    expect(looksLikeImage(Buffer.from("PK\x03\x04", "latin1"))).toBe(false);
  });
});

/** A mail as Outlook exports it: HTML body with a related logo, and an attached photo. */
function mailWithPictures(): Uint8Array {
  const b64 = PNG.toString("base64");
  return Buffer.from(
    [
      "From: a@kommune.dk",
      "To: b@firma.dk",
      "Subject: Mødetid",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="mixed"',
      "",
      "--mixed",
      'Content-Type: multipart/related; boundary="rel"',
      "",
      "--rel",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p>Vi ses.</p><img src="cid:image001.png@01DA2B3C.4D5E6F70">',
      "--rel",
      'Content-Type: image/png; name="image001.png"',
      "Content-ID: <image001.png@01DA2B3C.4D5E6F70>",
      "Content-Disposition: inline; filename=image001.png",
      "Content-Transfer-Encoding: base64",
      "",
      b64,
      "--rel--",
      "--mixed",
      'Content-Type: image/png; name="foto.png"',
      "Content-Disposition: attachment; filename=foto.png",
      "Content-Transfer-Encoding: base64",
      "",
      b64,
      "--mixed--",
      "",
    ].join("\r\n"),
  );
}

describe("pictures in a mail file (the CLI's path)", () => {
  it("reports the inline logo as not read by policy and the attached photo as unreadable", async () => {
    const { unreadable } = await extractMail(mailWithPictures());
    const byName: Record<string, string> = Object.fromEntries(unreadable.map((u) => [u.path?.join("/") ?? "", u.reason]));
    expect(byName).toEqual({ "image001.png": "image_ignored", "foto.png": "image_only" });
    expect(unreadable.filter(withholdsSending).map((u) => u.path?.join("/"))).toEqual(["foto.png"]);
  });

  it("follows the policy's images settings", async () => {
    const { unreadable } = await extractMail(mailWithPictures(), { images: { inline: "unreadable", attached: "ignore" } });
    const byName: Record<string, string> = Object.fromEntries(unreadable.map((u) => [u.path?.join("/") ?? "", u.reason]));
    expect(byName).toEqual({ "image001.png": "image_only", "foto.png": "image_ignored" });
  });
});
