/**
 * Typed refusals of the S/MIME builder. Each carries a code (for programs), the certificate it
 * concerns (subject CN and serial, where there is one) and a message in Danish and English.
 */

export type SmimeErrorCode =
  | "CERT_UNTRUSTED"
  | "CERT_EXPIRED"
  | "CERT_NOT_YET_VALID"
  | "CERT_NO_KEY_ENCIPHERMENT"
  | "CERT_NO_DIGITAL_SIGNATURE"
  | "CERT_NO_EMAIL_PROTECTION"
  | "CERT_ADDRESS_MISMATCH"
  | "CERT_MISSING"
  | "CERT_UNREADABLE"
  | "KEY_CERT_MISMATCH"
  | "P12_LEGACY"
  | "P12_BAD_PASSWORD"
  | "P12_UNREADABLE"
  | "NO_RECIPIENTS"
  | "NO_SENDER"
  | "ROUNDTRIP_FAILED"
  | "MIME_UNREADABLE"
  | "SMIME_UNREADABLE"
  | "NOT_A_RECIPIENT"
  | "DECRYPT_FAILED"
  | "SIGNATURE_INVALID";

/** A certificate as people know it: its subject's common name and its serial number (hex). */
export interface CertLabel {
  readonly commonName: string;
  readonly serial: string;
}

export function describeCert(label: CertLabel): string {
  return `"${label.commonName}" (serienummer ${label.serial})`;
}

function describeCertEn(label: CertLabel): string {
  return `"${label.commonName}" (serial ${label.serial})`;
}

export class SmimeError extends Error {
  override readonly name = "SmimeError";
  constructor(
    readonly code: SmimeErrorCode,
    readonly da: string,
    readonly en: string,
    readonly cert?: CertLabel,
    readonly address?: string,
  ) {
    super(`${code}: ${en}`);
  }
}

/** Builds the refusal for a certificate-related code, with its two messages. */
export function certError(code: SmimeErrorCode, cert: CertLabel, detail: { address?: string; date?: Date; reason?: string } = {}): SmimeError {
  const da = describeCert(cert);
  const en = describeCertEn(cert);
  const when = detail.date !== undefined ? detail.date.toISOString().slice(0, 10) : "";
  const addr = detail.address ?? "";
  switch (code) {
    case "CERT_UNTRUSTED":
      return new SmimeError(code, `Certifikatet ${da} kan ikke føres tilbage til et betroet rodcertifikat${detail.reason ? ` (${detail.reason})` : ""}.`, `The certificate ${en} does not chain to a trusted root${detail.reason ? ` (${detail.reason})` : ""}.`, cert, addr || undefined);
    case "CERT_EXPIRED":
      return new SmimeError(code, `Certifikatet ${da} udløb ${when}.`, `The certificate ${en} expired on ${when}.`, cert, addr || undefined);
    case "CERT_NOT_YET_VALID":
      return new SmimeError(code, `Certifikatet ${da} er først gyldigt fra ${when}.`, `The certificate ${en} is not valid until ${when}.`, cert, addr || undefined);
    case "CERT_NO_KEY_ENCIPHERMENT":
      return new SmimeError(code, `Certifikatet ${da} må ikke bruges til kryptering (keyUsage uden keyEncipherment).`, `The certificate ${en} may not be used for encryption (keyUsage lacks keyEncipherment).`, cert, addr || undefined);
    case "CERT_NO_DIGITAL_SIGNATURE":
      return new SmimeError(code, `Certifikatet ${da} må ikke bruges til signering (keyUsage uden digitalSignature).`, `The certificate ${en} may not be used for signing (keyUsage lacks digitalSignature).`, cert, addr || undefined);
    case "CERT_NO_EMAIL_PROTECTION":
      return new SmimeError(code, `Certifikatet ${da} er ikke udstedt til e-mail (extendedKeyUsage uden emailProtection).`, `The certificate ${en} is not issued for e-mail (extendedKeyUsage lacks emailProtection).`, cert, addr || undefined);
    case "CERT_ADDRESS_MISMATCH":
      return new SmimeError(code, `Certifikatet ${da} gælder ikke for adressen ${addr}.`, `The certificate ${en} is not for the address ${addr}.`, cert, addr || undefined);
    case "KEY_CERT_MISMATCH":
      return new SmimeError(code, `Den private nøgle passer ikke til certifikatet ${da}.`, `The private key does not match the certificate ${en}.`, cert);
    default:
      return new SmimeError(code, `Certifikatet ${da} afvises (${code}).`, `The certificate ${en} is refused (${code}).`, cert, addr || undefined);
  }
}

export function missingCertError(address: string): SmimeError {
  return new SmimeError("CERT_MISSING", `Der er intet certifikat for modtageren ${address}; mailen kan ikke krypteres til vedkommende.`, `There is no certificate for the recipient ${address}; the mail cannot be encrypted to them.`, undefined, address);
}

export const LEGACY_P12_HELP_DA =
  "PKCS#12-filen er krypteret med forældede algoritmer (RC2/3DES), som browserens WebCrypto ikke kan læse. Eksportér den igen med AES: `openssl pkcs12 -export -in cert.pem -inkey key.pem -out ny.p12` (uden -legacy), eller fra Windows' certifikathåndtering (certmgr) med krypteringen AES256-SHA256.";
export const LEGACY_P12_HELP_EN =
  "The PKCS#12 file is encrypted with legacy algorithms (RC2/3DES) that the browser's WebCrypto cannot read. Export it again with AES: `openssl pkcs12 -export -in cert.pem -inkey key.pem -out new.p12` (without -legacy), or from Windows certificate manager (certmgr) with the AES256-SHA256 encryption.";
