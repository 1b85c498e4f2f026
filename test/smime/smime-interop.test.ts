/**
 * Interop the other way: messages made by OpenSSL (`cms -sign` then `cms -encrypt -aes256` with
 * RSA-OAEP/SHA-256) are decrypted and verified by our reader; a changed signed part is not.
 */
import { webcrypto } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openSmime, parseCertificates, type WebCrypto } from "../../src/core/smime";
import { openssl, pkcs8Of, read, useTestPki, type UserName } from "./test-pki";
import { decode, makeMessage } from "./smime-helpers";

jest.setTimeout(120000);

const crypto = webcrypto as unknown as WebCrypto;
const pki = useTestPki();

/** The body entity (Content-* fields and body) of a message made by makeMessage. */
function bodyEntityOf(message: Buffer): Buffer {
  const text = message.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  const fields = text.slice(0, end).split("\r\n").filter((l) => /^content-/i.test(l));
  return Buffer.from(`${fields.join("\r\n")}\r\n\r\n${text.slice(end + 4)}`, "latin1");
}

function opensslMessage(recipient: UserName, attachments: boolean, n: number): { file: string; entity: Buffer } {
  const entity = bodyEntityOf(makeMessage({ from: pki.users.alice.email, to: [pki.users[recipient].email], eightBit: true, attachments }));
  const entityFile = join(pki.dir, `ossl-entity-${n}.txt`);
  writeFileSync(entityFile, entity);
  const signedFile = join(pki.dir, `ossl-signed-${n}.eml`);
  openssl(["cms", "-sign", "-binary", "-in", entityFile, "-signer", pki.users.alice.cert, "-inkey", pki.users.alice.key, "-md", "sha256", "-out", signedFile]);
  const file = join(pki.dir, `ossl-enc-${n}.eml`);
  openssl([
    "cms", "-encrypt", "-aes256", "-in", signedFile, "-recip", pki.users[recipient].cert,
    "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256",
    "-from", pki.users.alice.email, "-to", pki.users[recipient].email, "-subject", "Fra OpenSSL", "-out", file,
  ]);
  return { file, entity };
}

describe.each([
  ["bob", false],
  ["carol", true],
] as const)("an OpenSSL-made message to %s (attachments: %s)", (recipient, attachments) => {
  it("is decrypted and verified by our reader, content intact", async () => {
    const { file, entity } = opensslMessage(recipient, attachments, recipient === "bob" ? 1 : 2);
    const [cert] = parseCertificates(read(pki.users[recipient].cert));
    if (cert === undefined) throw new Error("no certificate");
    const opened = await openSmime(read(file), { cert, pkcs8: pkcs8Of(pki.users[recipient].key), trustAnchors: parseCertificates(read(pki.caCert)), crypto });
    expect(opened.signature).toBeDefined();
    expect(Buffer.from(opened.signature?.signedEntity ?? []).equals(entity)).toBe(true);
    const want = await decode(entity);
    const got = await decode(opened.signature?.signedEntity ?? new Uint8Array());
    expect(got.text).toBe(want.text);
    expect(got.attachments.map((a) => Buffer.from(a.content).toString("base64"))).toEqual(want.attachments.map((a) => Buffer.from(a.content).toString("base64")));
  });
});

it("refuses an OpenSSL-signed message whose signed part was changed (SIGNATURE_INVALID)", async () => {
  const entity = bodyEntityOf(makeMessage({ from: pki.users.alice.email, to: [pki.users.bob.email], eightBit: true, attachments: false }));
  const entityFile = join(pki.dir, "ossl-tamper-entity.txt");
  writeFileSync(entityFile, entity);
  const signed = openssl(["cms", "-sign", "-binary", "-in", entityFile, "-signer", pki.users.alice.cert, "-inkey", pki.users.alice.key, "-md", "sha256"]);
  const at = signed.indexOf("Her er sagen");
  expect(at).toBeGreaterThan(0);
  signed[at] = (signed[at] ?? 0) ^ 0x01;
  const signedFile = join(pki.dir, "ossl-tamper-signed.eml");
  writeFileSync(signedFile, signed);
  const file = join(pki.dir, "ossl-tamper-enc.eml");
  openssl(["cms", "-encrypt", "-aes256", "-in", signedFile, "-recip", pki.users.bob.cert, "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-out", file]);
  const [cert] = parseCertificates(read(pki.users.bob.cert));
  if (cert === undefined) throw new Error("no certificate");
  await expect(openSmime(read(file), { cert, pkcs8: pkcs8Of(pki.users.bob.key), trustAnchors: parseCertificates(read(pki.caCert)), crypto })).rejects.toMatchObject({ code: "SIGNATURE_INVALID" });
});
