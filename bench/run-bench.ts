/**
 * `npm run bench`: prints throughput figures, pinned to one core where `taskset` can (see
 * one-core.ts). MB here is 10^6 characters of text. Timings are printed, never asserted.
 */
import { CprDetector } from "../src/core/cpr/cpr-detector";
import { DEFAULT_LEXICON } from "../src/core/terms/default-lexicon";
import { DEFAULT_PERSON_ANCHORS } from "../src/core/terms/person-anchors";
import { TermDetector } from "../src/core/terms/term-detector";
import { htmlToText } from "../src/core/text/html-to-text";
import { normaliseText } from "../src/core/text/normalise";
import { danishMailCorpus, digitsMixedSeparators, digitsSpacesDashes, noSpaces, spacedDigits } from "./corpus";
import { runCliBench } from "./cli-bench";
import { runExtractBench } from "./extract-bench";
import { runHandlerBench } from "./handler-bench";
import { HELD_OUT_SETS, describeEvaluation, evaluateTerms, loadEvaluationSet } from "./term-evaluation";
import { describeCores, runOnOneCore } from "./one-core";

const MB = 1e6;

function time(fn: () => unknown, repeat = 5): number {
  fn(); // warm-up: the figures are for JIT-compiled code
  fn();
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

function row(name: string, chars: number, seconds: number): number {
  const mbps = chars / MB / seconds;
  console.log(`${name.padEnd(44)} ${(chars / MB).toFixed(1).padStart(6)} MB ${(seconds * 1000).toFixed(0).padStart(7)} ms ${mbps.toFixed(1).padStart(8)} MB/s`);
  return seconds / (chars / MB);
}

/** SIKKER_POST_BENCH_ONLY=cli runs only the CLI's end-to-end section (on every core). */
const ONLY_ENV = "SIKKER_POST_BENCH_ONLY";

async function main(): Promise<void> {
  if (process.env[ONLY_ENV] === "cli") {
    await runCliBench();
    return;
  }
  const oneCore = runOnOneCore(__filename, process.argv.slice(2));
  if (oneCore.kind === "ran-pinned") {
    // The CLI's figures are for every core: measured here, outside the pinned run.
    process.exitCode = oneCore.status;
    if (oneCore.status === 0) await runCliBench();
    return;
  }
  const cpr = new CprDetector();
  const terms = new TermDetector(DEFAULT_LEXICON);
  console.log(`Sikker Post benchmark: node ${process.version}; lexicon ${terms.patternCount} patterns`);
  console.log(describeCores(oneCore));

  const prose = normaliseText(danishMailCorpus(50 * MB)).text;
  const digits = digitsSpacesDashes(10 * MB);
  const dense = noSpaces(10 * MB);
  let found = 0;

  console.log("\nDetectors on normalised text");
  const cprProse = row("CPR detector, Danish mail prose", prose.length, time(() => (found = cpr.find(prose).length)));
  console.log(`  (${found} candidate numbers reported)`);
  const cprDigits = row("CPR detector, digits/spaces/dashes", digits.length, time(() => cpr.find(digits)));
  const cprDense = row("CPR detector, no spaces", dense.length, time(() => cpr.find(dense)));
  const spaced = `CPR: ${spacedDigits(5 * MB)}`;
  const cprSpaced = row("CPR detector, spaced digits after a label", spaced.length, time(() => cpr.find(spaced)));
  const mixed = digitsMixedSeparators(5 * MB);
  const cprMixed = row("CPR detector, digits, mixed separators", mixed.length, time(() => cpr.find(mixed)));
  const termProse = row("Term detector, Danish mail prose", prose.length, time(() => (found = terms.find(prose).length)));
  console.log(`  (${found} term hits)`);
  // As the scanner builds it: with the words that tie a term to a person (target: within 10 % of the row above).
  const anchored = new TermDetector(DEFAULT_LEXICON, DEFAULT_PERSON_ANCHORS);
  row("Term detector with person anchors, prose", prose.length, time(() => anchored.find(prose)));
  row("  the same, first match of each term (scan)", prose.length, time(() => anchored.find(prose, true)));
  // A case list where every row holds a term and a person anchor: the anchored pass must stay linear.
  const caseRow = "Borgeren har misbrug og en diagnose; psykiatri. ";
  // Both long enough that start-up costs vanish (a 0.1 MB list is timed in a few ms, mostly noise).
  const shortList = caseRow.repeat(20_000);
  const longList = caseRow.repeat(200_000);
  const anchorShort = row("Term detector with anchors, case list 1 MB", shortList.length, time(() => anchored.find(shortList)));
  const anchorLong = row("Term detector with anchors, case list 10 MB", longList.length, time(() => anchored.find(longList)));
  console.log(`  cost per MB, long list relative to short (target ≤ 1.5): ${(anchorLong / anchorShort).toFixed(2)}`);
  const termDense = normaliseText(danishMailCorpus(20 * MB, 5, 0.05)).text;
  row("Term detector, term-dense prose (5 % hits)", termDense.length, time(() => terms.find(termDense)));
  const termDigits = row("Term detector, digits/spaces/dashes", digits.length, time(() => terms.find(digits)));
  const termNoSpaces = row("Term detector, no spaces", dense.length, time(() => terms.find(dense)));

  console.log("\nAdversarial cost per MB relative to prose (target ≤ 3.0)");
  console.log(`  CPR  digits/spaces/dashes ${(cprDigits / cprProse).toFixed(2)}  no spaces ${(cprDense / cprProse).toFixed(2)}  spaced ${(cprSpaced / cprProse).toFixed(2)}  mixed separators ${(cprMixed / cprProse).toFixed(2)}`);
  console.log(`  Term digits/spaces/dashes ${(termDigits / termProse).toFixed(2)}  no spaces ${(termNoSpaces / termProse).toFixed(2)}`);

  console.log("\nSensitive terms, labelled evaluation set (test/fixtures/terms; targets: recall ≥ 95 %, false blocks ≤ 10 %)");
  console.log(`  ${describeEvaluation(evaluateTerms())}`);
  for (const set of HELD_OUT_SETS) {
    console.log(`  ${set.title}:`);
    console.log(`  ${describeEvaluation(evaluateTerms(loadEvaluationSet(set.file)))}`);
  }

  console.log("\nText preparation");
  const raw = danishMailCorpus(20 * MB, 7);
  row("Normalisation, plain Danish text", raw.length, time(() => normaliseText(raw)));
  const odd = raw.slice(0, 5 * MB).replace(/ /g, "\u00a0").replace(/-/g, "\u2013");
  row("Normalisation, nbsp and en dashes everywhere", odd.length, time(() => normaliseText(odd), 1));
  const html = `<html><body>${raw
    .slice(0, 10 * MB)
    .split("\n\n")
    .map((p) => `<p><span style="font-family:Calibri">${p}</span></p>`)
    .join("")}</body></html>`;
  row("HTML to text", html.length, time(() => htmlToText(html), 1));

  await runHandlerBench();
  await runExtractBench();
  if (oneCore.kind === "unpinned") await runCliBench();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
