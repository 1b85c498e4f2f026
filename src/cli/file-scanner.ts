/** Reads, scans and judges one file of `sikker-post scan` (in the main thread with --jobs 1, else in a worker). */
import { countedFindings, termContext, termStanding, type Recipient, type TermStanding } from "../core/policy/decide-send";
import type { Policy } from "../core/policy/policy";
import type { Finding } from "../core/scan/findings";
import { Scanner } from "../core/scan/scanner";
import type { PdfTextReader } from "../core/extract/pdf-text";
import { failedReport, outcomeOf, type FileOutcome, type FileReport } from "./file-report";
import { readInputFile } from "./read-input-file";

/** Scans files one at a time with one scanner (its term automaton is built once). */
export class FileScanner {
  private readonly scanner: Scanner;

  constructor(
    private readonly policy: Policy,
    private readonly pdfReader?: PdfTextReader,
  ) {
    this.scanner = new Scanner(policy);
  }

  async scan(file: string, json: boolean): Promise<FileOutcome> {
    return outcomeOf(await this.report(file), json);
  }

  private async report(file: string): Promise<FileReport> {
    const { policy } = this;
    try {
      const extracted = await readInputFile(file, { limits: policy.limits, images: policy.images, ...(this.pdfReader !== undefined ? { pdfReader: this.pdfReader } : {}) });
      const result = this.scanner.scan(extracted.texts, extracted.unreadable);
      // Whom the mail goes to, as the add-in sees the draft's recipients; a document alone goes to no one named.
      const recipients: Recipient[] = (extracted.recipients ?? []).map((r) => ({ ...r, recipientType: "unknown" }));
      const judged = { findings: result.findings, recipients, policy: policy.send, countedConfidence: policy.detection.cpr.countedConfidence };
      const { cprs, terms } = countedFindings(judged);
      const context = termContext(judged);
      const standing = new Map<Finding, TermStanding>();
      for (const f of result.findings) if (f.kind === "term") standing.set(f, termStanding(f, context));
      return { file, findings: result.findings, counted: new Set<Finding>([...cprs, ...terms]), standing, unreadable: result.unreadable, errors: [] };
    } catch (e) {
      return failedReport(file, e instanceof Error ? e.message : String(e));
    }
  }
}
