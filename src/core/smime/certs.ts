/**
 * Certificates: reading (PEM or DER), naming (subject CN and serial), and the checks a
 * recipient's (or the sender's) certificate must pass before anything is encrypted to it.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { bytesToBinary, fromBase64, toArrayBuffer, toHex } from "./bytes";
import { certError, missingCertError, SmimeError, type CertLabel } from "./errors";

const OID_CN = "2.5.4.3";
const OID_EMAIL_ADDRESS = "1.2.840.113549.1.9.1";
const OID_SAN = "2.5.29.17";
const OID_KEY_USAGE = "2.5.29.15";
const OID_EXT_KEY_USAGE = "2.5.29.37";
const OID_BASIC_CONSTRAINTS = "2.5.29.19";
const OID_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
const OID_ANY_EKU = "2.5.29.37.0";

/** Reads one or more certificates from PEM ("-----BEGIN CERTIFICATE-----" blocks) or one DER. */
export function parseCertificates(bytes: Uint8Array, source = "certifikat"): pkijs.Certificate[] {
  const text = bytesToBinary(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
  const blocks = [...bytesToBinary(bytes).matchAll(/-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g)];
  const ders: Uint8Array[] = [];
  if (blocks.length > 0) {
    for (const b of blocks) {
      const der = fromBase64(b[1] ?? "");
      if (der === undefined) throw unreadable(source, "ugyldig base64 i PEM", "bad base64 in PEM");
      ders.push(der);
    }
  } else if (text.includes("-----BEGIN")) {
    throw unreadable(source, "PEM-filen indeholder intet certifikat", "the PEM file holds no certificate");
  } else ders.push(bytes);
  return ders.map((der) => {
    try {
      return pkijs.Certificate.fromBER(toArrayBuffer(der));
    } catch (e) {
      throw unreadable(source, `ikke et X.509-certifikat (${e instanceof Error ? e.message : String(e)})`, `not an X.509 certificate (${e instanceof Error ? e.message : String(e)})`);
    }
  });
}

function unreadable(source: string, da: string, en: string): SmimeError {
  return new SmimeError("CERT_UNREADABLE", `Kan ikke læse ${source}: ${da}.`, `Cannot read ${source}: ${en}.`);
}

function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === "string" ? block.value : "";
}

export function certLabel(cert: pkijs.Certificate): CertLabel {
  const cn = cert.subject.typesAndValues.find((t) => t.type === OID_CN);
  const email = cert.subject.typesAndValues.find((t) => t.type === OID_EMAIL_ADDRESS);
  const commonName = (cn ? attributeText(cn.value) : "") || (email ? attributeText(email.value) : "") || "(uden navn)";
  return { commonName, serial: toHex(cert.serialNumber.valueBlock.valueHexView) };
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/** The addresses the certificate is for: subjectAltName rfc822Name and the subject's emailAddress. */
export function certAddresses(cert: pkijs.Certificate): string[] {
  const out: string[] = [];
  const san = extension(cert, OID_SAN)?.parsedValue as pkijs.AltName | undefined;
  for (const name of san?.altNames ?? []) if (name.type === 1 && typeof name.value === "string") out.push(name.value);
  for (const t of cert.subject.typesAndValues) if (t.type === OID_EMAIL_ADDRESS) out.push(attributeText(t.value));
  return out.filter((a) => a !== "");
}

export function certHasAddress(cert: pkijs.Certificate, address: string): boolean {
  const want = address.trim().toLowerCase();
  return certAddresses(cert).some((a) => a.trim().toLowerCase() === want);
}

export function isCaCertificate(cert: pkijs.Certificate): boolean {
  const bc = extension(cert, OID_BASIC_CONSTRAINTS)?.parsedValue as pkijs.BasicConstraints | undefined;
  return bc?.cA === true;
}

/** keyUsage bit (0 digitalSignature, 2 keyEncipherment); true when the extension is absent. */
function keyUsageAllows(cert: pkijs.Certificate, bit: number): boolean {
  const ku = extension(cert, OID_KEY_USAGE)?.parsedValue as asn1js.BitString | undefined;
  if (ku === undefined) return true;
  const bytes = ku.valueBlock.valueHexView;
  const byte = bytes[bit >> 3] ?? 0;
  return (byte & (0x80 >> (bit & 7))) !== 0;
}

function ekuAllowsEmail(cert: pkijs.Certificate): boolean {
  const eku = extension(cert, OID_EXT_KEY_USAGE)?.parsedValue as pkijs.ExtKeyUsage | undefined;
  if (eku === undefined) return true;
  return eku.keyPurposes.includes(OID_EMAIL_PROTECTION) || eku.keyPurposes.includes(OID_ANY_EKU);
}

export interface CertCheckOptions {
  readonly trustAnchors: readonly pkijs.Certificate[];
  /** Intermediate CA certificates that may complete a chain (not trusted by themselves). */
  readonly intermediates?: readonly pkijs.Certificate[];
  readonly now: Date;
  readonly engine: pkijs.CryptoEngine;
  /** "encrypt": keyEncipherment; "sign": digitalSignature too (the sender's own certificate). */
  readonly usage: "encrypt" | "sign-and-encrypt";
  readonly address?: string;
}

/** Throws the first refusal for the certificate: dates, chain, keyUsage, extendedKeyUsage, address. */
export async function checkCertificate(cert: pkijs.Certificate, options: CertCheckOptions): Promise<void> {
  const label = certLabel(cert);
  const address = options.address;
  const ctx = address !== undefined ? { address } : {};
  if (options.now.getTime() < cert.notBefore.value.getTime()) throw certError("CERT_NOT_YET_VALID", label, { ...ctx, date: cert.notBefore.value });
  if (options.now.getTime() > cert.notAfter.value.getTime()) throw certError("CERT_EXPIRED", label, { ...ctx, date: cert.notAfter.value });
  const chain = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [...options.trustAnchors],
    certs: [...(options.intermediates ?? []), cert],
    checkDate: options.now,
  });
  let verified: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    verified = await chain.verify({}, options.engine);
  } catch (e) {
    verified = { result: false, resultCode: -1, resultMessage: e instanceof Error ? e.message : String(e) };
  }
  if (!verified.result) throw certError("CERT_UNTRUSTED", label, { ...ctx, reason: verified.resultMessage });
  if (!keyUsageAllows(cert, 2)) throw certError("CERT_NO_KEY_ENCIPHERMENT", label, ctx);
  if (options.usage === "sign-and-encrypt" && !keyUsageAllows(cert, 0)) throw certError("CERT_NO_DIGITAL_SIGNATURE", label, ctx);
  if (!ekuAllowsEmail(cert)) throw certError("CERT_NO_EMAIL_PROTECTION", label, ctx);
  if (address !== undefined && !certHasAddress(cert, address)) throw certError("CERT_ADDRESS_MISMATCH", label, { address });
}

export interface RecipientSelection {
  readonly address: string;
  readonly cert: pkijs.Certificate;
}

/**
 * One valid certificate for each address. Candidates are the certificates that hold the
 * address; the first that passes every check is used. An address with candidates that all fail
 * is refused with the first candidate's reason; an address with none is CERT_ADDRESS_MISMATCH
 * when a given certificate holds no recipient address at all (the certificate was meant for
 * someone, but not at this address), CERT_MISSING otherwise.
 */
export async function selectRecipientCertificates(addresses: readonly string[], certs: readonly pkijs.Certificate[], options: Omit<CertCheckOptions, "usage" | "address">): Promise<RecipientSelection[]> {
  const endEntities = certs.filter((c) => !isCaCertificate(c));
  const intermediates = [...(options.intermediates ?? []), ...certs.filter(isCaCertificate)];
  const unmatched = endEntities.filter((c) => !addresses.some((a) => certHasAddress(c, a)));
  const out: RecipientSelection[] = [];
  for (const address of addresses) {
    const candidates = endEntities.filter((c) => certHasAddress(c, address));
    if (candidates.length === 0) {
      const stray = unmatched[0];
      if (stray !== undefined) throw certError("CERT_ADDRESS_MISMATCH", certLabel(stray), { address });
      throw missingCertError(address);
    }
    let firstError: unknown;
    let chosen: pkijs.Certificate | undefined;
    for (const cert of candidates) {
      try {
        await checkCertificate(cert, { ...options, intermediates, usage: "encrypt", address });
        chosen = cert;
        break;
      } catch (e) {
        firstError ??= e;
      }
    }
    if (chosen === undefined) throw firstError;
    out.push({ address, cert: chosen });
  }
  return out;
}

export function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return a.issuer.isEqual(b.issuer) && a.serialNumber.isEqual(b.serialNumber);
}
