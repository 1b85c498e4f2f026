/**
 * The labelled evaluation set (test/fixtures/terms/evaluation.jsonl) through the scanner and
 * decideSend, as the send handler runs them: default policy, not protected, one external
 * recipient that is not on a public webmail domain. Targets: at least 95 % of the mails about a
 * person are stopped (blocked or asked to confirm), at most 10 % of the business mails are.
 */
import { HELD_OUT_SETS, describeEvaluation, evaluateTerms, loadEvaluationSet } from "../../bench/term-evaluation";
import { DEFAULT_SEND_POLICY } from "../../src/core/policy/send-policy";

const mails = loadEvaluationSet();
const result = evaluateTerms(mails);

describe("sensitive terms: evaluation set", () => {
  it("holds at least 100 mails of each kind, with unique ids and no webmail recipients", () => {
    expect(mails.filter((m) => m.label === "person").length).toBeGreaterThanOrEqual(100);
    expect(mails.filter((m) => m.label === "business").length).toBeGreaterThanOrEqual(100);
    expect(new Set(mails.map((m) => m.id)).size).toBe(mails.length);
    const webmail = mails.filter((m) => DEFAULT_SEND_POLICY.publicWebmailDomains.some((d) => m.to.toLowerCase().endsWith(`@${d}`)));
    expect(webmail.map((m) => m.id)).toEqual([]);
  });

  it("stops at least 95 % of the mails about a person", () => {
    console.log(`Term evaluation: ${describeEvaluation(result)}`);
    if (result.recall < 0.95) throw new Error(`Recall below 95 %: ${describeEvaluation(result)}. Missed person mails: ${result.missed.join(", ")}`);
  });

  it("blocks at most 10 % of the business mails that only name a sensitive topic", () => {
    if (result.falseBlockRate > 0.1) throw new Error(`False-block rate above 10 %: ${describeEvaluation(result)}. Blocked business mails: ${result.falselyBlocked.join(", ")}`);
  });
});

describe("sensitive terms: held-out sets", () => {
  // Each was written apart from the fitted set and measured before anything was changed for it;
  // the bench reports their figures and nothing is tuned to a set before it is measured, so no
  // target is asserted here: only that each is a fair set.
  const sets = HELD_OUT_SETS.map((set) => ({ set, mails: loadEvaluationSet(set.file) }));

  it("ids unique across the fitted set and every held-out set", () => {
    const all = [...mails, ...sets.flatMap((s) => s.mails)];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
  });

  it.each(sets.map((s) => [s.set.title, s] as const))("%s: enough mails of each kind, ids of its own, no webmail recipients", (_title, { set, mails: held }) => {
    for (const label of ["person", "business"] as const) {
      expect(held.filter((m) => m.label === label).length).toBeGreaterThanOrEqual(set.perKind);
    }
    expect(held.every((m) => m.id.startsWith(`${set.idPrefix}${m.label === "person" ? "p" : "b"}`))).toBe(true);
    const webmail = held.filter((m) => DEFAULT_SEND_POLICY.publicWebmailDomains.some((d) => m.to.toLowerCase().endsWith(`@${d}`)));
    expect(webmail.map((m) => m.id)).toEqual([]);
    console.log(`${set.title}: ${describeEvaluation(evaluateTerms(held))}`);
  });
});
