/**
 * A throw-away test PKI made with the `openssl` command: two CAs (one trusted, one not), users
 * for every certificate check, and the sender's PKCS#12 files (current AES and, where this
 * openssl has the legacy provider, RC2/3DES).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const P12_PASSWORD = "Kodeord-æøå-1";

export function openssl(args: readonly string[], input?: Uint8Array | string): Buffer {
  return execFileSync("openssl", [...args], { input, env: { SAN_EMAIL: "unused@example.invalid", ...process.env }, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** openssl's exit status and stderr, for commands that are expected to fail. */
export function opensslStatus(args: readonly string[], input?: Uint8Array | string): { ok: boolean; stdout: Buffer; stderr: string } {
  try {
    const stdout = openssl(args, input);
    return { ok: true, stdout, stderr: "" };
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    return { ok: false, stdout: err.stdout ?? Buffer.alloc(0), stderr: err.stderr?.toString("utf8") ?? String(e) };
  }
}

export function hasLegacyProvider(): boolean {
  return opensslStatus(["list", "-providers", "-provider", "legacy"]).ok;
}

/** Whether `openssl cms` takes -purpose (OpenSSL prints its help on stderr, exit status 0). */
export function supportsPurposeSmimesign(): boolean {
  const help = spawnSync("openssl", ["cms", "-help"], { encoding: "utf8" });
  return /-purpose\b/.test(`${help.stdout}${help.stderr}`);
}

export interface User {
  readonly name: string;
  readonly email: string;
  readonly cert: string;
  readonly key: string;
}

export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly otherCaCert: string;
  readonly users: Record<UserName, User>;
  /** The sender (alice) as PKCS#12 written by current openssl: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC. */
  readonly aliceP12: string;
  /** The same with `-legacy` (RC2/3DES), or undefined when this openssl has no legacy provider. */
  readonly aliceLegacyP12: string | undefined;
  cleanup(): void;
}

export type UserName = "alice" | "bob" | "carol" | "dave" | "expired" | "future" | "signonly" | "noaddress" | "stranger";

const CA_CONFIG = (dir: string): string => `
[ ca ]
default_ca = local
[ local ]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/newcerts
serial = ${dir}/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
emailAddress = optional
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
[ user ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectAltName = email:\${ENV::SAN_EMAIL}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ user_subject_email ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ signonly ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = emailProtection
subjectAltName = email:\${ENV::SAN_EMAIL}
[ noaddress ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
`;

function makeCa(dir: string, cn: string): { cert: string; key: string; config: string } {
  mkdirSync(join(dir, "newcerts"), { recursive: true });
  writeFileSync(join(dir, "index.txt"), "");
  writeFileSync(join(dir, "serial"), cn.includes("Anden") ? "5A01\n" : "1001\n");
  const config = join(dir, "ca.cnf");
  writeFileSync(config, CA_CONFIG(dir));
  const key = join(dir, "ca.key");
  const cert = join(dir, "ca.pem");
  openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key]);
  openssl(["req", "-new", "-x509", "-config", config, "-extensions", "v3_ca", "-key", key, "-subj", `/CN=${cn}`, "-days", "3650", "-sha256", "-out", cert]);
  return { cert, key, config };
}

interface UserSpec {
  readonly name: UserName;
  readonly cn: string;
  readonly email: string;
  readonly bits: number;
  readonly extensions: string;
  readonly start?: string;
  readonly end?: string;
  readonly untrusted?: boolean;
  /** The address in the subject's emailAddress attribute (besides or instead of subjectAltName). */
  readonly subjectEmail?: boolean;
}

const SPECS: readonly UserSpec[] = [
  { name: "alice", cn: "Alice Afsender", email: "alice@kommune.example.dk", bits: 2048, extensions: "user" },
  { name: "bob", cn: "Bob Borger", email: "bob@example.dk", bits: 2048, extensions: "user" },
  { name: "carol", cn: "Carol Caseworker", email: "Carol@Region.Example.dk", bits: 3072, extensions: "user" },
  { name: "dave", cn: "Dave Datter", email: "dave@example.dk", bits: 3072, extensions: "user_subject_email", subjectEmail: true },
  { name: "expired", cn: "Erik Udløbet", email: "expired@example.dk", bits: 2048, extensions: "user", start: "20200101000000Z", end: "20210101000000Z" },
  { name: "future", cn: "Frida Fremtid", email: "future@example.dk", bits: 2048, extensions: "user", start: "20900101000000Z", end: "20910101000000Z" },
  { name: "signonly", cn: "Sigrid Signatur", email: "signonly@example.dk", bits: 2048, extensions: "signonly" },
  { name: "noaddress", cn: "Niels Uden Adresse", email: "noaddress@example.dk", bits: 2048, extensions: "noaddress" },
  { name: "stranger", cn: "Søren Fremmed", email: "stranger@example.dk", bits: 2048, extensions: "user", untrusted: true },
];

/**
 * The test PKI for one test file: made in a beforeAll, removed in an afterAll. The object it
 * returns is filled when the beforeAll runs, so tests (and later hooks) read it as it is.
 */
export function useTestPki(): TestPki {
  const holder = {} as TestPki;
  beforeAll(() => {
    Object.assign(holder, makeTestPki());
  });
  afterAll(() => {
    holder.cleanup();
  });
  return holder;
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "sikker-post-smime-"));
  const ca = makeCa(join(dir, "ca"), "Sikker Post Test CA");
  const other = makeCa(join(dir, "other-ca"), "Anden Test CA");
  const users = {} as Record<UserName, User>;
  for (const spec of SPECS) {
    const issuer = spec.untrusted === true ? other : ca;
    const key = join(dir, `${spec.name}.key`);
    const csr = join(dir, `${spec.name}.csr`);
    const cert = join(dir, `${spec.name}.pem`);
    openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", `rsa_keygen_bits:${spec.bits}`, "-out", key]);
    const subj = spec.subjectEmail === true ? `/CN=${spec.cn}/emailAddress=${spec.email}` : `/CN=${spec.cn}`;
    openssl(["req", "-new", "-config", issuer.config, "-utf8", "-key", key, "-subj", subj, "-out", csr]);
    const dates = spec.start !== undefined && spec.end !== undefined ? ["-startdate", spec.start, "-enddate", spec.end] : ["-days", "825"];
    execFileSync(
      "openssl",
      ["ca", "-batch", "-config", issuer.config, "-utf8", "-notext", "-md", "sha256", "-cert", issuer.cert, "-keyfile", issuer.key, "-extensions", spec.extensions, ...dates, "-in", csr, "-out", cert],
      { env: { ...process.env, SAN_EMAIL: spec.email }, stdio: ["pipe", "pipe", "pipe"] },
    );
    users[spec.name] = { name: spec.name, email: spec.email, cert, key };
  }
  const aliceP12 = join(dir, "alice.p12");
  openssl(["pkcs12", "-export", "-in", users.alice.cert, "-inkey", users.alice.key, "-name", "Alice", "-passout", `pass:${P12_PASSWORD}`, "-out", aliceP12]);
  let aliceLegacyP12: string | undefined;
  if (hasLegacyProvider()) {
    aliceLegacyP12 = join(dir, "alice-legacy.p12");
    openssl(["pkcs12", "-export", "-legacy", "-in", users.alice.cert, "-inkey", users.alice.key, "-name", "Alice", "-passout", `pass:${P12_PASSWORD}`, "-out", aliceLegacyP12]);
  }
  return {
    dir,
    caCert: ca.cert,
    otherCaCert: other.cert,
    users,
    aliceP12,
    aliceLegacyP12,
    cleanup: () => { rmSync(dir, { recursive: true, force: true }); },
  };
}

export const read = (file: string): Uint8Array => new Uint8Array(readFileSync(file));

/** A PEM private key as PKCS#8 DER (what WebCrypto imports). */
export function pkcs8Of(keyFile: string): ArrayBuffer {
  const der = openssl(["pkcs8", "-topk8", "-nocrypt", "-in", keyFile, "-outform", "DER"]);
  return Uint8Array.from(der).buffer;
}
