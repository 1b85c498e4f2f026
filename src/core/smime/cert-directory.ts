/**
 * The organisation's certificate directory: a JSON document on the add-in's own origin that an
 * administrator fills from the organisation's sources (OCES3 certificates of partners,
 * colleagues' certificates), `{ "version": 1, "certificates": [ { "address", "pem" } ] }`.
 * Several entries per address are allowed; the checks pick a valid one. The pane adds the
 * certificates the user imported, and every recipient and the sender are checked with the same
 * certificate checks as `sikker-post smime` (certs.ts).
 */
import type * as pkijs from "pkijs";
import { utf8Encode } from "./bytes";
import { certAddresses, certLabel, checkCertificate, isCaCertificate, parseCertificates, selectRecipientCertificates, type CertCheckOptions } from "./certs";
import { SmimeError, type CertLabel } from "./errors";

export interface DirectoryEntry {
  /** The address as the administrator wrote it (compared without case). */
  readonly address: string;
  /** One PEM certificate, optionally followed by its issuing CA certificates. */
  readonly pem: string;
}

export interface CertDirectory {
  readonly entries: readonly DirectoryEntry[];
}

export const EMPTY_DIRECTORY: CertDirectory = { entries: [] };

/** A directory that cannot be used, with the place in it named (as a policy error names its setting). */
export class CertDirectoryError extends Error {
  override readonly name = "CertDirectoryError";
}

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the directory JSON (already parsed). Every entry must be an address and a PEM certificate. */
export function parseCertDirectory(json: unknown): CertDirectory {
  const fail = (path: string, message: string): never => {
    throw new CertDirectoryError(`${path}: ${message}`);
  };
  if (!isObject(json)) return fail("directory", "must be a JSON object");
  for (const key of Object.keys(json)) if (key !== "version" && key !== "certificates" && key !== "$schema") fail(`directory.${key}`, "unknown setting (allowed: version, certificates)");
  if (json.version !== 1) fail("directory.version", "must be 1");
  const list = json.certificates;
  if (!Array.isArray(list)) return fail("directory.certificates", "must be a list");
  const entries = list.map((e: unknown, i): DirectoryEntry => {
    const at = `directory.certificates[${i}]`;
    if (!isObject(e)) return fail(at, 'must be {"address": "name@domain", "pem": "-----BEGIN CERTIFICATE-----…"}');
    const { address, pem } = e;
    if (typeof address !== "string" || !ADDRESS.test(address.trim())) return fail(`${at}.address`, "must be an e-mail address");
    if (typeof pem !== "string" || !pem.includes("-----BEGIN CERTIFICATE-----")) return fail(`${at}.pem`, "must be a PEM certificate");
    try {
      parseCertificates(utf8Encode(pem), address);
    } catch (err) {
      return fail(`${at}.pem`, err instanceof SmimeError ? err.en : "is not a certificate");
    }
    return { address: address.trim(), pem };
  });
  return { entries };
}

/**
 * The directory's URL from the policy's setting: a path is taken on the add-in's origin; a full
 * URL must be https and on that same origin (the pane's Content-Security-Policy allows no other).
 */
export function directoryUrl(setting: string, origin: string): string {
  if (setting.startsWith("/") && !setting.startsWith("//")) return `${origin}${setting}`;
  const m = /^(https:\/\/[^/?#]+)/i.exec(setting);
  if (m === null || (m[1] ?? "").toLowerCase() !== origin.toLowerCase()) throw new CertDirectoryError(`${setting} is not on the add-in's own origin (${origin})`);
  return setting;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Every certificate the directory has for the address (with the CA certificates given beside them). */
export function directoryCertificates(directory: CertDirectory, address: string): pkijs.Certificate[] {
  return directory.entries.filter((e) => same(e.address, address)).flatMap((e) => parseCertificates(utf8Encode(e.pem), e.address));
}

export interface CertificateSources {
  readonly directory: CertDirectory;
  /** Certificates the user imported in the pane (PEM or DER each, chains allowed). */
  readonly imported: readonly Uint8Array[];
}

/** The certificates of both sources that may serve `address`, and every CA certificate (to complete chains). */
export function candidatesFor(sources: CertificateSources, address: string): { readonly certs: pkijs.Certificate[]; readonly intermediates: pkijs.Certificate[] } {
  const imported = sources.imported.flatMap((bytes, i) => {
    try {
      return parseCertificates(bytes, `importeret certifikat ${i + 1}`);
    } catch {
      // An unreadable import was refused when it was imported; it never serves a recipient.
      return [];
    }
  });
  const fromDirectory = directoryCertificates(sources.directory, address);
  const all = [...fromDirectory, ...imported];
  const intermediates = [...all.filter(isCaCertificate), ...sources.directory.entries.filter((e) => !same(e.address, address)).flatMap((e) => parseCertificates(utf8Encode(e.pem), e.address).filter(isCaCertificate))];
  const certs = all.filter((c) => !isCaCertificate(c) && certAddresses(c).some((a) => same(a, address)));
  return { certs, intermediates };
}

export type RecipientCheck =
  | { readonly address: string; readonly ok: true; readonly cert: pkijs.Certificate; readonly label: CertLabel }
  | { readonly address: string; readonly ok: false; readonly error: SmimeError };

/**
 * Checks every address on its own, so the pane can show every refusal at once, each naming the
 * certificate and the reason (SmimeError's messages), not only the first.
 */
export async function checkRecipients(addresses: readonly string[], sources: CertificateSources, options: Omit<CertCheckOptions, "usage" | "address" | "intermediates">): Promise<RecipientCheck[]> {
  const out: RecipientCheck[] = [];
  for (const address of addresses) {
    try {
      const { certs, intermediates } = candidatesFor(sources, address);
      const [chosen] = await selectRecipientCertificates([address], certs, { ...options, intermediates });
      if (chosen === undefined) throw new SmimeError("CERT_MISSING", `Der er intet certifikat for modtageren ${address}.`, `There is no certificate for the recipient ${address}.`, undefined, address);
      out.push({ address, ok: true, cert: chosen.cert, label: certLabel(chosen.cert) });
    } catch (e) {
      out.push({ address, ok: false, error: e instanceof SmimeError ? e : new SmimeError("CERT_UNREADABLE", `Certifikatet for ${address} kan ikke læses.`, `The certificate for ${address} cannot be read.`, undefined, address) });
    }
  }
  return out;
}

/** The sender's own certificate (encrypt-only: from the sources; it encrypts the sender's copy). */
export async function checkSender(cert: pkijs.Certificate, address: string, usage: CertCheckOptions["usage"], intermediates: readonly pkijs.Certificate[], options: Omit<CertCheckOptions, "usage" | "address" | "intermediates">): Promise<void> {
  await checkCertificate(cert, { ...options, usage, address, intermediates });
}
