/** Command line entry: `sikker-post scan [--policy FILE] [--json] [--jobs N] [--quiet] PATH...`, `sikker-post smime ...` */
import { parseArgs } from "node:util";
import { runScan, UsageError, type ScanOptions } from "./scan-command";
import type { SmimeIo } from "./smime-command";

const USAGE = `Brug: sikker-post scan [--policy FIL] [--json] [--jobs N] [--quiet] STI...

Scanner eksporterede mails (.eml, .msg, .txt), dokumenter og mapper (rekursivt) for CPR-numre
og følsomme personoplysninger, med organisationens politik eller standardpolitikken.
Et følsomt ord tæller, som i Outlook, kun når teksten knytter det til en person.

  --policy FIL   politikfil (JSON); uden den bruges den indbyggede standardpolitik
  --json         ét JSON-objekt pr. fil pr. linje på stdout (NDJSON), CPR-numre maskeret
  --jobs N       scan N filer ad gangen i hver sin tråd (standard: alle kerner; 1: i samme tråd)
  --quiet        ingen fremdriftslinje på stderr
  -h, --help     vis denne hjælp

Resultaterne kommer i samme rækkefølge som filerne, uanset --jobs. På en terminal viser
stderr fremdriften: filer, MB, MB/s og tid tilbage.

Exit-status: 0 intet fundet, 1 fund (eller en fil kunne ikke læses), 2 forkert brug, 3 intern fejl.

S/MIME: sikker-post smime --help`;

/** `scanDefaults`: options the command line cannot set (tests give the workers' script). */
export async function main(argv: readonly string[], io: SmimeIo, scanDefaults: Pick<ScanOptions, "pool" | "now"> = {}): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    // Loaded only for its command: pkijs is not needed to scan.
    if (command === "smime") return await (await import("./smime-command")).runSmime(rest, io);
    if (command !== "scan") throw new UsageError(`unknown command "${command}"`);
    const { values, positionals } = parseScanArgs(rest);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    return await runScan(
      {
        ...scanDefaults,
        json: values.json,
        quiet: values.quiet,
        ...(values.policy !== undefined ? { policyFile: values.policy } : {}),
        ...(values.jobs !== undefined ? { jobs: parseJobs(values.jobs) } : {}),
        paths: positionals,
      },
      io,
    );
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
      options: {
        policy: { type: "string" },
        json: { type: "boolean", default: false },
        jobs: { type: "string", short: "j" },
        quiet: { type: "boolean", short: "q", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
    });
  } catch (e) {
    // parseArgs throws ERR_PARSE_ARGS_* errors for unknown or malformed options.
    throw new UsageError(typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e));
  }
}

function parseJobs(text: string): number {
  const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1)) throw new UsageError(`--jobs must be a whole number of at least 1, not "${text}"`);
  return n;
}

export function processIo(): SmimeIo {
  const tty = process.stderr.isTTY;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    writeOut: (bytes) => process.stdout.write(bytes),
    err: (line) => process.stderr.write(`${line}\n`),
    ...(tty ? { progress: { write: (text: string) => process.stderr.write(text), columns: process.stderr.columns, sharedWithOutput: process.stdout.isTTY } } : {}),
  };
}
