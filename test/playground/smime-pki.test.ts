/**
 * The playground's S/MIME PKI, made with WebCrypto and pkijs only: the core reads its PKCS#12
 * and checks its certificates, and OpenSSL agrees (the PKCS#12, the chain, and a message built
 * with it decrypted and verified by `openssl cms`).
 */
import { spawnSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSmime, checkCertificate, makeEngine, parseCertificates, readPkcs12, type WebCrypto } from "../../src/core/smime";
import { certificateDirectory, makePlaygroundPki, PKI_PEOPLE, PLAYGROUND_P12_PASSWORD, type PlaygroundPki } from "../../src/playground/smime-pki";
import { openssl, opensslStatus } from "../smime/test-pki";

jest.setTimeout(60_000);

const crypto = webcrypto as unknown as WebCrypto;
const engine = makeEngine(crypto);
let pki: PlaygroundPki;
let dir: string;

beforeAll(async () => {
  pki = await makePlaygroundPki(crypto);
  dir = mkdtempSync(join(tmpdir(), "sp-playground-pki-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const person = (address: string): PlaygroundPki["recipients"][number] => {
  const p = pki.recipients.find((r) => r.address === address);
  if (p === undefined) throw new Error(`no ${address}`);
  return p;
};
const [anna, jurist, expired, none] = PKI_PEOPLE.recipients.map((r) => r.address) as [string, string, string, string];

test("the caseworker's PKCS#12 is read by the core with the shown password (current PBES2/AES format)", async () => {
  const key = await readPkcs12(pki.senderP12, PLAYGROUND_P12_PASSWORD, engine);
  expect(key.cert.serialNumber.isEqual(pki.sender.cert.serialNumber)).toBe(true);
  await expect(readPkcs12(pki.senderP12, "forkert", engine)).rejects.toMatchObject({ code: "P12_BAD_PASSWORD" });
});

test("OpenSSL reads the PKCS#12 with the password and finds AES-256-CBC, not RC2/3DES", () => {
  const file = join(dir, "sender.p12");
  writeFileSync(file, pki.senderP12);
  const info = spawnSync("openssl", ["pkcs12", "-in", file, "-info", "-noout", "-passin", `pass:${PLAYGROUND_P12_PASSWORD}`], { encoding: "utf8" });
  expect(info.status).toBe(0);
  const text = `${info.stdout}${info.stderr}`;
  expect(text).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
  expect(text).toMatch(/MAC: sha256/);
  expect(text).not.toMatch(/RC2|3DES|TripleDES/i);
  expect(opensslStatus(["pkcs12", "-in", file, "-info", "-noout", "-passin", "pass:forkert"]).ok).toBe(false);
  // The key and its certificate are paired (localKeyId), as openssl -clcerts and Windows' import need.
  const clcerts = openssl(["pkcs12", "-in", file, "-nokeys", "-clcerts", "-passin", `pass:${PLAYGROUND_P12_PASSWORD}`]).toString("utf8");
  expect(clcerts).toContain("BEGIN CERTIFICATE");
  expect(clcerts).toMatch(/friendlyName: Sagsbehandler/);
});

test("valid recipients chain to the CA; the expired one is refused as expired; one has no certificate", async () => {
  const anchors = [pki.ca];
  for (const address of [anna, jurist]) {
    const p = person(address);
    if (p.cert === undefined) throw new Error("no cert");
    await expect(checkCertificate(p.cert, { trustAnchors: anchors, now: new Date(), engine, usage: "encrypt", address })).resolves.toBeUndefined();
  }
  const old = person(expired).cert;
  if (old === undefined) throw new Error("no cert");
  await expect(checkCertificate(old, { trustAnchors: anchors, now: new Date(), engine, usage: "encrypt", address: expired })).rejects.toMatchObject({ code: "CERT_EXPIRED" });
  expect(person(none).cert).toBeUndefined();
  // OpenSSL agrees about the chain and the purpose.
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, pki.caPem);
  const certFile = join(dir, "anna.pem");
  writeFileSync(certFile, person(anna).certPem ?? "");
  expect(openssl(["verify", "-CAfile", caFile, "-purpose", "smimeencrypt", certFile]).toString()).toMatch(/OK/);
});

test("the certificate directory holds the sender, the valid and the expired recipients, none for the one without", () => {
  const directory = JSON.parse(certificateDirectory(pki)) as { version: number; certificates: { address: string; pem: string }[] };
  expect(directory.version).toBe(1);
  expect(directory.certificates.map((c) => c.address).sort()).toEqual([PKI_PEOPLE.sender.address, anna, jurist, expired].sort());
  for (const c of directory.certificates) expect(parseCertificates(new TextEncoder().encode(c.pem))).toHaveLength(1);
});

test("a message built with the playground's keys is decrypted by openssl cms as the recipient and verified against the CA", async () => {
  const key = await readPkcs12(pki.senderP12, PLAYGROUND_P12_PASSWORD, engine);
  const recipient = person(anna);
  const message = new TextEncoder().encode(`From: ${PKI_PEOPLE.sender.address}\r\nTo: ${anna}\r\nSubject: Test\r\n\r\nHej Anna.\r\n`);
  const built = await buildSmime({ message, recipientCerts: parseCertificates(new TextEncoder().encode(recipient.certPem ?? "")), trustAnchors: [pki.ca], sender: { mode: "sign", key }, crypto });
  const files = { msg: join(dir, "msg.eml"), key: join(dir, "anna.key"), cert: join(dir, "anna.pem"), ca: join(dir, "ca.pem"), signed: join(dir, "signed.eml") };
  writeFileSync(files.msg, built.bytes);
  writeFileSync(files.key, `-----BEGIN PRIVATE KEY-----\n${Buffer.from(recipient.pkcs8 ?? new ArrayBuffer(0)).toString("base64")}\n-----END PRIVATE KEY-----\n`);
  writeFileSync(files.cert, recipient.certPem ?? "");
  writeFileSync(files.ca, pki.caPem);
  openssl(["cms", "-decrypt", "-in", files.msg, "-recip", files.cert, "-inkey", files.key, "-out", files.signed]);
  const verified = openssl(["cms", "-verify", "-in", files.signed, "-CAfile", files.ca]).toString("utf8");
  expect(verified).toContain("Hej Anna.");
});
