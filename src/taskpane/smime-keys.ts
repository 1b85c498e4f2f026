/**
 * Importing the user's key in the pane: PKCS#12 read with the core (PBES2/AES only; a legacy file
 * is refused with how to re-export it), turned into two non-extractable WebCrypto keys at once,
 * and kept with the certificates in the SmimeStore. The PKCS#12 bytes, the password and the
 * PKCS#8 are not kept anywhere.
 */
import { certAddresses, certLabel, parseCertificates } from "../core/smime/certs";
import { makeEngine, type WebCrypto } from "../core/smime/cms";
import type { CertLabel } from "../core/smime/errors";
import { holdSenderKey, readPkcs12 } from "../core/smime/p12";
import type { SmimeStore, StoredKey } from "./smime-send";
import * as pkijs from "pkijs";

export interface KeyInfo {
  readonly label: CertLabel;
  /** YYYY-MM-DD */
  readonly validUntil: string;
}

const der = (cert: pkijs.Certificate): Uint8Array => new Uint8Array(cert.toSchema().toBER(false));

/** Reads the PKCS#12 file and stores its key and certificates; throws SmimeError (P12_LEGACY, P12_BAD_PASSWORD …). */
export async function importKeyFile(bytes: Uint8Array, password: string, crypto: WebCrypto, store: SmimeStore): Promise<KeyInfo> {
  const engine = makeEngine(crypto);
  const key = await readPkcs12(bytes, password, engine);
  const held = await holdSenderKey(key, engine);
  const stored: StoredKey = { certDer: der(held.cert), chainDer: held.chain.map(der), signKey: held.signKey, decryptKey: held.decryptKey };
  await store.saveKey(stored);
  return infoOf(held.cert);
}

export function infoOf(cert: pkijs.Certificate): KeyInfo {
  return { label: certLabel(cert), validUntil: cert.notAfter.value.toISOString().slice(0, 10) };
}

/** What the store holds, for the pane's "Din nøgle" line. */
export async function storedKeyInfo(store: SmimeStore): Promise<KeyInfo | null> {
  const key = await store.loadKey();
  return key === null ? null : infoOf(pkijs.Certificate.fromBER(key.certDer.slice().buffer));
}

/** Stores an imported recipient certificate (PEM or DER); returns its label and addresses. Throws SmimeError CERT_UNREADABLE. */
export async function importCertificateFile(bytes: Uint8Array, name: string, store: SmimeStore): Promise<{ readonly label: CertLabel; readonly addresses: readonly string[] }[]> {
  const certs = parseCertificates(bytes, name);
  await store.addCertificate(bytes);
  return certs.map((c) => ({ label: certLabel(c), addresses: certAddresses(c) }));
}
