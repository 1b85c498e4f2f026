/** `sikker-post scan`: dry-runs the detection policy over exported mail and documents, on every core. */
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { DEFAULT_POLICY, parsePolicy, PolicyError, policyNotes, type Policy } from "../core/policy/policy";
import { PUBLIC_LIST_DOMAIN_SAFETY } from "../core/policy/public-domain-lists";
import type { PdfTextReader } from "../core/extract/pdf-text";
import type { FileOutcome } from "./file-report";
import { ScanProgress, type ProgressStream } from "./progress";
import { SUPPORTED_EXTENSIONS } from "./supported-files";
import { scanInPool, type PoolFile, type PoolOptions } from "./scan-pool";

export { maskedName } from "./file-report";

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** A terminal for the progress line (stderr when it is one); absent, no progress is shown. */
  progress?: ProgressStream;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface ScanOptions {
  readonly json: boolean;
  readonly policyFile?: string;
  readonly paths: readonly string[];
  /** Worker threads; 1 scans in this thread. Default: every core (os.availableParallelism). */
  readonly jobs?: number;
  /** No progress line, even on a terminal. */
  readonly quiet?: boolean;
  /** Replaces the built-in pdf.js reader (tests); a reader cannot cross into a worker, so the scan runs in this thread. */
  readonly pdfReader?: PdfTextReader;
  /** The workers' script and time limit per file (tests; see scan-pool.ts). */
  readonly pool?: Pick<PoolOptions, "workerScript" | "fileTimeoutMs">;
  /** The progress line's clock (tests). */
  readonly now?: () => number;
}

export async function loadPolicyFile(file: string | undefined): Promise<Policy> {
  if (file === undefined) return DEFAULT_POLICY;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read policy file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parsePolicy(JSON.parse(text), PUBLIC_LIST_DOMAIN_SAFETY);
  } catch (e) {
    if (e instanceof PolicyError || e instanceof SyntaxError) throw new UsageError(`invalid policy ${file}: ${e.message}`);
    throw e;
  }
}

/**
 * Expands directories recursively into the supported files they hold, in a stable order, with
 * their sizes. Synchronous on purpose: nothing else runs in this thread meanwhile, and an awaited
 * stat per file is a thread-pool round trip (an export of 100,000 files waited seconds for it).
 */
function expandPaths(paths: readonly string[]): { files: PoolFile[]; missing: string[] } {
  const files: PoolFile[] = [];
  const missing: string[] = [];
  const sizeOf = (file: string): number => {
    try {
      return statSync(file).size;
    } catch {
      return 0; // reading it will say why
    }
  };
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`cannot read folder ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(e.name).toLowerCase())) files.push({ path: full, size: sizeOf(full) });
    }
  };
  for (const p of paths) {
    let info;
    try {
      info = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (info.isDirectory()) walk(p);
    else files.push({ path: p, size: info.size });
  }
  return { files, missing };
}

/**
 * Prints each file's outcome in input order, whatever order they finish in: an outcome that
 * comes early waits (only its printed lines are kept, never a file's content).
 */
class InOrder {
  private readonly waiting = new Map<number, FileOutcome>();
  private next = 0;

  constructor(private readonly print: (outcome: FileOutcome) => void) {}

  add(index: number, outcome: FileOutcome): void {
    this.waiting.set(index, outcome);
    for (let o = this.waiting.get(this.next); o !== undefined; o = this.waiting.get(this.next)) {
      this.waiting.delete(this.next++);
      this.print(o);
    }
  }
}

/** Runs the scan; returns the exit status (0 nothing found, 1 something found or unreadable). */
export async function runScan(options: ScanOptions, io: Io): Promise<number> {
  if (options.paths.length === 0) throw new UsageError("give at least one file or folder to scan");
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, not ${String(options.jobs)}`);
  const policy = await loadPolicyFile(options.policyFile);
  // What an administrator should know about a valid policy, as the build and the playground say it.
  if (options.policyFile !== undefined) for (const note of policyNotes(policy)) io.err(`Bemærk: ${note}`);
  const { files, missing } = expandPaths(options.paths);
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(", ")}`);

  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const progress = io.progress !== undefined && options.quiet !== true && files.length > 1 ? new ScanProgress(io.progress, files.length, totalBytes, options.now) : undefined;
  progress?.show();
  let cprs = 0;
  let terms = 0;
  let withFindings = 0;
  let failed = 0;
  const printer = new InOrder((o) => {
    if (io.progress?.sharedWithOutput === true) progress?.clear();
    for (const line of o.lines) io.out(line);
  });
  const take = (index: number, o: FileOutcome): void => {
    cprs += o.cprs;
    terms += o.terms;
    if (o.found) withFindings++;
    if (o.failed) failed++;
    printer.add(index, o);
    progress?.fileDone(files[index]?.size ?? 0);
  };

  try {
    if (jobs === 1 || files.length <= 1 || options.pdfReader !== undefined) {
      // Loaded here only: a parallel scan's main thread never reads a file, so it need not load the readers.
      const { FileScanner } = await import("./file-scanner");
      const scanner = new FileScanner(policy, options.pdfReader);
      for (const [i, f] of files.entries()) take(i, await scanner.scan(f.path, options.json));
    } else {
      await scanInPool(files, { jobs, setup: { policy, json: options.json }, ...options.pool }, take);
    }
  } finally {
    progress?.clear();
  }
  if (!options.json) {
    io.out("");
    io.out(`${files.length} filer scannet med politikken "${policy.name}": ${withFindings} med fund, ${failed} kunne ikke læses.`);
    io.out(`CPR-numre: ${cprs}. Følsomme ord om en person: ${terms}. CPR-numre vises maskeret (DDMMÅÅ-XXXX).`);
  }
  return withFindings > 0 || failed > 0 ? 1 : 0;
}
