/**
 * The sender's key and certificate from PKCS#12. pkijs decrypts PBES2 only (PBKDF2 with
 * HMAC-SHA-1/256/384/512 and AES-CBC), which is what current `openssl pkcs12 -export` and
 * Windows' AES256-SHA256 export write. The legacy PKCS#12 PBE schemes (RC2-40 for the
 * certificates, 3DES for the key: `-legacy`, old Windows exports) are refused with how to
 * re-export: WebCrypto has neither cipher.
 */
import * as pkijs from "pkijs";
import { toArrayBuffer, utf8Encode } from "./bytes";
import { certLabel, isCaCertificate } from "./certs";
import type { KeyHandle } from "./cms";
import { LEGACY_P12_HELP_DA, LEGACY_P12_HELP_EN, SmimeError } from "./errors";

const OID_PBES2 = "1.2.840.113549.1.5.13";
/** pkcs-12PbeIds: pbeWithSHAAnd128BitRC4 … pbewithSHAAnd40BitRC2-CBC. */
const OID_PKCS12_PBE_PREFIX = "1.2.840.113549.1.12.1.";
/** PKCS#5 v1.5 PBES1 (pbeWithMD5AndDES-CBC etc.). */
const OID_PBES1_PREFIX = "1.2.840.113549.1.5.";
const BAG_KEY = "1.2.840.113549.1.12.10.1.1";
const BAG_SHROUDED_KEY = "1.2.840.113549.1.12.10.1.2";
const BAG_CERT = "1.2.840.113549.1.12.10.1.3";
const ID_ENCRYPTED_DATA = "1.2.840.113549.1.7.6";

/** RSASSA-PKCS1-v1_5 with SHA-256 (a variable: WebCrypto typings take it as a plain Algorithm). */
const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

export interface SenderKey {
  readonly cert: pkijs.Certificate;
  /** Other certificates in the file (CA certificates of the chain). */
  readonly chain: readonly pkijs.Certificate[];
  /** The private key as PKCS#8 DER. */
  readonly pkcs8: ArrayBuffer;
}

/**
 * The sender's key as the pane keeps it: two non-extractable WebCrypto keys made from the
 * PKCS#8 once, at import (one to sign, one to decrypt the sender's copy in the self-check).
 * The PKCS#8 itself is not kept.
 */
export interface HeldSenderKey {
  readonly cert: pkijs.Certificate;
  readonly chain: readonly pkijs.Certificate[];
  readonly signKey: KeyHandle;
  readonly decryptKey: KeyHandle;
}

export const RSA_OAEP_SHA256 = { name: "RSA-OAEP", hash: "SHA-256" };

/** Imports the PKCS#8 as two non-extractable keys; nothing of the key can be exported from them. */
export async function holdSenderKey(key: SenderKey, engine: pkijs.CryptoEngine): Promise<HeldSenderKey> {
  try {
    const [signKey, decryptKey] = await Promise.all([
      engine.importKey("pkcs8", key.pkcs8, RSA_SHA256, false, ["sign"]),
      engine.importKey("pkcs8", key.pkcs8, RSA_OAEP_SHA256, false, ["decrypt"]),
    ]);
    return { cert: key.cert, chain: key.chain, signKey, decryptKey };
  } catch (e) {
    throw unreadable(`the key cannot be used (${message(e)})`);
  }
}

function unreadable(detail: string): SmimeError {
  return new SmimeError("P12_UNREADABLE", `PKCS#12-filen kan ikke læses: ${detail}.`, `The PKCS#12 file cannot be read: ${detail}.`);
}

function legacy(algorithm: string): SmimeError {
  return new SmimeError("P12_LEGACY", `${LEGACY_P12_HELP_DA} (Algoritme: ${algorithm}.)`, `${LEGACY_P12_HELP_EN} (Algorithm: ${algorithm}.)`);
}

function isLegacyAlgorithm(oid: string): boolean {
  return oid !== OID_PBES2 && (oid.startsWith(OID_PKCS12_PBE_PREFIX) || oid.startsWith(OID_PBES1_PREFIX));
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function readPkcs12(bytes: Uint8Array, password: string, engine: pkijs.CryptoEngine): Promise<SenderKey> {
  const pw = toArrayBuffer(utf8Encode(password));
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes));
    // First without the MAC: a legacy file is named as such whatever the password.
    await pfx.parseInternalValues({ password: pw, checkIntegrity: false }, engine);
  } catch (e) {
    throw unreadable(message(e));
  }
  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (authSafe === undefined) throw unreadable("no authenticated safe");
  for (const content of authSafe.safeContents) {
    if (content.contentType === ID_ENCRYPTED_DATA) {
      const oid = new pkijs.EncryptedData({ schema: content.content }).encryptedContentInfo.contentEncryptionAlgorithm.algorithmId;
      if (isLegacyAlgorithm(oid)) throw legacy(oid);
    }
  }
  try {
    await pfx.parseInternalValues({ password: pw, checkIntegrity: true }, engine);
  } catch (e) {
    if (/integrity/i.test(message(e))) throw new SmimeError("P12_BAD_PASSWORD", "Forkert adgangskode til PKCS#12-filen (integritetskontrollen fejlede).", "Wrong password for the PKCS#12 file (the integrity check failed).");
    throw unreadable(message(e));
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (safe === undefined) throw unreadable("no authenticated safe");
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pw })) }, engine);
  } catch (e) {
    throw unreadable(message(e));
  }
  const certs: pkijs.Certificate[] = [];
  let pkcs8: ArrayBuffer | undefined;
  // pkijs types AuthenticatedSafe.parsedValue as any; this is its shape after parseInternalValues.
  const parsed = safe.parsedValue as { safeContents?: { value: pkijs.SafeContents }[] } | undefined;
  for (const sc of parsed?.safeContents ?? []) {
    for (const bag of sc.value.safeBags) {
      if (bag.bagId === BAG_SHROUDED_KEY) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        const oid = shrouded.encryptionAlgorithm.algorithmId;
        if (isLegacyAlgorithm(oid)) throw legacy(oid);
        try {
          // parseInternalValues is protected in pkijs's typings but is its documented way to decrypt the bag.
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.CryptoEngine): Promise<void> }).parseInternalValues({ password: pw }, engine);
        } catch (e) {
          throw unreadable(message(e));
        }
        const info = shrouded.parsedValue;
        if (info !== undefined && pkcs8 === undefined) pkcs8 = info.toSchema().toBER(false);
      } else if (bag.bagId === BAG_KEY) {
        if (pkcs8 === undefined) pkcs8 = (bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false);
      } else if (bag.bagId === BAG_CERT) {
        const parsed = (bag.bagValue as pkijs.CertBag).parsedValue as unknown;
        if (parsed instanceof pkijs.Certificate) certs.push(parsed);
      }
    }
  }
  if (pkcs8 === undefined) throw unreadable("no private key");
  const own = await findOwnCertificate(certs, pkcs8, engine);
  if (own === undefined) throw unreadable("no certificate matches the private key");
  return { cert: own, chain: certs.filter((c) => c !== own), pkcs8 };
}

/** The certificate whose public key is the private key's (compared on the RSA modulus). */
async function findOwnCertificate(certs: readonly pkijs.Certificate[], pkcs8: ArrayBuffer, engine: pkijs.CryptoEngine): Promise<pkijs.Certificate | undefined> {
  const modulus = privateKeyModulus(pkcs8);
  const endEntities = certs.filter((c) => !isCaCertificate(c));
  for (const cert of [...endEntities, ...certs]) {
    if (modulus !== undefined && certModulus(cert) === modulus) return cert;
  }
  if (modulus !== undefined) return undefined;
  // Not an RSA key pkijs can read: WebCrypto must at least take it, or nothing can sign with it.
  try {
    await engine.importKey("pkcs8", pkcs8, RSA_SHA256, false, ["sign"]);
  } catch {
    return undefined;
  }
  return endEntities[0];
}

/**
 * The RSA modulus of a PKCS#8 private key (as JWK "n"), read from its ASN.1 with pkijs: the key
 * is never imported as extractable key material to find it.
 */
export function privateKeyModulus(pkcs8: ArrayBuffer): string | undefined {
  try {
    const rsa = pkijs.PrivateKeyInfo.fromBER(pkcs8).parsedKey;
    return rsa instanceof pkijs.RSAPrivateKey ? modulusText(rsa.modulus.valueBlock.valueHexView) : undefined;
  } catch {
    return undefined;
  }
}

/** The certificate's RSA modulus as base64url without leading zero bytes (as JWK "n"). */
export function certModulus(cert: pkijs.Certificate): string | undefined {
  const rsa = cert.subjectPublicKeyInfo.parsedKey;
  return rsa instanceof pkijs.RSAPublicKey ? modulusText(rsa.modulus.valueBlock.valueHexView) : undefined;
}

/** A modulus's big-endian bytes as base64url without leading zero bytes. */
function modulusText(modulus: Uint8Array): string {
  let bytes = modulus;
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  return base64url(bytes);
}

function base64url(bytes: Uint8Array): string {
  const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += A.charAt(n >> 18) + A.charAt((n >> 12) & 63) + A.charAt((n >> 6) & 63) + A.charAt(n & 63);
  }
  if (bytes.length - i === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += A.charAt(n >> 18) + A.charAt((n >> 12) & 63);
  } else if (bytes.length - i === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += A.charAt(n >> 18) + A.charAt((n >> 12) & 63) + A.charAt((n >> 6) & 63);
  }
  return out;
}

export { certLabel };
