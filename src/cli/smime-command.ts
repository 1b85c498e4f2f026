/**
 * `sikker-post smime`: signs (unless --encrypt-only) and encrypts a MIME message to its To/Cc/Bcc
 * recipients and to the sender, as RFC 8551 S/MIME. The message goes to stdout only when every
 * check passed and it was read back; a refusal writes nothing on stdout.
 */
import { webcrypto } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { buildSmime, makeEngine, parseCertificates, readPkcs12, SmimeError, type SenderIdentity, type WebCrypto } from "../core/smime";
import type * as pkijs from "pkijs";
import { UsageError, type Io } from "./scan-command";

export interface SmimeIo extends Io {
  /** Raw bytes to stdout (the message has CRLF line ends); without it, out() without the last line end. */
  writeOut?(bytes: Uint8Array): void;
}

export const SMIME_USAGE = `Brug: sikker-post smime --from-p12 FIL --password-env VAR --to-cert FIL [--to-cert FIL …] --trust FIL [--trust FIL …] IND.eml > UD.eml
       sikker-post smime --encrypt-only --from-cert FIL --to-cert FIL … --trust FIL … IND.eml > UD.eml

Signerer (RSA, SHA-256) og krypterer (AES-256-CBC, RSA-OAEP med SHA-256) en MIME-mail som S/MIME
til alle modtagere i To/Cc/Bcc og til afsenderen selv. Hver modtager skal have et gyldigt
certifikat blandt --to-cert, udstedt under et af --trust-certifikaterne.

  --from-p12 FIL      afsenderens nøgle og certifikat (PKCS#12 med AES; -legacy afvises)
  --password-env VAR  miljøvariablen med PKCS#12-adgangskoden
  --encrypt-only      kryptér uden at signere (ingen privat nøgle)
  --from-cert FIL     afsenderens certifikat ved --encrypt-only (der krypteres også til det)
  --to-cert FIL       en modtagers certifikat (PEM eller DER; må gentages)
  --trust FIL         et betroet rodcertifikat (PEM eller DER; må gentages)
  -h, --help          vis denne hjælp

Exit-status: 0 mailen er skrevet på stdout, 1 afvist (årsag og certifikat på stderr, intet på
stdout), 2 forkert brug, 3 intern fejl.`;

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        "from-p12": { type: "string" },
        "password-env": { type: "string" },
        "from-cert": { type: "string" },
        "encrypt-only": { type: "boolean", default: false },
        "to-cert": { type: "string", multiple: true, default: [] },
        trust: { type: "string", multiple: true, default: [] },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError(typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e));
  }
}

async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new UsageError(`kan ikke læse ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function readCerts(files: readonly string[], what: string): Promise<pkijs.Certificate[]> {
  const out: pkijs.Certificate[] = [];
  for (const f of files) out.push(...parseCertificates(await readInput(f, what), f));
  return out;
}

export async function runSmime(args: readonly string[], io: SmimeIo, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  try {
    const { values, positionals } = parse(args);
    if (values.help) {
      io.out(SMIME_USAGE);
      return 0;
    }
    const encryptOnly = values["encrypt-only"];
    if (positionals.length !== 1) throw new UsageError("giv præcis én mail (IND.eml)");
    if (values["to-cert"].length === 0) throw new UsageError("giv mindst ét --to-cert");
    if (values.trust.length === 0) throw new UsageError("giv mindst ét --trust");
    if (encryptOnly) {
      if (values["from-cert"] === undefined) throw new UsageError("--encrypt-only kræver --from-cert");
      if (values["from-p12"] !== undefined || values["password-env"] !== undefined) throw new UsageError("--encrypt-only tager ikke --from-p12/--password-env");
    } else {
      if (values["from-p12"] === undefined || values["password-env"] === undefined) throw new UsageError("signering kræver --from-p12 og --password-env (eller --encrypt-only --from-cert)");
      if (values["from-cert"] !== undefined) throw new UsageError("--from-cert bruges kun med --encrypt-only");
    }
    const crypto = webcrypto as unknown as WebCrypto;
    const message = await readInput(positionals[0] ?? "", "mailen");
    const trustAnchors = await readCerts(values.trust, "rodcertifikatet");
    const recipientCerts = await readCerts(values["to-cert"], "modtagercertifikatet");
    let sender: SenderIdentity;
    if (encryptOnly) {
      const [cert, ...rest] = await readCerts([values["from-cert"] ?? ""], "afsendercertifikatet");
      if (cert === undefined) throw new UsageError("afsendercertifikatet er tomt");
      sender = { mode: "encrypt-only", cert };
      recipientCerts.push(...rest);
    } else {
      const varName = values["password-env"] ?? "";
      const password = env[varName];
      if (password === undefined) throw new UsageError(`miljøvariablen ${varName} er ikke sat`);
      const p12 = await readInput(values["from-p12"] ?? "", "PKCS#12-filen");
      sender = { mode: "sign", key: await readPkcs12(p12, password, makeEngine(crypto)) };
    }
    const built = await buildSmime({ message, recipientCerts, trustAnchors, sender, crypto });
    if (io.writeOut) io.writeOut(built.bytes);
    else io.out(new TextDecoder().decode(built.bytes).replace(/\r\n$/, ""));
    io.err(`sikker-post smime: ${built.signed ? "signeret og krypteret" : "krypteret (ikke signeret)"} til ${built.recipients.map((r) => `${r.address} ("${r.cert.commonName}", ${r.cert.serial})`).join(", ")} og afsenderen ${built.sender.address}`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sikker-post smime: ${e.message}`);
      io.err(SMIME_USAGE);
      return 2;
    }
    if (e instanceof SmimeError) {
      io.err(`sikker-post smime: afvist [${e.code}]: ${e.da}`);
      io.err(`  (en) ${e.en}`);
      return 1;
    }
    throw e;
  }
}
