/** The bundled person anchors (words that tie a sensitive term to a person), checked on load like the lexicon. */
import data from "../lexicon/person-anchors.json";
import { LexiconError, type PersonAnchors } from "./lexicon";

type Loose = Record<string, unknown> | undefined;

function words(x: unknown, what: string): readonly string[] {
  if (!Array.isArray(x) || !x.every((w) => typeof w === "string" && w.trim() !== "")) {
    throw new LexiconError(`Person anchors: ${what} must be a list of words.`);
  }
  return x as string[];
}

function pair(x: unknown, what: string): { readonly da: readonly string[]; readonly en: readonly string[] } {
  const o = (typeof x === "object" && x !== null ? x : undefined) as Loose;
  return { da: words(o?.da, `${what}.da`), en: words(o?.en, `${what}.en`) };
}

export function checkPersonAnchors(json: unknown): PersonAnchors {
  const a = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  const base = { addressee: pair(a.addressee, "addressee"), references: pair(a.references, "references"), names: words(a.names, "names"), birthDate: pair(a.birthDate, "birthDate") };
  if (a.addresseeRule === undefined) return base;
  const r = (typeof a.addresseeRule === "object" && a.addresseeRule !== null ? a.addresseeRule : {}) as Record<string, unknown>;
  const addresseeRule = {
    possessive: words(r.possessive, "addresseeRule.possessive"),
    states: words(r.states, "addresseeRule.states"),
    genericBefore: words(r.genericBefore, "addresseeRule.genericBefore"),
    genericAfter: r.genericAfter === undefined ? [] : words(r.genericAfter, "addresseeRule.genericAfter"),
  };
  const all = new Set([...base.addressee.da, ...base.addressee.en]);
  const stray = addresseeRule.possessive.find((w) => !all.has(w));
  if (stray !== undefined) throw new LexiconError(`Person anchors: addresseeRule.possessive "${stray}" is not an addressee word.`);
  return { ...base, addresseeRule };
}

export const DEFAULT_PERSON_ANCHORS: PersonAnchors = checkPersonAnchors(data);
