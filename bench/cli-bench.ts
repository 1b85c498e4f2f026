/**
 * `sikker-post scan` end to end: the built CLI started as a user starts it, on a generated 50 MB
 * export folder of mails, documents and notes, timed from start to exit (Node's start, the folder
 * walk, reading, scanning and writing NDJSON included). MB here is 10^6 bytes of files. It runs
 * on every core the machine gives (not pinned: the CLI's point is to use them), with all workers
 * and with --jobs 1 for comparison.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { docx, wPara } from "../test/helpers/make-documents";
import { realisticDocx, realisticPdf, realisticXlsx } from "./bench-documents";
import { caseDocumentText, danishMailCorpus, prng, validCprLike } from "./corpus";

const MB = 1e6;
const BIN = join(__dirname, "..", "..", "bin", "sikker-post.js");

function b64Lines(bytes: Uint8Array | string): string[] {
  return Buffer.from(bytes).toString("base64").match(/.{1,76}/g) ?? [];
}

/** A caseworker's mail: prose, sometimes a CPR number, sometimes a small Word attachment. */
function mail(k: number, rand: () => number): string {
  const chars = 8_000 + Math.floor(rand() * 40_000);
  const body = caseDocumentText(chars, 500 + k, rand() < 0.3 ? 1 : 0);
  const to = rand() < 0.1 ? "borger@gmail.com" : "sagsbehandler@region.example.dk";
  const lines = [`From: jobcenter@kommune.example.dk`, `To: ${to}`, `Subject: Sag ${2024_10_000 + k}`, "MIME-Version: 1.0"];
  if (k % 5 !== 0) return [...lines, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", ...b64Lines(body), ""].join("\r\n");
  const cpr = validCprLike(rand);
  const attachment = docx({ body: wPara(caseDocumentText(20_000, 900 + k, 0)) + wPara(`CPR-nr. ${cpr.slice(0, 6)}-${cpr.slice(6)}`), footer: wPara("Side 1") });
  return [
    ...lines,
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    ...b64Lines(body),
    "--b1",
    'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="afgoerelse.docx"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="afgoerelse.docx"',
    "",
    ...b64Lines(attachment),
    "--b1--",
    "",
  ].join("\r\n");
}

/**
 * About 50 MB as an export holds it: ~300 mails (one in five with a Word attachment), case
 * documents with photos (docx), case lists (xlsx), PDFs with a scanned page, and notes (txt).
 */
export function makeExportFolder(target = 50 * MB): { dir: string; files: number; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), "sikker-post-cli-bench-"));
  const rand = prng(77);
  let bytes = 0;
  let files = 0;
  const put = (sub: string, name: string, content: Uint8Array | string): void => {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, name), content);
    bytes += typeof content === "string" ? Buffer.byteLength(content) : content.length;
    files++;
  };
  for (let k = 0; k < 6; k++) put("dokumenter", `sag-${k}.docx`, realisticDocx(2.5 * MB, 15, 3));
  for (let k = 0; k < 3; k++) put("lister", `sagsliste-${k}.xlsx`, realisticXlsx(1.5 * MB));
  for (let k = 0; k < 4; k++) put("dokumenter", `brev-${k}.pdf`, realisticPdf(2 * MB, 10, 2));
  for (let k = 0; bytes < 0.8 * target; k++) put(`mails/${String(Math.floor(k / 100)).padStart(2, "0")}`, `mail-${k}.eml`, mail(k, rand));
  for (let k = 0; bytes < target; k++) put("notater", `notat-${k}.txt`, danishMailCorpus(100_000, 700 + k));
  return { dir, files, bytes };
}

/** Runs the built CLI once; the time from start to exit, and the number of NDJSON lines. */
function runCli(args: readonly string[]): Promise<{ seconds: number; lines: number; code: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let lines = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      for (const b of chunk) if (b === 10) lines++;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, lines, code: code ?? -1 });
    });
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export async function runCliBench(runs = 3): Promise<void> {
  const cores = availableParallelism();
  console.log(`\nCLI end to end (bin/sikker-post.js scan --json, all ${cores} cores available, not pinned; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")})`);
  const folder = makeExportFolder();
  try {
    console.log(`  folder: ${folder.files} files, ${(folder.bytes / MB).toFixed(1)} MB (.eml with and without .docx attached, .docx with photos, .xlsx case lists, .pdf with a scan, .txt)`);
    for (const jobs of [cores, 1]) {
      await runCli(["scan", "--json", "--jobs", String(jobs), folder.dir]); // warm the file cache
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await runCli(["scan", "--json", "--jobs", String(jobs), folder.dir]);
        if (r.lines !== folder.files) throw new Error(`the CLI printed ${r.lines} lines for ${folder.files} files`);
        times.push(r.seconds);
      }
      const name = jobs === 1 ? "CLI end to end, 50 MB folder, --jobs 1 (one thread)" : `CLI end to end, 50 MB folder, ${jobs} workers`;
      const mbps = (s: number) => (folder.bytes / MB / s).toFixed(1);
      console.log(`${name.padEnd(56)} median ${(median(times) * 1000).toFixed(0).padStart(6)} ms ${mbps(median(times)).padStart(7)} MB/s (fastest ${mbps(Math.min(...times))} MB/s)`);
    }
    console.log(`  load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    rmSync(folder.dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runCliBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
