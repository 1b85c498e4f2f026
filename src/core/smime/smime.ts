/**
 * RFC 8551 S/MIME messages built by Sikker Post: the original body entity, signed
 * (multipart/signed, unless encrypt-only), enveloped to every To/Cc/Bcc recipient and to the
 * sender. Nothing is returned that has not been read back: the sender's copy is decrypted and
 * its signature verified again (encrypt-only, with no private key: the envelope is re-read and
 * its recipients and algorithms checked).
 */
import PostalMime from "postal-mime";
import type * as pkijs from "pkijs";
import { binaryToBytes, bytesEqual, bytesToBinary, concatBytes, fromBase64, toBase64, toHex } from "./bytes";
import { certLabel, checkCertificate, isCaCertificate, sameCertificate, selectRecipientCertificates } from "./certs";
import { CmsError, envelope, makeEngine, OID, openEnvelope, readEnvelope, signDetached, verifyDetached, type WebCrypto } from "./cms";
import { SmimeError, type CertLabel } from "./errors";
import { canonicalizeCrlf, fieldValue, parseContentType, parseEntity, splitMultipartSigned, type MimeEntity } from "./mime";
import type { HeldSenderKey, SenderKey } from "./p12";
import type { PrivateKeySource } from "./cms";

export type SenderIdentity =
  | { readonly mode: "sign"; readonly key: SenderKey | HeldSenderKey }
  | { readonly mode: "encrypt-only"; readonly cert: pkijs.Certificate };

export interface BuildSmimeOptions {
  /** The message to protect (RFC 5322 with MIME), as bytes. */
  readonly message: Uint8Array;
  /** The recipients' certificates (any order; CA certificates among them complete chains). */
  readonly recipientCerts: readonly pkijs.Certificate[];
  /** The organisation's trust anchors. */
  readonly trustAnchors: readonly pkijs.Certificate[];
  readonly sender: SenderIdentity;
  readonly crypto: WebCrypto;
  readonly now?: Date;
  /** Tests only: changes the (signed) entity after signing, before encryption. */
  readonly tamperAfterSigning?: (entity: Uint8Array) => Uint8Array;
}

export interface BuiltSmime {
  /** The whole message: application/pkcs7-mime; smime-type=enveloped-data. */
  readonly bytes: Uint8Array;
  readonly signed: boolean;
  readonly sender: { readonly address: string; readonly cert: CertLabel };
  readonly recipients: readonly { readonly address: string; readonly cert: CertLabel }[];
}

const CRLF = "\r\n";

function mimeUnreadable(en: string, da: string): SmimeError {
  return new SmimeError("MIME_UNREADABLE", `Mailen kan ikke læses som MIME: ${da}.`, `The mail cannot be read as MIME: ${en}.`);
}

function flatten(list: readonly ({ address?: string; group?: readonly { address?: string }[] } | undefined)[] | undefined): string[] {
  const out: string[] = [];
  for (const a of list ?? []) {
    if (a === undefined) continue;
    if (a.group !== undefined) for (const m of a.group) if (m.address) out.push(m.address);
    if (a.address) out.push(a.address);
  }
  return out;
}

export interface MessageAddresses {
  readonly from: string | undefined;
  /** To, Cc and Bcc, each address once (first spelling kept). */
  readonly recipients: readonly string[];
}

/** From and To/Cc/Bcc of the header block (postal-mime reads only the headers). */
export async function readAddresses(entity: MimeEntity): Promise<MessageAddresses> {
  const headers = entity.fields.map((f) => f.raw).join(CRLF) + CRLF + CRLF;
  let parsed: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    parsed = await PostalMime.parse(binaryToBytes(headers));
  } catch (e) {
    throw mimeUnreadable(`headers (${e instanceof Error ? e.message : String(e)})`, `hovedfelterne (${e instanceof Error ? e.message : String(e)})`);
  }
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const a of [...flatten(parsed.to), ...flatten(parsed.cc), ...flatten(parsed.bcc)]) {
    const key = a.trim().toLowerCase();
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    recipients.push(a.trim());
  }
  const from = flatten(parsed.from ? [parsed.from] : [])[0];
  return { from, recipients };
}

/** The body entity: the top-level Content-* fields and the body, canonical CRLF. */
function bodyEntity(entity: MimeEntity): Uint8Array {
  const content = entity.fields.filter((f) => /^content-/i.test(f.name)).map((f) => f.raw);
  if (!content.some((f) => /^content-type\s*:/i.test(f))) {
    const eightBit = entity.body.some((b) => b > 0x7f);
    content.unshift(`Content-Type: text/plain; charset=${eightBit ? "utf-8" : "us-ascii"}`);
    if (eightBit && !content.some((f) => /^content-transfer-encoding\s*:/i.test(f))) content.push("Content-Transfer-Encoding: 8bit");
  }
  return concatBytes(binaryToBytes(content.join(CRLF) + CRLF + CRLF), canonicalizeCrlf(entity.body));
}

function randomBoundary(engine: pkijs.CryptoEngine, avoid: string): string {
  for (;;) {
    const b = `----=_SikkerPost_${toHex(engine.getRandomValues(new Uint8Array(16)))}`;
    if (!avoid.includes(b)) return b;
  }
}

function multipartSigned(content: Uint8Array, signatureDer: Uint8Array, boundary: string): Uint8Array {
  const head =
    `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;${CRLF} boundary="${boundary}"${CRLF}` +
    CRLF +
    `This is an S/MIME signed message${CRLF}` +
    CRLF +
    `--${boundary}${CRLF}`;
  const tail =
    `${CRLF}--${boundary}${CRLF}` +
    `Content-Type: application/pkcs7-signature; name=smime.p7s${CRLF}` +
    `Content-Transfer-Encoding: base64${CRLF}` +
    `Content-Disposition: attachment; filename=smime.p7s${CRLF}` +
    CRLF +
    toBase64(signatureDer, 76) +
    CRLF +
    `${CRLF}--${boundary}--${CRLF}`;
  return concatBytes(binaryToBytes(head), content, binaryToBytes(tail));
}

function outerMessage(entity: MimeEntity, envelopedDer: Uint8Array): Uint8Array {
  const kept = entity.fields.filter((f) => !/^(content-.*|mime-version|bcc)$/i.test(f.name)).map((f) => f.raw);
  const head = [
    ...kept,
    "MIME-Version: 1.0",
    "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m",
    "Content-Transfer-Encoding: base64",
    "Content-Disposition: attachment; filename=smime.p7m",
  ].join(CRLF);
  return binaryToBytes(head + CRLF + CRLF + toBase64(envelopedDer, 76) + CRLF);
}

function roundtripFailed(en: string, da: string): SmimeError {
  return new SmimeError("ROUNDTRIP_FAILED", `Den færdige besked kunne ikke læses tilbage (${da}); den sendes ikke.`, `The finished message could not be read back (${en}); it is not sent.`);
}

export async function buildSmime(options: BuildSmimeOptions): Promise<BuiltSmime> {
  const engine = makeEngine(options.crypto);
  const now = options.now ?? new Date();
  const entity = parseEntity(options.message);
  if (entity === undefined) throw mimeUnreadable("no header block", "ingen hovedfelter");
  const { from, recipients } = await readAddresses(entity);
  if (recipients.length === 0) throw new SmimeError("NO_RECIPIENTS", "Mailen har ingen modtagere (To/Cc/Bcc).", "The mail has no recipients (To/Cc/Bcc).");
  if (from === undefined) throw new SmimeError("NO_SENDER", "Mailen har ingen afsender (From).", "The mail has no sender (From).");

  const senderCert = options.sender.mode === "sign" ? options.sender.key.cert : options.sender.cert;
  const senderChain = options.sender.mode === "sign" ? options.sender.key.chain.filter(isCaCertificate) : [];
  const intermediates = [...senderChain, ...options.recipientCerts.filter(isCaCertificate)];
  await checkCertificate(senderCert, { trustAnchors: options.trustAnchors, intermediates, now, engine, usage: options.sender.mode === "sign" ? "sign-and-encrypt" : "encrypt", address: from });
  const selected = await selectRecipientCertificates(recipients, options.recipientCerts, { trustAnchors: options.trustAnchors, intermediates, now, engine });

  const inner = bodyEntity(entity);
  let content = inner;
  if (options.sender.mode === "sign") {
    const signature = await signDetached(inner, { signerCert: senderCert, extraCerts: senderChain, pkcs8: "signKey" in options.sender.key ? options.sender.key.signKey : options.sender.key.pkcs8, now, engine });
    content = multipartSigned(inner, signature, randomBoundary(engine, bytesToBinary(inner)));
  }
  if (options.tamperAfterSigning) content = options.tamperAfterSigning(content);

  const targets: pkijs.Certificate[] = [];
  for (const c of [...selected.map((s) => s.cert), senderCert]) if (!targets.some((t) => sameCertificate(t, c))) targets.push(c);
  const envelopedDer = await envelope(content, targets, engine);
  const bytes = outerMessage(entity, envelopedDer);

  await checkRoundTrip(bytes, { targets, content, inner, options, engine, now });
  return {
    bytes,
    signed: options.sender.mode === "sign",
    sender: { address: from, cert: certLabel(senderCert) },
    recipients: selected.map((s) => ({ address: s.address, cert: certLabel(s.cert) })),
  };
}

async function checkRoundTrip(
  bytes: Uint8Array,
  ctx: { targets: readonly pkijs.Certificate[]; content: Uint8Array; inner: Uint8Array; options: BuildSmimeOptions; engine: pkijs.CryptoEngine; now: Date },
): Promise<void> {
  let der: Uint8Array;
  try {
    der = envelopeOf(bytes);
    const info = readEnvelope(der);
    if (info.contentAlgorithm !== OID.aes256Cbc) throw new CmsError(`content algorithm ${info.contentAlgorithm}`);
    if (info.recipients.length !== ctx.targets.length) throw new CmsError("recipient count");
    for (const r of info.recipients) {
      if (r.keyAlgorithm !== OID.rsaesOaep || r.oaepHash !== OID.sha256) throw new CmsError("key transport is not RSA-OAEP with SHA-256");
      if (!ctx.targets.some((t) => t.issuer.isEqual(r.issuer) && t.serialNumber.isEqual(r.serial))) throw new CmsError("unexpected recipient");
    }
  } catch (e) {
    if (e instanceof SmimeError && e.code === "ROUNDTRIP_FAILED") throw e;
    const m = e instanceof Error ? e.message : String(e);
    throw roundtripFailed(m, m);
  }
  const sender = ctx.options.sender;
  if (sender.mode !== "sign") return;
  let opened: OpenedSmime;
  try {
    opened = await openSmime(bytes, { cert: sender.key.cert, pkcs8: "decryptKey" in sender.key ? sender.key.decryptKey : sender.key.pkcs8, trustAnchors: ctx.options.trustAnchors, crypto: ctx.options.crypto, now: ctx.now });
  } catch (e) {
    const m = e instanceof SmimeError ? `${e.code}: ${e.en}` : e instanceof Error ? e.message : String(e);
    const d = e instanceof SmimeError ? `${e.code}: ${e.da}` : m;
    throw roundtripFailed(m, d);
  }
  if (!bytesEqual(opened.content, ctx.content)) throw roundtripFailed("the decrypted content differs", "det dekrypterede indhold afviger");
  if (opened.signature === undefined) throw roundtripFailed("no signature found", "ingen signatur fundet");
  if (!bytesEqual(opened.signature.signedEntity, ctx.inner)) throw roundtripFailed("the signed part differs from the original", "den signerede del afviger fra originalen");
  if (!sameCertificate(opened.signature.signerCert, sender.key.cert)) throw roundtripFailed("signed by another certificate", "signeret med et andet certifikat");
}

function smimeUnreadable(en: string, da: string): SmimeError {
  return new SmimeError("SMIME_UNREADABLE", `Beskeden er ikke en læselig S/MIME-besked: ${da}.`, `The message is not readable S/MIME: ${en}.`);
}

/** The EnvelopedData DER of an application/pkcs7-mime message. */
export function envelopeOf(message: Uint8Array): Uint8Array {
  const entity = parseEntity(message);
  if (entity === undefined) throw smimeUnreadable("no header block", "ingen hovedfelter");
  const type = parseContentType(fieldValue(entity, "content-type"));
  if (type.type !== "application/pkcs7-mime" && type.type !== "application/x-pkcs7-mime") throw smimeUnreadable(`content type ${type.type}`, `indholdstypen ${type.type}`);
  const cte = (fieldValue(entity, "content-transfer-encoding") ?? "7bit").toLowerCase();
  const der = cte === "base64" ? fromBase64(bytesToBinary(entity.body)) : cte === "binary" ? entity.body : undefined;
  if (der === undefined || der.length === 0) throw smimeUnreadable(`transfer encoding ${cte}`, `overførselskodningen ${cte}`);
  return der;
}

export interface OpenSmimeOptions {
  /** The reader's certificate and PKCS#8 private key. */
  readonly cert: pkijs.Certificate;
  readonly pkcs8: PrivateKeySource;
  readonly trustAnchors: readonly pkijs.Certificate[];
  readonly crypto: WebCrypto;
  readonly now?: Date;
}

export interface OpenedSmime {
  /** The decrypted MIME entity. */
  readonly content: Uint8Array;
  /** Present when the content was multipart/signed and its signature verified. */
  readonly signature?: { readonly signerCert: pkijs.Certificate; readonly signedEntity: Uint8Array; readonly signingTime?: Date };
}

/** Decrypts an enveloped S/MIME message and, if its content is multipart/signed, verifies it. */
export async function openSmime(message: Uint8Array, options: OpenSmimeOptions): Promise<OpenedSmime> {
  const engine = makeEngine(options.crypto);
  const der = envelopeOf(message);
  let content: Uint8Array | "not-a-recipient";
  try {
    content = await openEnvelope(der, options.cert, options.pkcs8, engine);
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    throw new SmimeError("DECRYPT_FAILED", `Beskeden kunne ikke dekrypteres (${m}).`, `The message could not be decrypted (${m}).`, certLabel(options.cert));
  }
  if (content === "not-a-recipient") {
    const label = certLabel(options.cert);
    throw new SmimeError("NOT_A_RECIPIENT", `Beskeden er ikke krypteret til certifikatet "${label.commonName}" (serienummer ${label.serial}).`, `The message is not encrypted to the certificate "${label.commonName}" (serial ${label.serial}).`, label);
  }
  const signature = await verifyIfSigned(content, options, engine);
  return signature === undefined ? { content } : { content, signature };
}

/** Verifies a multipart/signed entity; undefined if the entity is not multipart/signed. */
export async function verifyIfSigned(content: Uint8Array, options: Pick<OpenSmimeOptions, "trustAnchors" | "now">, engine: pkijs.CryptoEngine): Promise<OpenedSmime["signature"]> {
  const entity = parseEntity(content);
  if (entity === undefined) return undefined;
  const type = parseContentType(fieldValue(entity, "content-type"));
  if (type.type !== "multipart/signed") return undefined;
  const invalid = (en: string): SmimeError => new SmimeError("SIGNATURE_INVALID", `Signaturen er ikke gyldig: ${en}.`, `The signature is not valid: ${en}.`);
  const boundary = type.params.get("boundary");
  if (boundary === undefined) throw invalid("multipart/signed without boundary");
  const parts = splitMultipartSigned(entity.body, boundary);
  if (parts === undefined) throw invalid("multipart/signed without its two parts");
  const sigType = parseContentType(fieldValue(parts.signature, "content-type")).type;
  if (sigType !== "application/pkcs7-signature" && sigType !== "application/x-pkcs7-signature") throw invalid(`signature part of type ${sigType}`);
  const sigCte = (fieldValue(parts.signature, "content-transfer-encoding") ?? "").toLowerCase();
  const sigDer = sigCte === "base64" ? fromBase64(bytesToBinary(parts.signature.body)) : parts.signature.body;
  if (sigDer === undefined) throw invalid("signature part is not base64");
  try {
    const r = await verifyDetached(sigDer, parts.content, options.trustAnchors, options.now ?? new Date(), engine);
    return { signerCert: r.signerCert, signedEntity: parts.content, ...(r.signingTime !== undefined ? { signingTime: r.signingTime } : {}) };
  } catch (e) {
    throw invalid(e instanceof Error ? e.message : String(e));
  }
}
