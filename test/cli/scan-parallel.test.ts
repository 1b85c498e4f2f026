/**
 * `sikker-post scan` on worker threads: results in input order whatever order files finish in,
 * the same output as one thread, a failing, crashing or stuck file reported without stopping
 * the rest, NDJSON on stdout, and the progress line on a terminal only.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import type { Io, ScanOptions } from "../../src/cli/scan-command";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, wPara, xlsx, zip } from "../helpers/make-documents";
import { TS_SCAN_WORKER } from "../helpers/scan-worker";

// Worker threads load the TypeScript sources; the first start in a run transpiles them.
jest.setTimeout(60_000);

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const MASKED = `${CPR.slice(0, 6)}-XXXX`;

interface Run {
  code: number;
  out: string[];
  err: string[];
  progress: string[];
}

async function run(args: string[], defaults: Pick<ScanOptions, "pool" | "now"> = {}, terminal = false): Promise<Run> {
  const r: Run = { code: -1, out: [], err: [], progress: [] };
  const io: Io = {
    out: (l) => r.out.push(l),
    err: (l) => r.err.push(l),
    // A fake terminal on stderr, as process.stderr is when isTTY.
    ...(terminal ? { progress: { write: (t: string) => r.progress.push(t), columns: 200 } } : {}),
  };
  r.code = await main(args, io, { pool: { workerScript: TS_SCAN_WORKER, ...defaults.pool }, ...(defaults.now !== undefined ? { now: defaults.now } : {}) });
  return r;
}

function eml(to: string, subject: string, body: string): string {
  return [`From: sagsbehandler@kommune.example.dk`, `To: ${to}`, `Subject: ${subject}`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, ""].join("\r\n");
}

/** A folder as an export holds it: mails, documents and notes, some with findings, some clean. */
function exportFolder(files = 24, slow: number[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "sikker-post-par-"));
  for (let i = 0; i < files; i++) {
    const n = String(i).padStart(3, "0");
    const prefix = slow.includes(i) ? "slow-" : "";
    switch (i % 4) {
      case 0:
        writeFileSync(join(dir, `${n}-${prefix}mail.eml`), eml(i % 8 === 0 ? "borger@gmail.com" : "jens@firma.dk", `Sag ${n}`, i % 3 === 0 ? `Borgeren har CPR ${CPR} og er i misbrugsbehandling.` : "Mødet flyttes til torsdag."));
        break;
      case 1:
        writeFileSync(join(dir, `${n}-${prefix}sag.docx`), docx({ body: wPara(i % 3 === 0 ? `Afgørelse om ${CPR}` : "Referat af mødet om budget"), footer: wPara("Side 1") }));
        break;
      case 2:
        writeFileSync(join(dir, `${n}-${prefix}liste.xlsx`), xlsx([[[{ ref: "A1", s: "Navn" }, { ref: "B1", s: i % 3 === 0 ? CPR : "ingen" }]]]));
        break;
      default:
        writeFileSync(join(dir, `${n}-${prefix}notat.txt`), i % 3 === 0 ? `Konference om psykiatri og demens ${n}.` : `Hun har fået konstateret diabetes (${n}).`);
    }
  }
  return dir;
}

const filesOf = (r: Run, dir: string) => r.out.map((l) => (JSON.parse(l) as { file: string }).file.slice(dir.length + 1));

describe("sikker-post scan on worker threads", () => {
  it("prints results in input order even when an early file is slow, and as one thread does", async () => {
    const dir = exportFolder(40, [0, 1, 9]);
    const parallel = await run(["scan", "--json", "--jobs", "4", dir]);
    const single = await run(["scan", "--json", "--jobs", "1", dir]);
    expect(parallel.out).toHaveLength(40);
    const names = filesOf(parallel, dir);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(parallel.out).toEqual(single.out);
    expect(parallel.code).toBe(single.code);
    // The table and its summary too.
    const table4 = await run(["scan", "--jobs", "4", dir]);
    const table1 = await run(["scan", "--jobs", "1", dir]);
    expect(table4.out).toEqual(table1.out);
    expect(table4.out.at(-2)).toMatch(/^40 filer scannet/);
  });

  it("prints exactly one parseable JSON object per file and line, masked", async () => {
    const dir = exportFolder(12);
    writeFileSync(join(dir, `navne ${CPR}.txt`), "Intet her.");
    const r = await run(["scan", "--json", dir]);
    expect(r.out).toHaveLength(13);
    for (const line of r.out) {
      expect(line).not.toContain("\n");
      const report = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(report)).toEqual(["file", "findings", "unreadable", "errors"]);
    }
    const all = r.out.join("\n");
    expect(all).not.toContain(CPR);
    expect(all).not.toContain(CPR.replace("-", ""));
    expect(all).toContain(`navne ${MASKED}.txt`);
    expect(all).toContain(`"masked":"${MASKED}"`);
  });

  it("reports a file that throws, a worker that crashes and a stuck file as errors, and goes on", async () => {
    const dir = exportFolder(16);
    writeFileSync(join(dir, "005-binary.eml"), Buffer.from([0, 159, 146, 150, 0, 1, 2]));
    writeFileSync(join(dir, "007-crash-worker.txt"), "Intet her.");
    writeFileSync(join(dir, "011-hang-worker.txt"), "Intet her.");
    const r = await run(["scan", "--json", "--jobs", "2", dir], { pool: { fileTimeoutMs: 1000 } });
    const reports = r.out.map((l) => JSON.parse(l) as { file: string; errors: string[]; findings: unknown[] });
    expect(reports).toHaveLength(19);
    const errorsOf = (name: string) => reports.find((x) => x.file.endsWith(name))?.errors ?? [];
    expect(errorsOf("005-binary.eml")[0]).toContain("binary");
    expect(errorsOf("007-crash-worker.txt")).toEqual(["the scan of this file stopped: simulated crash"]);
    expect(errorsOf("011-hang-worker.txt")[0]).toContain("did not finish within 1 s");
    // Every other file was scanned, in order, and the run fails closed: "could not read".
    expect(reports.filter((x) => x.errors.length > 0)).toHaveLength(3);
    expect(filesOf(r, dir)).toEqual([...filesOf(r, dir)].sort((a, b) => a.localeCompare(b)));
    expect(r.code).toBe(1);
    const table = await run(["scan", "--jobs", "2", dir], { pool: { fileTimeoutMs: 1000 } });
    expect(table.out.at(-2)).toMatch(/19 filer scannet .*, 3 kunne ikke læses\./);
  });

  it("reports every file as an error when the workers cannot start, never hangs", async () => {
    const dir = exportFolder(6);
    const r = await run(["scan", "--json", "--jobs", "2", dir], { pool: { workerScript: join(dir, "no-such-worker.js") } });
    const reports = r.out.map((l) => JSON.parse(l) as { errors: string[] });
    expect(reports).toHaveLength(6);
    expect(reports.every((x) => x.errors.length === 1 && x.errors[0]?.includes("Cannot find module"))).toBe(true);
    expect(r.code).toBe(1);
  });

  it("rejects a --jobs that is not a whole number of at least 1", async () => {
    const dir = exportFolder(2);
    for (const bad of ["0", "-2", "x", "1.5"]) {
      const r = await run(["scan", "--jobs", bad, dir]);
      expect(r.code).toBe(2);
      expect(r.err[0]).toContain("--jobs");
    }
  });

  it("draws progress on a terminal at most four times a second, and nothing else changes", async () => {
    const dir = exportFolder(30);
    writeFileSync(join(dir, "bilag.zip"), zip({ "a.txt": "x" }));
    // A clock that moves 20 ms each time it is read: 31 files take ~0.6 s of it.
    let t = 0;
    const now = () => (t += 20);
    const shown = await run(["scan", "--json", "--jobs", "2", dir], { now }, true);
    const plain = await run(["scan", "--json", "--jobs", "2", dir]);
    expect(shown.out).toEqual(plain.out);
    const CLEAR = "\r\x1b[K";
    expect(shown.progress.every((p) => p.startsWith(CLEAR))).toBe(true);
    const lines = shown.progress.filter((p) => p !== CLEAR).map((p) => p.slice(CLEAR.length));
    expect(lines[0]).toMatch(/^0\/31 filer · 0,0\/\d+,\d MB · 0,0 MB\/s · ca\. \? tilbage$/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(2 + Math.ceil(t / 250));
    expect(lines.at(-1)).toMatch(/\/31 filer · [\d,]+\/[\d,]+ MB · [\d,]+ MB\/s · ca\. \d+:\d\d tilbage$/);
    expect(shown.progress.at(-1)).toBe(CLEAR);
    expect(plain.progress).toEqual([]);
    expect((await run(["scan", "--json", "--quiet", dir], { now }, true)).progress).toEqual([]);
  });
});
