/** `sikker-post scan` reads text files as caseworkers' programs save them. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TS_SCAN_WORKER } from "../helpers/scan-worker";
import { main } from "../../src/cli/main";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, ics, utf16Text, vcard21, wPara, zip } from "../helpers/make-documents";

// Folders are scanned on worker threads that load the TypeScript sources; the first start transpiles them.
jest.setTimeout(60_000);

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));
/** --json shows CPR numbers masked only. */
const MASKED = `${CPR.slice(0, 6)}-XXXX`;

interface Report {
  file: string;
  findings: { kind: string; masked?: string; path?: string[] }[];
  unreadable: { reason: string }[];
  errors: string[];
}

async function scanJson(paths: string[]): Promise<Report[]> {
  const out: string[] = [];
  await main(["scan", "--json", ...paths], { out: (l) => out.push(l), err: (l) => out.push(l) }, { pool: { workerScript: TS_SCAN_WORKER } });
  return out.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Report);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "sikker-post-text-"));
}

describe("sikker-post scan, text files", () => {
  it("reads a .txt and a .csv saved as UTF-16 with a byte order mark", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notat.txt"), utf16Text(`Notat\r\nCPR: ${CPR}\r\n`));
    writeFileSync(join(dir, "liste.csv"), utf16Text(`Navn\tCPR\r\nJens\t${CPR}\r\n`, "be"));
    const reports = await scanJson([dir]);
    expect(reports.map((r) => [r.file.slice(dir.length + 1), r.errors, r.findings.filter((f) => f.kind === "cpr").map((f) => f.masked)])).toEqual([
      ["liste.csv", [], [MASKED]],
      ["notat.txt", [], [MASKED]],
    ]);
  });
});

describe("sikker-post scan, calendar and contact files", () => {
  it("reads .ics and .vcf files given on their own and in a folder walk", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "invitation.ics"), ics(`Borgerens CPR-nr. er ${CPR}, sagen drøftes med pårørende.`));
    writeFileSync(join(dir, "kontakt.vcf"), vcard21("Hansen;Jens", `CPR: ${CPR}`));
    const reports = await scanJson([dir]);
    expect(reports.map((r) => [r.file.slice(dir.length + 1), r.errors, r.findings.filter((f) => f.kind === "cpr").map((f) => [f.masked, f.path])])).toEqual([
      ["invitation.ics", [], [[MASKED, ["invitation.ics"]]]],
      ["kontakt.vcf", [], [[MASKED, ["kontakt.vcf"]]]],
    ]);
  });
});

describe("sikker-post scan, file names", () => {
  it("finds a CPR number in a file name inside an archive and masks it in the table", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bilag.zip"), zip({ [`Sager/Sag ${CPR}.docx`]: docx({ body: wPara("Afgørelse") }) }));
    const reports = await scanJson([dir]);
    expect(reports[0]?.findings.filter((f) => f.kind === "cpr").map((f) => f.path)).toEqual([["bilag.zip", `Sager/Sag ${MASKED}.docx`]]);
    const out: string[] = [];
    await main(["scan", dir], { out: (l) => out.push(l), err: (l) => out.push(l) }, { pool: { workerScript: TS_SCAN_WORKER } });
    const table = out.join("\n");
    expect(table).toContain(`Sager/Sag ${CPR.slice(0, 6)}-XXXX.docx`);
    expect(table).not.toContain(CPR);
  });
});
