/** `sikker-post scan`: dry-runs the detection policy over exported mail (.eml, .msg, .txt). */
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { describePath, withholdsSending, type Finding, type UnreadablePart } from "../core/scan/findings";
import { Scanner } from "../core/scan/scanner";
import { DEFAULT_POLICY, parsePolicy, PolicyError, type Policy } from "../core/policy/policy";
import { PUBLIC_LIST_DOMAIN_SAFETY } from "../core/policy/public-domain-lists";
import type { PdfTextReader } from "../core/extract/pdf-text";
import { readInputFile, SUPPORTED_EXTENSIONS } from "./read-input-file";

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Progress goes to a terminal only; "\r" lines that overwrite each other. */
  progress?(line: string): void;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface ScanOptions {
  readonly json: boolean;
  readonly policyFile?: string;
  readonly paths: readonly string[];
  /** Replaces the built-in pdf.js reader (tests). */
  readonly pdfReader?: PdfTextReader;
}

export interface FileReport {
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly unreadable: readonly UnreadablePart[];
  readonly errors: readonly string[];
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

/** Expands directories recursively into the supported files they hold, in a stable order. */
async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(e.name).toLowerCase())) files.push(full);
    }
  };
  for (const p of paths) {
    try {
      const info = await stat(p);
      if (info.isDirectory()) await walk(p);
      else files.push(p);
    } catch {
      missing.push(p);
    }
  }
  return { files, missing };
}

async function scanFile(scanner: Scanner, policy: Policy, file: string, pdfReader: PdfTextReader | undefined): Promise<FileReport> {
  try {
    const extracted = await readInputFile(file, { limits: policy.limits, images: policy.images, ...(pdfReader !== undefined ? { pdfReader } : {}) });
    const result = scanner.scan(extracted.texts, extracted.unreadable);
    return { file, findings: result.findings, unreadable: result.unreadable, errors: [] };
  } catch (e) {
    return { file, findings: [], unreadable: [], errors: [e instanceof Error ? e.message : String(e)] };
  }
}

/** A file name or path with what looks like a CPR number in it masked, as the table shows numbers (DDMMÅÅ-XXXX). */
export function maskedName(name: string): string {
  return name.replace(/(?<!\d)(\d{6})[- ]?\d{4}(?!\d)/g, "$1-XXXX");
}

function whereOf(f: { where: { part: string; path?: readonly string[] } }): string {
  const label = { subject: "emne", body: "brødtekst", attachment: "bilag" }[f.where.part] ?? f.where.part;
  return f.where.path ? `${label}: ${maskedName(describePath(f.where.path))}` : label;
}

function jsonReport(scanner: Scanner, r: FileReport): string {
  return JSON.stringify({
    file: r.file,
    findings: r.findings.map((f) =>
      f.kind === "cpr"
        ? { kind: "cpr", value: f.value, masked: f.masked, where: f.where.part, ...(f.where.path ? { path: f.where.path } : {}), confidence: f.confidence, reasons: f.reasons, counts: scanner.counts(f), birthDate: f.birthDate, start: f.where.start, end: f.where.end }
        : { kind: "term", category: f.category, term: f.term, matched: f.matched, lang: f.lang, where: f.where.part, ...(f.where.path ? { path: f.where.path } : {}), weight: f.weight, counts: scanner.counts(f), start: f.where.start, end: f.where.end },
    ),
    unreadable: r.unreadable.map((u) => ({ where: u.part, path: u.path ?? [], reason: u.reason, detail: u.detail })),
    errors: r.errors,
  });
}

function tableReport(scanner: Scanner, r: FileReport, io: Io): void {
  const counted = r.findings.filter((f) => scanner.counts(f));
  const status = r.errors.length > 0 ? "FEJL" : counted.length > 0 || r.unreadable.some(withholdsSending) ? "FUND" : "ok";
  io.out(`${status.padEnd(5)} ${maskedName(r.file)}`);
  for (const e of r.errors) io.out(`      fejl: ${e}`);
  for (const f of r.findings) {
    const note = scanner.counts(f) ? "" : "  (tæller ikke efter politikken)";
    if (f.kind === "cpr") io.out(`      CPR   ${f.masked}  ${f.confidence.padEnd(6)} ${whereOf(f)}${note}`);
    else io.out(`      term  ${f.category.padEnd(17)} "${f.matched}" (${f.term})  ${whereOf(f)}${note}`);
  }
  for (const u of r.unreadable) io.out(`      ulæseligt ${maskedName(describePath(u.path))}: ${u.reason} – ${u.detail}`);
}

/** Runs the scan; returns the exit status (0 nothing found, 1 something found or unreadable). */
export async function runScan(options: ScanOptions, io: Io): Promise<number> {
  if (options.paths.length === 0) throw new UsageError("give at least one file or folder to scan");
  const policy = await loadPolicyFile(options.policyFile);
  const scanner = new Scanner(policy);
  const { files, missing } = await expandPaths(options.paths);
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(", ")}`);

  let cprs = 0;
  let terms = 0;
  let withFindings = 0;
  let failed = 0;
  for (const [i, file] of files.entries()) {
    if (files.length > 1) io.progress?.(`[${i + 1}/${files.length}] ${file}`);
    const r = await scanFile(scanner, policy, file, options.pdfReader);
    const counted = r.findings.filter((f) => scanner.counts(f));
    cprs += counted.filter((f) => f.kind === "cpr").length;
    terms += counted.filter((f) => f.kind === "term").length;
    if (counted.length > 0 || r.unreadable.some(withholdsSending)) withFindings++;
    if (r.errors.length > 0) failed++;
    if (options.json) io.out(jsonReport(scanner, r));
    else tableReport(scanner, r, io);
  }
  if (!options.json) {
    io.out("");
    io.out(`${files.length} filer scannet med politikken "${policy.name}": ${withFindings} med fund, ${failed} kunne ikke læses.`);
    io.out(`CPR-numre: ${cprs}. Følsomme ord: ${terms}. CPR-numre vises maskeret (DDMMÅÅ-XXXX).`);
  }
  return withFindings > 0 || failed > 0 ? 1 : 0;
}
