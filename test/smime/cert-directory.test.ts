/** The certificate directory: parsing with the place named, the origin rule, lookup per address, every refusal at once. */
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { candidatesFor, checkRecipients, CertDirectoryError, directoryUrl, parseCertDirectory } from "../../src/core/smime/cert-directory";
import { certLabel, parseCertificates } from "../../src/core/smime/certs";
import { makeEngine } from "../../src/core/smime/cms";
import { holdSenderKey, readPkcs12 } from "../../src/core/smime/p12";
import { P12_PASSWORD, read, useTestPki } from "./test-pki";

jest.setTimeout(60000);
const pki = useTestPki();
const pem = (file: string): string => readFileSync(file, "utf8");

describe("parseCertDirectory", () => {
  it("reads entries, several per address", () => {
    const dir = parseCertDirectory({ version: 1, certificates: [{ address: pki.users.bob.email, pem: pem(pki.users.bob.cert) }, { address: "BOB@example.dk", pem: pem(pki.users.expired.cert) }] });
    expect(dir.entries).toHaveLength(2);
    expect(candidatesFor({ directory: dir, imported: [] }, "bob@EXAMPLE.dk").certs.map((c) => certLabel(c).commonName)).toEqual(["Bob Borger"]);
  });

  it.each([
    [[], "directory: must be a JSON object"],
    [{ version: 2, certificates: [] }, "directory.version: must be 1"],
    [{ version: 1 }, "directory.certificates: must be a list"],
    [{ version: 1, certificates: [{ address: "ikke en adresse", pem: "x" }] }, "directory.certificates[0].address: must be an e-mail address"],
    [{ version: 1, certificates: [{ address: "a@b.dk", pem: "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----" }] }, "directory.certificates[0].pem:"],
    [{ version: 1, certificates: [], ldap: "x" }, "directory.ldap: unknown setting"],
  ])("refuses %j, naming the place", (json, message) => {
    expect(() => parseCertDirectory(json)).toThrow(CertDirectoryError);
    expect(() => parseCertDirectory(json)).toThrow(message);
  });
});

describe("directoryUrl: the add-in's own origin only", () => {
  const origin = "https://sikkerpost.kommune.dk";
  it("takes a path on the origin and an https URL on it", () => {
    expect(directoryUrl("/certificates/directory.json", origin)).toBe("https://sikkerpost.kommune.dk/certificates/directory.json");
    expect(directoryUrl("https://sikkerpost.kommune.dk/api/certs", origin)).toBe("https://sikkerpost.kommune.dk/api/certs");
  });
  it("refuses another origin", () => {
    expect(() => directoryUrl("https://evil.example/certs.json", origin)).toThrow(CertDirectoryError);
    expect(() => directoryUrl("https://sikkerpost.kommune.dk.evil.example/certs.json", origin)).toThrow(CertDirectoryError);
  });
});

describe("checkRecipients: directory and imported certificates, every refusal", () => {
  it("finds an imported certificate and names each refusal with its certificate", async () => {
    const engine = makeEngine(webcrypto as never);
    const anchors = parseCertificates(read(pki.caCert));
    const directory = parseCertDirectory({ version: 1, certificates: [{ address: pki.users.expired.email, pem: pem(pki.users.expired.cert) }, { address: pki.users.signonly.email, pem: pem(pki.users.signonly.cert) }] });
    const checks = await checkRecipients([pki.users.bob.email, pki.users.expired.email, pki.users.signonly.email, "ingen@example.dk"], { directory, imported: [read(pki.users.bob.cert)] }, { trustAnchors: anchors, now: new Date(), engine });
    expect(checks.map((c) => (c.ok ? `ok ${c.label.commonName}` : c.error.code))).toEqual(["ok Bob Borger", "CERT_EXPIRED", "CERT_NO_KEY_ENCIPHERMENT", "CERT_MISSING"]);
    const expired = checks[1];
    if (expired?.ok === false) expect(expired.error.da).toMatch(/^Certifikatet "Erik Udløbet" \(serienummer/);
  });
});

describe("holdSenderKey: the pane keeps the key non-extractable", () => {
  it("signs and decrypts but cannot be exported", async () => {
    const engine = makeEngine(webcrypto as never);
    const held = await holdSenderKey(await readPkcs12(read(pki.aliceP12), P12_PASSWORD, engine), engine);
    expect(held.signKey.extractable).toBe(false);
    expect(held.decryptKey.extractable).toBe(false);
    await expect(webcrypto.subtle.exportKey("pkcs8", held.signKey as never)).rejects.toThrow();
    expect(held.signKey.usages).toEqual(["sign"]);
    expect(held.decryptKey.usages).toEqual(["decrypt"]);
  });
});
