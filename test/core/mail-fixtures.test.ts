/** Real .eml/.msg fixtures (test/fixtures/mail, described in its README) through the whole scanner. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readInputFile } from "../../src/cli/read-input-file";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import type { CprFinding, ScanResult } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";

interface Expected {
  file: string;
  cpr: { value: string; where: string; path?: string[]; confidence?: string }[];
  terms: string[];
  mustNotFlag: string[];
  mayReportLow?: string[];
  mayBeUnreadable?: boolean;
}

const dir = join(__dirname, "..", "fixtures", "mail");
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected[];
const scanner = new Scanner(DEFAULT_POLICY, { today: { year: 2026, month: 11, day: 23 } });

async function scan(file: string): Promise<ScanResult | { error: string }> {
  try {
    const extracted = await readInputFile(join(dir, file));
    return scanner.scan(extracted.texts, extracted.unreadable);
  } catch (e) {
    return { error: String(e) };
  }
}

describe.each(expected)("fixture $file", (exp) => {
  let result: ScanResult | { error: string };
  beforeAll(async () => {
    result = await scan(exp.file);
  });

  it("finds exactly the CPR numbers listed, where they stand", () => {
    if ("error" in result) {
      expect(exp.mayBeUnreadable).toBe(true);
      expect(exp.cpr).toEqual([]);
      return;
    }
    const cprs = result.findings.filter((f): f is CprFinding => f.kind === "cpr");
    const counted = cprs.filter((f) => scanner.counts(f));
    expect(counted.map((f) => ({ value: f.value, where: f.where.part, path: f.where.path, confidence: f.confidence }))).toEqual(
      exp.cpr.map((c) => ({ value: c.value, where: c.where, path: c.path, confidence: c.confidence ?? "high" })),
    );
    const low = cprs.filter((f) => !scanner.counts(f)).map((f) => f.value.replace("-", ""));
    for (const v of low) expect(exp.mayReportLow ?? []).toContain(v);
  });

  it("finds the sensitive terms listed", () => {
    if ("error" in result) return;
    const found = new Set(result.findings.flatMap((f) => (f.kind === "term" ? [f.term] : [])));
    for (const t of exp.terms) expect(found).toContain(t);
  });

  it("does not flag the traps", () => {
    if ("error" in result) return;
    for (const f of result.findings) {
      const shown = f.kind === "term" ? f.matched : f.value;
      const digits = shown.replace(/\D/g, "");
      for (const trap of exp.mustNotFlag) {
        const trapDigits = trap.replace(/\D/g, "");
        if (f.kind === "term") expect(trap.toLowerCase().includes(shown.toLowerCase()) || shown.toLowerCase().includes(trap.toLowerCase())).toBe(false);
        else if (trapDigits.length > 0 && scanner.counts(f)) expect(trapDigits.includes(digits) || digits.includes(trapDigits)).toBe(false);
      }
    }
  });
});

describe("snippets", () => {
  it("mask every CPR number near a finding, including ones cut by the window", async () => {
    const { maskedSnippet } = await import("../../src/core/scan/scan-text");
    const { CprDetector } = await import("../../src/core/cpr/cpr-detector");
    const text = "Se 150372-3405 og 070761-4285 samt 010190-1234.";
    const cprs = new CprDetector({ today: { year: 2026, month: 11, day: 23 } }).find(text);
    const snippet = maskedSnippet(text, 18, 29, cprs);
    expect(snippet).not.toMatch(/\d{6}-\d{4}/);
    expect(snippet).toContain("070761-XXXX");
    expect(snippet).toContain("150372-XXXX");
  });
});
