/** Shared by the S/MIME tests: messages to protect, and the CLI run in-process. */
import PostalMime from "postal-mime";
import { main } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: Uint8Array;
  /** Calls that wrote on stdout (bytes or lines): must be 0 on a refusal. */
  stdoutWrites: number;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r: CliRun = { code: -1, stdout: new Uint8Array(0), stdoutWrites: 0, stderr: "" };
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    r.code = await main(args, {
      out: () => {
        r.stdoutWrites++;
      },
      writeOut: (bytes) => {
        r.stdoutWrites++;
        r.stdout = bytes;
      },
      err: (line) => {
        r.stderr += `${line}\n`;
      },
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  }
  return r;
}

export interface MessageSpec {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
  readonly eightBit: boolean;
  readonly attachments: boolean;
  /** Line ends of the input: LF (as exported by many tools) or CRLF. */
  readonly lf?: boolean;
}

/** A deterministic binary attachment with every byte value (and bare CR/LF in it). */
export const BINARY_ATTACHMENT = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff);
export const TEXT_ATTACHMENT = "Navn;By\r\nÆble Øster;Århus\r\nJens Ærø;Søby\r\n";

export function bodyText(eightBit: boolean): string {
  return eightBit ? "Kære modtager,\r\n\r\nHer er sagen om æøå og ÆØÅ – med venlig hilsen.\r\n" : "Dear recipient,\r\n\r\nHere is the case file.\r\n";
}

export function makeMessage(spec: MessageSpec): Buffer {
  const headers = [
    `From: Alice Afsender <${spec.from}>`,
    `To: ${spec.to.join(", ")}`,
    ...(spec.cc?.length ? [`Cc: ${spec.cc.join(", ")}`] : []),
    ...(spec.bcc?.length ? [`Bcc: ${spec.bcc.join(", ")}`] : []),
    "Subject: =?utf-8?q?Sag_om_=C3=A6=C3=B8=C3=A5?=",
    "Date: Mon, 7 Dec 2026 10:00:00 +0100",
    "Message-ID: <smime-test@kommune.example.dk>",
    "MIME-Version: 1.0",
  ];
  const textHeaders = spec.eightBit ? ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"] : ["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit"];
  let text: string;
  if (!spec.attachments) {
    text = [...headers, ...textHeaders, "", bodyText(spec.eightBit)].join("\r\n");
  } else {
    const b = "=_mixed_boundary_42";
    const wrap = (s: string): string => s.replace(/.{1,76}/g, "$&\r\n");
    text = [
      ...headers,
      `Content-Type: multipart/mixed; boundary="${b}"`,
      "",
      `--${b}`,
      ...textHeaders,
      "",
      bodyText(spec.eightBit),
      `--${b}`,
      'Content-Type: application/octet-stream; name="bilag.bin"',
      'Content-Disposition: attachment; filename="bilag.bin"',
      "Content-Transfer-Encoding: base64",
      "",
      wrap(Buffer.from(BINARY_ATTACHMENT).toString("base64")),
      `--${b}`,
      'Content-Type: text/csv; charset=utf-8; name="liste.csv"',
      'Content-Disposition: attachment; filename="liste.csv"',
      "Content-Transfer-Encoding: base64",
      "",
      wrap(Buffer.from(TEXT_ATTACHMENT, "utf8").toString("base64")),
      `--${b}--`,
      "",
    ].join("\r\n");
  }
  if (spec.lf === true) text = text.replace(/\r\n/g, "\n");
  return Buffer.from(text, "utf8");
}

export interface Decoded {
  readonly text: string;
  readonly attachments: readonly { filename: string | null; content: Uint8Array }[];
}

export async function decode(entity: Uint8Array): Promise<Decoded> {
  const parsed = await PostalMime.parse(entity, { attachmentEncoding: "arraybuffer" });
  return {
    text: (parsed.text ?? "").replace(/\r\n/g, "\n").trimEnd(),
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, content: new Uint8Array(a.content as ArrayBuffer) })),
  };
}

export function headerBlock(message: Uint8Array): string {
  const s = Buffer.from(message).toString("latin1");
  const end = s.indexOf("\r\n\r\n");
  return end < 0 ? s : s.slice(0, end);
}
