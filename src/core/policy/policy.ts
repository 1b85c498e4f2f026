/**
 * The organisation's policy. This issue covers detection settings; the send rules
 * build on the same object. A policy is plain JSON, validated with clear messages.
 */
import type { CprConfidence } from "../cpr/cpr-detector";
import type { LexiconChanges, TermCategory, TermEntry, TermMatchMode } from "../terms/lexicon";

export interface DetectionPolicy {
  readonly cpr: {
    /** Extra birth dates without a control digit, added to the CPR office's list (YYYY-MM-DD). */
    readonly noControlDigitDates: readonly string[];
    /** Which confidence levels count as a CPR number (the others are reported, not acted on). */
    readonly countedConfidence: readonly CprConfidence[];
  };
  readonly terms: LexiconChanges;
}

export interface Policy {
  readonly version: 1;
  readonly name: string;
  readonly detection: DetectionPolicy;
}

export const DEFAULT_POLICY: Policy = {
  version: 1,
  name: "Sikker Post standardpolitik",
  detection: {
    cpr: { noControlDigitDates: [], countedConfidence: ["high", "medium"] },
    terms: {},
  },
};

export class PolicyError extends Error {
  override readonly name = "PolicyError";
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const CONFIDENCES: readonly CprConfidence[] = ["high", "medium", "low"];
const MODES: readonly TermMatchMode[] = ["compound", "exact", "head", "tail"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(path: string, message: string): never {
  throw new PolicyError(`${path}: ${message}`);
}

function stringArray(v: Json, path: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === "string")) fail(path, "must be a list of strings");
  return v;
}

function checkKeys(obj: Record<string, Json>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(`${path}.${key}`, `unknown setting (allowed: ${allowed.join(", ")})`);
  }
}

function parseTermEntry(v: Json, path: string): TermEntry {
  if (!isObject(v)) fail(path, "must be an object with term, category and lang");
  checkKeys(v, ["term", "category", "lang", "match", "forms", "weight", "inflect"], path);
  if (v.inflect !== undefined && typeof v.inflect !== "boolean") fail(`${path}.inflect`, "must be true or false");
  const { term, category, lang, match, weight } = v;
  if (typeof term !== "string" || term.trim() === "") fail(`${path}.term`, "must be a non-empty string");
  if (typeof category !== "string") fail(`${path}.category`, "must be a string");
  if (lang !== undefined && typeof lang !== "string") fail(`${path}.lang`, "must be a string");
  if (match !== undefined && !MODES.includes(match as TermMatchMode)) fail(`${path}.match`, `must be one of ${MODES.join(", ")}`);
  if (weight !== undefined && (typeof weight !== "number" || weight < 0)) fail(`${path}.weight`, "must be a number ≥ 0");
  return {
    term,
    category,
    lang: lang ?? "da",
    ...(match !== undefined ? { match: match as TermMatchMode } : {}),
    ...(v.forms !== undefined ? { forms: stringArray(v.forms, `${path}.forms`) } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(typeof v.inflect === "boolean" ? { inflect: v.inflect } : {}),
  };
}

function parseCategory(v: Json, path: string): TermCategory {
  if (!isObject(v)) fail(path, "must be an object");
  checkKeys(v, ["id", "label", "legalBasis", "weight"], path);
  const { id, label, legalBasis, weight } = v;
  if (typeof id !== "string" || id === "") fail(`${path}.id`, "must be a non-empty string");
  if (!isObject(label) || typeof label.da !== "string" || typeof label.en !== "string") fail(`${path}.label`, 'must be {"da": ..., "en": ...}');
  if (typeof legalBasis !== "string") fail(`${path}.legalBasis`, "must be a string");
  if (typeof weight !== "number" || weight < 0) fail(`${path}.weight`, "must be a number ≥ 0");
  return { id, label: { da: label.da, en: label.en }, legalBasis, weight };
}

/** Reads a policy from parsed JSON. Missing settings take the default; wrong ones throw a PolicyError naming the setting. */
export function parsePolicy(json: Json): Policy {
  if (!isObject(json)) fail("policy", "must be a JSON object");
  checkKeys(json, ["$schema", "version", "name", "detection"], "policy");
  if (json.version !== 1) fail("policy.version", "must be 1");
  const name = json.name === undefined ? "Uden navn" : json.name;
  if (typeof name !== "string") fail("policy.name", "must be a string");
  const detection = json.detection ?? {};
  if (!isObject(detection)) fail("policy.detection", "must be an object");
  checkKeys(detection, ["cpr", "terms"], "policy.detection");

  const cpr = detection.cpr ?? {};
  if (!isObject(cpr)) fail("policy.detection.cpr", "must be an object");
  checkKeys(cpr, ["noControlDigitDates", "countedConfidence"], "policy.detection.cpr");
  const dates = stringArray(cpr.noControlDigitDates, "policy.detection.cpr.noControlDigitDates");
  for (const d of dates) {
    if (!ISO_DATE.test(d)) fail("policy.detection.cpr.noControlDigitDates", `"${d}" is not a date in the form YYYY-MM-DD`);
  }
  const counted =
    cpr.countedConfidence === undefined
      ? DEFAULT_POLICY.detection.cpr.countedConfidence
      : stringArray(cpr.countedConfidence, "policy.detection.cpr.countedConfidence");
  for (const c of counted) {
    if (!CONFIDENCES.includes(c as CprConfidence)) fail("policy.detection.cpr.countedConfidence", `"${c}" is not one of high, medium, low`);
  }
  if (!counted.includes("high")) fail("policy.detection.cpr.countedConfidence", "must include \"high\": a valid CPR number always counts");

  const terms = detection.terms ?? {};
  if (!isObject(terms)) fail("policy.detection.terms", "must be an object");
  checkKeys(terms, ["addTerms", "addCategories", "removeTerms", "disableCategories", "categoryWeights"], "policy.detection.terms");
  const addTerms = terms.addTerms === undefined ? [] : terms.addTerms;
  if (!Array.isArray(addTerms)) fail("policy.detection.terms.addTerms", "must be a list");
  const addCategories = terms.addCategories === undefined ? [] : terms.addCategories;
  if (!Array.isArray(addCategories)) fail("policy.detection.terms.addCategories", "must be a list");
  const weights = terms.categoryWeights ?? {};
  if (!isObject(weights) || !Object.values(weights).every((w) => typeof w === "number" && w >= 0)) {
    fail("policy.detection.terms.categoryWeights", "must map category ids to numbers ≥ 0");
  }
  return {
    version: 1,
    name,
    detection: {
      cpr: { noControlDigitDates: dates, countedConfidence: counted as CprConfidence[] },
      terms: {
        addTerms: addTerms.map((t, i) => parseTermEntry(t, `policy.detection.terms.addTerms[${i}]`)),
        addCategories: addCategories.map((c, i) => parseCategory(c, `policy.detection.terms.addCategories[${i}]`)),
        removeTerms: stringArray(terms.removeTerms, "policy.detection.terms.removeTerms"),
        disableCategories: stringArray(terms.disableCategories, "policy.detection.terms.disableCategories"),
        categoryWeights: weights as Record<string, number>,
      },
    },
  };
}
