/**
 * The labelled evaluation set for sensitive terms (test/fixtures/terms/evaluation.jsonl): mails
 * about a person, which should be stopped, and business mails that only name a sensitive topic,
 * which should go. Each mail is scanned and decided as the send handler does: default policy,
 * not protected, its one recipient external and not on a public webmail domain.
 * Used by test/core/term-evaluation.test.ts (which asserts the targets) and by the bench.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { decideSend, type Recipient } from "../src/core/policy/decide-send";
import { DEFAULT_POLICY, type Policy } from "../src/core/policy/policy";
import { Scanner } from "../src/core/scan/scanner";
import { NO_PROTECTION } from "../src/core/secure/protection";

export interface EvaluationMail {
  readonly id: string;
  readonly label: "person" | "business";
  readonly subject: string;
  readonly body: string;
  readonly to: string;
}

export interface EvaluationResult {
  readonly persons: number;
  readonly business: number;
  /** Person mails blocked or asked to confirm. */
  readonly personsFlagged: number;
  /** Business mails blocked (a confirmation counts too: the user is stopped). */
  readonly businessBlocked: number;
  readonly recall: number;
  readonly falseBlockRate: number;
  /** Person mails that went through. */
  readonly missed: readonly string[];
  /** Business mails that were stopped. */
  readonly falselyBlocked: readonly string[];
}

/** A set in the repository: beside bench/ from the sources (ts-jest), two levels up from dist/bench. */
function fixture(name: string): string {
  const file = join("test", "fixtures", "terms", name);
  return [join(__dirname, "..", file), join(__dirname, "..", "..", file)].find((f) => existsSync(f)) ?? join(__dirname, "..", file);
}

export const EVALUATION_SET = fixture("evaluation.jsonl");
/** A set written apart from the fitted one; each is reported by the bench, none is tuned to after it was measured. */
export interface HeldOutSet {
  readonly file: string;
  /** How the bench names it: when it was written and what it has seen since. */
  readonly title: string;
  /** Its ids start with this and "p" (person) or "b" (business). */
  readonly idPrefix: string;
  /** Mails of each kind it holds at least. */
  readonly perKind: number;
}

/** In the order they were written (test/fixtures/terms/README.md tells each one's history). */
export const HELD_OUT_SETS: readonly HeldOutSet[] = [
  { file: fixture("holdout.jsonl"), title: "Held-out set (holdout.jsonl, written after the person rule; read since)", idPrefix: "h", perKind: 40 },
  { file: fixture("holdout-2.jsonl"), title: "Second held-out set (holdout-2.jsonl, written before the compound entries; read since)", idPrefix: "h2", perKind: 30 },
  { file: fixture("holdout-3.jsonl"), title: "Third held-out set (holdout-3.jsonl, written before the everyday-word entries; read since)", idPrefix: "h3", perKind: 30 },
  { file: fixture("holdout-4.jsonl"), title: "Fourth held-out set (holdout-4.jsonl, written before the broad-coverage entries; read since)", idPrefix: "h4", perKind: 40 },
  { file: fixture("holdout-5.jsonl"), title: "Fifth held-out set (holdout-5.jsonl, by an author who never saw the tool; read since)", idPrefix: "h5", perKind: 50 },
  { file: fixture("holdout-6.jsonl"), title: "Sixth held-out set (holdout-6.jsonl, by an author who never saw the tool; read since)", idPrefix: "h6", perKind: 50 },
  { file: fixture("holdout-7.jsonl"), title: "Seventh held-out set (holdout-7.jsonl, by an author who never saw the tool; read since)", idPrefix: "h7", perKind: 50 },
  { file: fixture("holdout-8.jsonl"), title: "Eighth held-out set (holdout-8.jsonl, by an author who never saw the tool; the independent figure)", idPrefix: "h8", perKind: 50 },
];

export function loadEvaluationSet(file = EVALUATION_SET): EvaluationMail[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EvaluationMail);
}

/** Whether the mail is stopped on its way to its external, non-webmail recipient. */
export function isStopped(scanner: Scanner, mail: EvaluationMail, policy: Policy = DEFAULT_POLICY): boolean {
  const result = scanner.scan([
    { part: "subject", format: "text", content: mail.subject },
    { part: "body", format: "text", content: mail.body },
  ]);
  const recipients: Recipient[] = [{ address: mail.to, field: "to", recipientType: "externalUser" }];
  const decision = decideSend({
    findings: result.findings,
    unreadable: result.unreadable,
    recipients,
    protection: NO_PROTECTION,
    policy: policy.send,
    countedConfidence: policy.detection.cpr.countedConfidence,
  });
  return decision.action === "block";
}

export function evaluateTerms(mails: readonly EvaluationMail[] = loadEvaluationSet(), policy: Policy = DEFAULT_POLICY): EvaluationResult {
  const scanner = new Scanner(policy);
  const missed: string[] = [];
  const falselyBlocked: string[] = [];
  let persons = 0;
  let business = 0;
  for (const mail of mails) {
    const stopped = isStopped(scanner, mail, policy);
    if (mail.label === "person") {
      persons++;
      if (!stopped) missed.push(mail.id);
    } else {
      business++;
      if (stopped) falselyBlocked.push(mail.id);
    }
  }
  return {
    persons,
    business,
    personsFlagged: persons - missed.length,
    businessBlocked: falselyBlocked.length,
    recall: persons === 0 ? 1 : (persons - missed.length) / persons,
    falseBlockRate: business === 0 ? 0 : falselyBlocked.length / business,
    missed,
    falselyBlocked,
  };
}

export function describeEvaluation(r: EvaluationResult): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return (
    `person mails flagged ${r.personsFlagged}/${r.persons} (recall ${pct(r.recall)}); ` +
    `business mails blocked ${r.businessBlocked}/${r.business} (false-block rate ${pct(r.falseBlockRate)})`
  );
}
