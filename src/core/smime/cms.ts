/**
 * CMS with pkijs: SignedData (RSASSA-PKCS1-v1_5 with SHA-256, signed attributes), EnvelopedData
 * (AES-256-CBC content, RSA-OAEP with SHA-256 key transport), and the reverse of both.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer } from "./bytes";

/** RSASSA-PKCS1-v1_5 with SHA-256 (a variable: WebCrypto typings take it as a plain Algorithm). */
const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  envelopedData: "1.2.840.113549.1.7.3",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  smimeCapabilities: "1.2.840.113549.1.9.15",
  encryptionKeyPreference: "1.2.840.113549.1.9.16.2.11",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  aes192Cbc: "2.16.840.1.101.3.4.1.22",
  aes128Cbc: "2.16.840.1.101.3.4.1.2",
  rsaesOaep: "1.2.840.113549.1.1.7",
  sha256: "2.16.840.1.101.3.4.2.1",
} as const;

/** A WebCrypto implementation (the browser's `crypto` or Node's `webcrypto`). */
export type WebCrypto = pkijs.CryptoEngineParameters["crypto"];
/** A WebCrypto key (CryptoKey; the core has no DOM types to name it by). */
export type KeyHandle = Awaited<ReturnType<pkijs.CryptoEngine["importKey"]>>;
/** A private key: PKCS#8 DER, or a WebCrypto key (the pane keeps it non-extractable). */
export type PrivateKeySource = ArrayBuffer | KeyHandle;

function isDer(key: PrivateKeySource): key is ArrayBuffer {
  return key instanceof ArrayBuffer;
}

export function makeEngine(crypto: WebCrypto): pkijs.CryptoEngine {
  return new pkijs.CryptoEngine({ name: "sikker-post", crypto });
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** DER orders a SET OF by the encodings of its elements. */
function derSetOrder(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attrs.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }));
  encoded.sort((x, y) => {
    const n = Math.min(x.der.length, y.der.length);
    for (let i = 0; i < n; i++) if (x.der[i] !== y.der[i]) return (x.der[i] ?? 0) - (y.der[i] ?? 0);
    return x.der.length - y.der.length;
  });
  return encoded.map((e) => e.a);
}

function smimeCapabilities(): asn1js.Sequence {
  const cap = (oid: string): asn1js.Sequence => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid })] });
  return new asn1js.Sequence({ value: [cap(OID.aes256Cbc), cap(OID.aes192Cbc), cap(OID.aes128Cbc), cap(OID.rsaesOaep)] });
}

/** SMIMEEncryptionKeyPreference ::= CHOICE { issuerAndSerialNumber [0] IMPLICIT IssuerAndSerialNumber, … } */
function encryptionKeyPreference(cert: pkijs.Certificate): asn1js.Constructed {
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [cert.issuer.toSchema(), cert.serialNumber],
  });
}

export interface SignOptions {
  readonly signerCert: pkijs.Certificate;
  /** Further certificates to include (the chain), besides the signer's. */
  readonly extraCerts?: readonly pkijs.Certificate[];
  /** The certificate to name as the sender's preferred encryption certificate. */
  readonly encryptionCert?: pkijs.Certificate;
  /** PKCS#8, or a WebCrypto RSASSA-PKCS1-v1_5/SHA-256 key with usage "sign". */
  readonly pkcs8: PrivateKeySource;
  readonly now: Date;
  readonly engine: pkijs.CryptoEngine;
}

/** A detached SignedData over `content` as DER ContentInfo. */
export async function signDetached(content: Uint8Array, options: SignOptions): Promise<Uint8Array> {
  const { engine, signerCert } = options;
  const source = options.pkcs8;
  const key = isDer(source) ? await engine.importKey("pkcs8", source, RSA_SHA256, false, ["sign"]) : source;
  const digest = await engine.digest({ name: "SHA-256" }, toArrayBuffer(content));
  const attrs = derSetOrder([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: digest })),
    attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: options.now })),
    attribute(OID.smimeCapabilities, smimeCapabilities()),
    attribute(OID.encryptionKeyPreference, encryptionKeyPreference(options.encryptionCert ?? signerCert)),
  ]);
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCert.issuer, serialNumber: signerCert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
      }),
    ],
    certificates: [signerCert, ...(options.extraCerts ?? [])],
  });
  await signed.sign(key, 0, "SHA-256", toArrayBuffer(content), engine);
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

export interface VerifyResult {
  readonly signerCert: pkijs.Certificate;
  readonly signingTime?: Date;
}

export class CmsError extends Error {
  override readonly name = "CmsError";
}

/** Verifies a detached SignedData over `content`, with the signer's chain to the anchors. */
export async function verifyDetached(signatureDer: Uint8Array, content: Uint8Array, trustAnchors: readonly pkijs.Certificate[], now: Date, engine: pkijs.CryptoEngine): Promise<VerifyResult> {
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(signatureDer));
    if (info.contentType !== OID.signedData) throw new CmsError(`not SignedData but ${info.contentType}`);
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    throw new CmsError(`unreadable signature: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (signed.signerInfos.length !== 1) throw new CmsError(`expected one signer, found ${signed.signerInfos.length}`);
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signed.verify({ signer: 0, data: toArrayBuffer(content), trustedCerts: [...trustAnchors], checkChain: true, checkDate: now, extendedMode: true }, engine);
  } catch (e) {
    throw new CmsError(`signature does not verify: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (result.signatureVerified !== true || result.signerCertificateVerified !== true || !result.signerCertificate) throw new CmsError(`signature does not verify: ${result.message}`);
  const timeAttr = signed.signerInfos[0]?.signedAttrs?.attributes.find((a) => a.type === OID.signingTime)?.values[0] as { toDate?: () => Date } | undefined;
  const signingTime = timeAttr?.toDate?.();
  return { signerCert: result.signerCertificate, ...(signingTime !== undefined ? { signingTime } : {}) };
}

/** EnvelopedData of `content` to every certificate: AES-256-CBC, RSA-OAEP with SHA-256. DER ContentInfo. */
export async function envelope(content: Uint8Array, recipients: readonly pkijs.Certificate[], engine: pkijs.CryptoEngine): Promise<Uint8Array> {
  const env = new pkijs.EnvelopedData();
  for (const cert of recipients) {
    // pkijs defaults to SHA-512 for OAEP; S/MIME clients expect SHA-256 (RFC 8551, RFC 4055).
    env.addRecipientByCertificate(cert, { oaepHashAlgorithm: "SHA-256" }, 1, engine);
  }
  await env.encrypt({ name: "AES-CBC", length: 256 } as never, toArrayBuffer(content), engine);
  const info = new pkijs.ContentInfo({ contentType: OID.envelopedData, content: env.toSchema() });
  return new Uint8Array(info.toSchema().toBER(false));
}

export interface EnvelopeInfo {
  readonly env: pkijs.EnvelopedData;
  readonly contentAlgorithm: string;
  readonly recipients: readonly { readonly issuer: pkijs.RelativeDistinguishedNames; readonly serial: asn1js.Integer; readonly keyAlgorithm: string; readonly oaepHash?: string }[];
}

/** Reads an EnvelopedData ContentInfo (no decryption): its algorithms and recipients. */
export function readEnvelope(der: Uint8Array): EnvelopeInfo {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
  if (info.contentType !== OID.envelopedData) throw new CmsError(`not EnvelopedData but ${info.contentType}`);
  const env = new pkijs.EnvelopedData({ schema: info.content });
  const recipients = env.recipientInfos.map((ri) => {
    if (ri.variant !== 1) throw new CmsError("a recipient that is not key transport");
    const ktri = ri.value as pkijs.KeyTransRecipientInfo;
    if (!(ktri.rid instanceof pkijs.IssuerAndSerialNumber)) throw new CmsError("a recipient named by key identifier");
    const alg = ktri.keyEncryptionAlgorithm;
    let oaepHash: string | undefined;
    if (alg.algorithmId === OID.rsaesOaep) {
      const params = alg.algorithmParams ? new pkijs.RSAESOAEPParams({ schema: alg.algorithmParams }) : new pkijs.RSAESOAEPParams();
      oaepHash = params.hashAlgorithm.algorithmId;
    }
    return { issuer: ktri.rid.issuer, serial: ktri.rid.serialNumber, keyAlgorithm: alg.algorithmId, ...(oaepHash !== undefined ? { oaepHash } : {}) };
  });
  return { env, contentAlgorithm: env.encryptedContentInfo.contentEncryptionAlgorithm.algorithmId, recipients };
}

/** Decrypts an EnvelopedData ContentInfo for the holder of `cert` and its PKCS#8 key. */
/** `pkcs8`: PKCS#8, or a WebCrypto RSA-OAEP/SHA-256 key with usage "decrypt". */
export async function openEnvelope(der: Uint8Array, cert: pkijs.Certificate, pkcs8: PrivateKeySource, engine: pkijs.CryptoEngine): Promise<Uint8Array | "not-a-recipient"> {
  const { env } = readEnvelope(der);
  const index = env.recipientInfos.findIndex((ri) => {
    const rid = (ri.value as pkijs.KeyTransRecipientInfo).rid;
    return rid instanceof pkijs.IssuerAndSerialNumber && cert.issuer.isEqual(rid.issuer) && cert.serialNumber.isEqual(rid.serialNumber);
  });
  if (index < 0) return "not-a-recipient";
  // pkijs's union type takes either form, but not a value typed as the union.
  const plain = isDer(pkcs8) ? await env.decrypt(index, { recipientCertificate: cert, recipientPrivateKey: pkcs8 }, engine) : await env.decrypt(index, { recipientCertificate: cert, recipientPrivateKey: pkcs8 }, engine);
  return new Uint8Array(plain);
}
