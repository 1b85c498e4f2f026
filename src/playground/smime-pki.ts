/**
 * The playground's throw-away S/MIME PKI, made when the server starts: pure WebCrypto and
 * pkijs, so `npm run playground` needs no openssl. A CA (the S/MIME policy's trust anchor),
 * the caseworker (sender, with a PKCS#12 file the page offers for the pane's key import),
 * two recipients with emailProtection certificates, one whose certificate has expired, and one
 * with no certificate at all. The private keys stay in the server, which reads the sent mail
 * with them ("Sendt post").
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { PLAYGROUND_USER } from "./page/compose-model";
import { toArrayBuffer, toBase64 } from "../core/smime/bytes";

export type WebCrypto = pkijs.CryptoEngineParameters["crypto"];

/** The password of the caseworker's PKCS#12 file, shown on the playground page. */
export const PLAYGROUND_P12_PASSWORD = "Legeplads-2026";
export const PLAYGROUND_CA_NAME = "Playground CA";

export interface PkiPerson {
  readonly address: string;
  readonly name: string;
  /** "none": a recipient with no certificate anywhere. */
  readonly certificate: "valid" | "expired" | "none";
  readonly cert?: pkijs.Certificate;
  readonly certPem?: string;
  /** The private key, PKCS#8 DER: the server reads the sent mail as this person. */
  readonly pkcs8?: ArrayBuffer;
}

export interface PlaygroundPki {
  readonly ca: pkijs.Certificate;
  readonly caPem: string;
  readonly sender: PkiPerson & { readonly cert: pkijs.Certificate; readonly pkcs8: ArrayBuffer };
  /** The caseworker's certificate and key as PKCS#12 (PBES2, AES-256-CBC, HMAC-SHA-256: what current OpenSSL writes). */
  readonly senderP12: Uint8Array;
  readonly recipients: readonly PkiPerson[];
}

/** The simulated people. Their domains are outside the organisation, so a CPR number to them needs protection. */
export const PKI_PEOPLE = {
  sender: { address: PLAYGROUND_USER.address, name: "Sagsbehandler, Eksempel Kommune" },
  recipients: [
    { address: "anna.jensen@region.example.dk", name: "Anna Jensen, Region Eksempel", certificate: "valid" },
    { address: "jurist@advokat.example.dk", name: "Jurist, Advokatfirma Eksempel", certificate: "valid" },
    { address: "erik.udloebet@firma.example.dk", name: "Erik Udløbet, Firma Eksempel", certificate: "expired" },
    { address: "uden.certifikat@firma.example.dk", name: "Uden Certifikat, Firma Eksempel", certificate: "none" },
  ],
} as const satisfies { sender: { address: string; name: string }; recipients: readonly { address: string; name: string; certificate: PkiPerson["certificate"] }[] };

const RSA = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
const DAY = 86_400_000;

const OID = {
  cn: "2.5.4.3",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
} as const;

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [new pkijs.AttributeTypeAndValue({ type: OID.cn, value: new asn1js.Utf8String({ value: cn }) })],
  });
}

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock | pkijs.BasicConstraints | pkijs.ExtKeyUsage | pkijs.AltName | pkijs.AuthorityKeyIdentifier): pkijs.Extension {
  const schema = value instanceof asn1js.BaseBlock ? value : value.toSchema();
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false), parsedValue: value });
}

/** keyUsage bits as DER: 0 digitalSignature, 2 keyEncipherment, 5 keyCertSign, 6 cRLSign. */
function keyUsage(bits: readonly number[]): asn1js.BitString {
  let byte = 0;
  for (const b of bits) byte |= 0x80 >> b;
  const last = Math.max(...bits);
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: 7 - last });
}

function certLabelName(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((t) => t.type === OID.cn)?.value as { valueBlock?: { value?: unknown } } | undefined;
  return typeof cn?.valueBlock?.value === "string" ? cn.valueBlock.value : "Sikker Post legeplads";
}

export function pem(der: ArrayBuffer): string {
  return `-----BEGIN CERTIFICATE-----\n${toBase64(new Uint8Array(der), 64)}\n-----END CERTIFICATE-----\n`;
}

interface Issued {
  readonly cert: pkijs.Certificate;
  readonly keys: CryptoKeyPair;
  readonly keyId: ArrayBuffer;
}

async function issue(
  engine: pkijs.CryptoEngine,
  spec: { cn: string; notBefore: Date; notAfter: Date; ca?: boolean; email?: string },
  issuer: Issued | undefined,
): Promise<Issued> {
  const keys = (await engine.generateKey(RSA, true, ["sign", "verify"]));
  const cert = new pkijs.Certificate();
  cert.version = 2;
  // Random serials, as real CAs use: two playground runs never issue the same issuer and serial.
  const serial = engine.getRandomValues(new Uint8Array(16));
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial.buffer });
  cert.subject = name(spec.cn);
  cert.issuer = issuer === undefined ? name(spec.cn) : issuer.cert.subject;
  cert.notBefore.value = spec.notBefore;
  cert.notAfter.value = spec.notAfter;
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
  const keyId = await engine.digest({ name: "SHA-1" }, toArrayBuffer(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView));
  const extensions = [
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: spec.ca === true })),
    extension(OID.keyUsage, true, spec.ca === true ? keyUsage([5, 6]) : keyUsage([0, 2])),
    extension(OID.subjectKeyId, false, new asn1js.OctetString({ valueHex: keyId })),
  ];
  if (issuer !== undefined) extensions.push(extension(OID.authorityKeyId, false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: issuer.keyId }) })));
  if (spec.ca !== true) extensions.push(extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [OID.emailProtection] })));
  if (spec.email !== undefined) extensions.push(extension(OID.subjectAltName, false, new pkijs.AltName({ altNames: [new pkijs.GeneralName({ type: 1, value: spec.email })] })));
  cert.extensions = extensions;
  await cert.sign((issuer ?? { keys }).keys.privateKey, "SHA-256", engine);
  return { cert, keys, keyId };
}

/** The sender's key and certificate as a password-protected PKCS#12 file, as `openssl pkcs12 -export` (3.x) writes it. */
export async function makePkcs12(cert: pkijs.Certificate, pkcs8: ArrayBuffer, password: string, engine: pkijs.CryptoEngine): Promise<Uint8Array> {
  const pw = new TextEncoder().encode(password).buffer;
  // pkijs types the algorithm with its IV; it makes a fresh IV itself when there is none.
  const aes256 = { name: "AES-CBC", length: 256 } as unknown as pkijs.ContentEncryptionAlgorithm;
  const pbes2 = { password: pw, contentEncryptionAlgorithm: aes256, hmacHashAlgorithm: "SHA-256", iterationCount: 2048 };
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) });
  await keyBag.makeInternalValues(pbes2, engine);
  // localKeyId pairs the key with its certificate (openssl -clcerts, Windows' import); friendlyName names it.
  const localKeyId = await engine.digest({ name: "SHA-1" }, cert.toSchema().toBER(false));
  const bagAttributes = [
    new pkijs.Attribute({ type: OID.friendlyName, values: [new asn1js.BmpString({ value: certLabelName(cert) })] }),
    new pkijs.Attribute({ type: OID.localKeyId, values: [new asn1js.OctetString({ valueHex: localKeyId })] }),
  ];
  const safe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: OID.shroudedKeyBag, bagValue: keyBag, bagAttributes })] }) },
        { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: OID.certBag, bagValue: new pkijs.CertBag({ certId: OID.x509Certificate, certValue: cert, parsedValue: cert }), bagAttributes })] }) },
      ],
    },
  });
  await safe.makeInternalValues({ safeContents: [{}, pbes2] }, engine);
  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe: safe } });
  await pfx.makeInternalValues({ password: pw, iterations: 2048, pbkdf2HashAlgorithm: "SHA-256", hmacHashAlgorithm: "SHA-256" }, engine);
  return new Uint8Array(pfx.toSchema().toBER(false));
}

export async function makePlaygroundPki(crypto: WebCrypto, now: Date = new Date()): Promise<PlaygroundPki> {
  const engine = new pkijs.CryptoEngine({ name: "playground-pki", crypto });
  const start = new Date(now.getTime() - DAY);
  const ca = await issue(engine, { cn: PLAYGROUND_CA_NAME, notBefore: start, notAfter: new Date(now.getTime() + 3650 * DAY), ca: true }, undefined);
  const pkcs8Of = (keys: CryptoKeyPair): Promise<ArrayBuffer> => engine.exportKey("pkcs8", keys.privateKey);

  const senderIssued = await issue(engine, { cn: PKI_PEOPLE.sender.name, notBefore: start, notAfter: new Date(now.getTime() + 825 * DAY), email: PKI_PEOPLE.sender.address }, ca);
  const senderPkcs8 = await pkcs8Of(senderIssued.keys);
  const sender = { ...PKI_PEOPLE.sender, certificate: "valid" as const, cert: senderIssued.cert, certPem: pem(senderIssued.cert.toSchema().toBER(false)), pkcs8: senderPkcs8 };

  const recipients: PkiPerson[] = [];
  for (const person of PKI_PEOPLE.recipients) {
    if (person.certificate === "none") {
      recipients.push({ ...person });
      continue;
    }
    // The expired certificate ran out a year ago: a real chain, only the date is wrong.
    const dates = person.certificate === "expired" ? { notBefore: new Date(now.getTime() - 730 * DAY), notAfter: new Date(now.getTime() - 365 * DAY) } : { notBefore: start, notAfter: new Date(now.getTime() + 825 * DAY) };
    const issued = await issue(engine, { cn: person.name, email: person.address, ...dates }, ca);
    recipients.push({ ...person, cert: issued.cert, certPem: pem(issued.cert.toSchema().toBER(false)), pkcs8: await pkcs8Of(issued.keys) });
  }
  return {
    ca: ca.cert,
    caPem: pem(ca.cert.toSchema().toBER(false)),
    sender,
    senderP12: await makePkcs12(senderIssued.cert, senderPkcs8, PLAYGROUND_P12_PASSWORD, engine),
    recipients,
  };
}

/** The certificate directory (docs/smime.md): every recipient certificate the organisation knows, the expired one too. */
export function certificateDirectory(pki: PlaygroundPki): string {
  const certificates = [pki.sender, ...pki.recipients].filter((p) => p.certPem !== undefined).map((p) => ({ address: p.address, pem: p.certPem }));
  return JSON.stringify({ version: 1, certificates }, null, 2);
}
