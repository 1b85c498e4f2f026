/**
 * The labelled evaluation set (test/fixtures/terms/evaluation.jsonl) through the scanner and
 * decideSend, as the send handler runs them: default policy, not protected, one external
 * recipient that is not on a public webmail domain. Targets: at least 95 % of the mails about a
 * person are stopped (blocked or asked to confirm), at most 10 % of the business mails are.
 */
import { HOLDOUT_2_SET, HOLDOUT_3_SET, HOLDOUT_4_SET, HOLDOUT_5_SET, HOLDOUT_SET, describeEvaluation, evaluateTerms, loadEvaluationSet } from "../../bench/term-evaluation";
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

describe("sensitive terms: held-out set", () => {
  // Written after the person rule and its window were chosen; the bench reports its figures and
  // nothing is tuned to it, so no target is asserted here: only that it is a fair set.
  const holdout = loadEvaluationSet(HOLDOUT_SET);

  it("holds at least 40 mails of each kind, ids unique across both sets, no webmail recipients", () => {
    expect(holdout.filter((m) => m.label === "person").length).toBeGreaterThanOrEqual(40);
    expect(holdout.filter((m) => m.label === "business").length).toBeGreaterThanOrEqual(40);
    expect(new Set([...mails, ...holdout].map((m) => m.id)).size).toBe(mails.length + holdout.length);
    const webmail = holdout.filter((m) => DEFAULT_SEND_POLICY.publicWebmailDomains.some((d) => m.to.toLowerCase().endsWith(`@${d}`)));
    expect(webmail.map((m) => m.id)).toEqual([]);
    console.log(`Held-out evaluation: ${describeEvaluation(evaluateTerms(holdout))}`);
  });
});

describe("sensitive terms: second held-out set", () => {
  // Written before the lexicon's compound entries, after the first held-out set had been read;
  // reported by the bench, never tuned to, so again no target is asserted: only that it is fair.
  const holdout = loadEvaluationSet(HOLDOUT_SET);
  const holdout2 = loadEvaluationSet(HOLDOUT_2_SET);

  it("holds at least 30 mails of each kind, ids unique across all three sets, no webmail recipients", () => {
    expect(holdout2.filter((m) => m.label === "person").length).toBeGreaterThanOrEqual(30);
    expect(holdout2.filter((m) => m.label === "business").length).toBeGreaterThanOrEqual(30);
    expect(holdout2.every((m) => m.id.startsWith(m.label === "person" ? "h2p" : "h2b"))).toBe(true);
    const all = [...mails, ...holdout, ...holdout2];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const webmail = holdout2.filter((m) => DEFAULT_SEND_POLICY.publicWebmailDomains.some((d) => m.to.toLowerCase().endsWith(`@${d}`)));
    expect(webmail.map((m) => m.id)).toEqual([]);
    console.log(`Second held-out evaluation: ${describeEvaluation(evaluateTerms(holdout2))}`);
  });
});

describe("sensitive terms: third held-out set", () => {
  // Written before the lexicon's everyday words for illness and drinking, after the second
  // held-out set had been read; reported by the bench, never tuned to, so no target is asserted.
  const holdout = loadEvaluationSet(HOLDOUT_SET);
  const holdout2 = loadEvaluationSet(HOLDOUT_2_SET);
  const holdout3 = loadEvaluationSet(HOLDOUT_3_SET);

  it("holds at least 30 mails of each kind, ids unique across all four sets, no webmail recipients", () => {
    expect(holdout3.filter((m) => m.label === "person").length).toBeGreaterThanOrEqual(30);
    expect(holdout3.filter((m) => m.label === "business").length).toBeGreaterThanOrEqual(30);
    expect(holdout3.every((m) => m.id.startsWith(m.label === "person" ? "h3p" : "h3b"))).toBe(true);
    const all = [...mails, ...holdout, ...holdout2, ...holdout3];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const webmail = holdout3.filter((m) => DEFAULT_SEND_POLICY.publicWebmailDomains.some((d) => m.to.toLowerCase().endsWith(`@${d}`)));
    expect(webmail.map((m) => m.id)).toEqual([]);
    console.log(`Third held-out evaluation: ${describeEvaluation(evaluateTerms(holdout3))}`);
  });
});

describe("sensitive terms: fourth held-out set", () => {
  // Written before the lexicon's broad-coverage entries, after the third held-out set's figures
  // had been read; reported by the bench, never tuned to, so no target is asserted.
  const holdout = loadEvaluationSet(HOLDOUT_SET);
  const holdout2 = loadEvaluationSet(HOLDOUT_2_SET);
  const holdout3 = loadEvaluationSet(HOLDOUT_3_SET);
  const holdout4 = loadEvaluationSet(HOLDOUT_4_SET);

  it("holds at least 40 mails of each kind, ids unique across all five sets, no webmail recipients", () => {
    expect(holdout4.filter((m) => m.label === "person").length).toBeGreaterThanOrEqual(40);
    expect(holdout4.filter((m) => m.label === "business").length).toBeGreaterThanOrEqual(40);
    expect(holdout4.every((m) => m.id.startsWith(m.label === "person" ? "h4p" : "h4b"))).toBe(true);
    const all = [...mails, ...holdout, ...holdout2, ...holdout3, ...holdout4];
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const webmail = holdout4.filter((m) => DEFAULT_SEND_POLICY.publicWebmailDomains.some((d) => m.to.toLowerCase().endsWith(`@${d}`)));
    expect(webmail.map((m) => m.id)).toEqual([]);
    console.log(`Fourth held-out evaluation: ${describeEvaluation(evaluateTerms(holdout4))}`);
  });
});

describe("sensitive terms: fifth held-out set", () => {
  // Written by an author who read neither the source, the lexicon, the rules nor the other sets;
  // measured once, after the addressee rule was chosen. Reported by the bench, never tuned to.
  const all = [HOLDOUT_SET, HOLDOUT_2_SET, HOLDOUT_3_SET, HOLDOUT_4_SET, HOLDOUT_5_SET].flatMap((f) => loadEvaluationSet(f));
  const holdout5 = loadEvaluationSet(HOLDOUT_5_SET);

  it("holds 50 mails of each kind, ids unique across all six sets, no webmail recipients", () => {
    expect(holdout5.filter((m) => m.label === "person").length).toBe(50);
    expect(holdout5.filter((m) => m.label === "business").length).toBe(50);
    expect(holdout5.every((m) => m.id.startsWith(m.label === "person" ? "h5p" : "h5b"))).toBe(true);
    const every = [...mails, ...all];
    expect(new Set(every.map((m) => m.id)).size).toBe(every.length);
    const webmail = holdout5.filter((m) => DEFAULT_SEND_POLICY.publicWebmailDomains.some((d) => m.to.toLowerCase().endsWith(`@${d}`)));
    expect(webmail.map((m) => m.id)).toEqual([]);
    console.log(`Fifth held-out evaluation: ${describeEvaluation(evaluateTerms(holdout5))}`);
  });
});
