/**
 * One file of `sikker-post scan` written out as the lines the CLI prints, and what the summary
 * adds up. The same in the main thread (`--jobs 1`) and in a worker (scan-worker.ts), so the
 * output does not depend on where a file was scanned. Light on imports: the main thread of a
 * parallel scan loads this, not the scanner (file-scanner.ts).
 */
import type { TermStanding } from "../core/policy/decide-send";
import { describePath, withholdsSending, type Finding, type UnreadablePart } from "../core/scan/findings";

/** What one file gave: the lines to print and what the summary adds up. Structured-cloneable (it crosses from a worker). */
export interface FileOutcome {
  readonly lines: readonly string[];
  /** Counted CPR numbers and terms (as the add-in counts them for this mail's recipients). */
  readonly cprs: number;
  readonly terms: number;
  /** Something counted, or a part that could not be read and withholds sending. */
  readonly found: boolean;
  /** The file itself could not be read or scanned. */
  readonly failed: boolean;
}

export interface FileReport {
  readonly file: string;
  readonly findings: readonly Finding[];
  /** Per finding: whether the add-in would act on it; for terms, why (decideSend's termStanding). */
  readonly counted: ReadonlySet<Finding>;
  readonly standing: ReadonlyMap<Finding, TermStanding>;
  readonly unreadable: readonly UnreadablePart[];
  readonly errors: readonly string[];
}

/** A file name or path with what looks like a CPR number in it masked, as the table shows numbers (DDMMÅÅ-XXXX). */
export function maskedName(name: string): string {
  return name.replace(/(?<!\d)(\d{6})[- ]?\d{4}(?!\d)/g, "$1-XXXX");
}

export function failedReport(file: string, error: string): FileReport {
  return { file, findings: [], counted: new Set(), standing: new Map(), unreadable: [], errors: [error] };
}

/** The outcome of a file whose scan did not finish (its worker stopped): an error, never silence. */
export function failedOutcome(file: string, error: string, json: boolean): FileOutcome {
  return outcomeOf(failedReport(file, error), json);
}

export function outcomeOf(r: FileReport, json: boolean): FileOutcome {
  const counted = r.findings.filter((f) => r.counted.has(f));
  return {
    lines: json ? [jsonLine(r)] : tableLines(r),
    cprs: counted.filter((f) => f.kind === "cpr").length,
    terms: counted.filter((f) => f.kind === "term").length,
    found: counted.length > 0 || r.unreadable.some(withholdsSending),
    failed: r.errors.length > 0,
  };
}

function whereOf(f: { where: { part: string; path?: readonly string[] } }): string {
  const label = { subject: "emne", body: "brødtekst", attachment: "bilag" }[f.where.part] ?? f.where.part;
  return f.where.path ? `${label}: ${maskedName(describePath(f.where.path))}` : label;
}

/** One line of NDJSON per file. Masked only: no full CPR number, no text of the file but the matched term. */
function jsonLine(r: FileReport): string {
  const path = (p: readonly string[] | undefined) => (p ? { path: p.map(maskedName) } : {});
  return JSON.stringify({
    file: maskedName(r.file),
    findings: r.findings.map((f) =>
      f.kind === "cpr"
        ? { kind: "cpr", masked: f.masked, where: f.where.part, ...path(f.where.path), confidence: f.confidence, reasons: f.reasons, counts: r.counted.has(f), birthDate: f.birthDate, start: f.where.start, end: f.where.end }
        : { kind: "term", category: f.category, term: f.term, matched: f.matched, lang: f.lang, where: f.where.part, ...path(f.where.path), weight: f.weight, counts: r.counted.has(f), standing: r.standing.get(f), start: f.where.start, end: f.where.end },
    ),
    unreadable: r.unreadable.map((u) => ({ where: u.part, path: (u.path ?? []).map(maskedName), reason: u.reason, detail: maskedName(u.detail) })),
    errors: r.errors.map(maskedName),
  });
}

function tableLines(r: FileReport): string[] {
  const lines: string[] = [];
  const counted = r.findings.some((f) => r.counted.has(f));
  const status = r.errors.length > 0 ? "FEJL" : counted || r.unreadable.some(withholdsSending) ? "FUND" : "ok";
  lines.push(`${status.padEnd(5)} ${maskedName(r.file)}`);
  for (const e of r.errors) lines.push(`      fejl: ${maskedName(e)}`);
  for (const f of r.findings) {
    if (f.kind === "cpr") {
      const note = r.counted.has(f) ? "" : "  (tæller ikke efter politikken)";
      lines.push(`      CPR   ${f.masked}  ${f.confidence.padEnd(6)} ${whereOf(f)}${note}`);
    } else {
      const note = r.counted.has(f) ? "" : "  (nævner kun et emne, ingen person: tæller ikke)";
      lines.push(`      term  ${f.category.padEnd(17)} "${f.matched}" (${f.term})  ${whereOf(f)}${note}`);
    }
  }
  for (const u of r.unreadable) lines.push(`      ulæseligt ${maskedName(describePath(u.path))}: ${u.reason} – ${maskedName(u.detail)}`);
  return lines;
}
