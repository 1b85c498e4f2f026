/** Command line entry: `sikker-post scan [--policy FILE] [--json] PATH...`, `sikker-post smime ...` */
import { parseArgs } from "node:util";
import { runScan, UsageError } from "./scan-command";
import { runSmime, type SmimeIo } from "./smime-command";

const USAGE = `Brug: sikker-post scan [--policy FIL] [--json] STI...

Scanner eksporterede mails (.eml, .msg, .txt) og mapper (rekursivt) for CPR-numre
og følsomme personoplysninger, med organisationens politik eller standardpolitikken.

  --policy FIL   politikfil (JSON); uden den bruges den indbyggede standardpolitik
  --json         ét JSON-objekt pr. fil på stdout
  -h, --help     vis denne hjælp

Exit-status: 0 intet fundet, 1 fund (eller en fil kunne ikke læses), 2 forkert brug, 3 intern fejl.

S/MIME: sikker-post smime --help`;

export async function main(argv: readonly string[], io: SmimeIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "smime") return await runSmime(rest, io);
    if (command !== "scan") throw new UsageError(`unknown command "${command}"`);
    const { values, positionals } = parseScanArgs(rest);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    return await runScan({ json: values.json, ...(values.policy !== undefined ? { policyFile: values.policy } : {}), paths: positionals }, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sikker-post: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    throw e;
  }
}

function parseScanArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: { policy: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
      allowPositionals: true,
    });
  } catch (e) {
    // parseArgs throws ERR_PARSE_ARGS_* errors for unknown or malformed options.
    throw new UsageError(typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e));
  }
}

export function processIo(): SmimeIo {
  const tty = process.stderr.isTTY;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    writeOut: (bytes) => process.stdout.write(bytes),
    err: (line) => process.stderr.write(`${line}\n`),
    ...(tty ? { progress: (line: string) => process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 80) - 1)}`) } : {}),
  };
}
