/** Sensitive-term lexicon: data, not code. The policy can add, remove and re-weight entries. */

export type TermMatchMode =
  /** Word, its inflections, and inside compounds as head or tail (default). */
  | "compound"
  /** Only the word itself and its inflections or listed forms. */
  | "exact"
  /** At the start of a word, possibly followed by more compound parts. */
  | "head"
  /** At the end of a word, possibly preceded by compound parts. */
  | "tail";

export interface TermEntry {
  readonly term: string;
  readonly category: string;
  readonly lang: string;
  readonly match?: TermMatchMode;
  /** Irregular forms (e.g. "dommen" for "dom"). */
  readonly forms?: readonly string[];
  /**
   * false: only the term and its listed forms match, no regular endings. For words whose
   * regular endings make an everyday word ("kræft" + "er" is "kræfter", strength).
   */
  readonly inflect?: boolean;
  /** Overrides the category weight for this term. */
  readonly weight?: number;
}

export interface TermCategory {
  readonly id: string;
  readonly label: { readonly da: string; readonly en: string };
  readonly legalBasis: string;
  readonly weight: number;
}

export interface Lexicon {
  readonly id: string;
  readonly version: string;
  readonly source: string;
  readonly categories: readonly TermCategory[];
  readonly terms: readonly TermEntry[];
}

export interface LexiconChanges {
  /** Entries to add (a category that does not exist yet must be added too). */
  readonly addTerms?: readonly TermEntry[];
  readonly addCategories?: readonly TermCategory[];
  /** Terms to drop, in any spelling or case. */
  readonly removeTerms?: readonly string[];
  readonly disableCategories?: readonly string[];
  /** New weight per category id; 0 disables a category. */
  readonly categoryWeights?: Readonly<Record<string, number>>;
}

export class LexiconError extends Error {
  override readonly name = "LexiconError";
}

/** Applies a policy's changes to a lexicon and checks the result. */
export function applyLexiconChanges(base: Lexicon, changes: LexiconChanges = {}, fold: (s: string) => string): Lexicon {
  const weights = changes.categoryWeights ?? {};
  const disabled = new Set(changes.disableCategories ?? []);
  const categories = [...base.categories, ...(changes.addCategories ?? [])]
    .map((c) => ({ ...c, weight: weights[c.id] ?? c.weight }))
    .filter((c) => !disabled.has(c.id) && c.weight > 0);
  const known = new Set(categories.map((c) => c.id));
  const removed = new Set((changes.removeTerms ?? []).map(fold));
  const terms: TermEntry[] = [];
  for (const t of [...base.terms, ...(changes.addTerms ?? [])]) {
    if (removed.has(fold(t.term))) continue;
    if (!known.has(t.category)) {
      if (disabled.has(t.category) || weights[t.category] === 0) continue;
      throw new LexiconError(`Term "${t.term}" names unknown category "${t.category}".`);
    }
    terms.push(t);
  }
  return { ...base, categories, terms };
}

/**
 * Words that tie a sensitive term to a person (src/core/lexicon/person-anchors.json): personal
 * pronouns and forms of address ("hun", "borgeren", "your"), first names (counted only with a
 * capital letter), and the words a date of birth follows ("født", "f.", "born").
 */
export interface PersonAnchors {
  /** The reader: "du", "din", "your". Ties a term only a few words away, in the same sentence. */
  readonly addressee: { readonly da: readonly string[]; readonly en: readonly string[] };
  /**
   * How the reader is told from "you" in general (a job advert's "du skal", a policy's "hvis du
   * er syg"); absent, every addressee word ties. No addressee word ties after one of
   * `genericBefore` ("hvis", "når", "if"). `possessive` ("din", "your") ties only a term after
   * it; any other addressee word ties only when the next word is one of `states` ("du har", "du
   * er", "you have") and the word after the verb not one of `genericAfter` (a job advert's "du
   * har erfaring med", "du er velkommen").
   */
  readonly addresseeRule?: {
    readonly possessive: readonly string[];
    readonly states: readonly string[];
    readonly genericBefore: readonly string[];
    readonly genericAfter?: readonly string[];
  };
  /** Third-person pronouns and forms of address for one person: "hun", "borgeren", "the patient". */
  readonly references: { readonly da: readonly string[]; readonly en: readonly string[] };
  readonly names: readonly string[];
  readonly birthDate: { readonly da: readonly string[]; readonly en: readonly string[] };
}

/**
 * What makes a term finding about a person, as the detector found it: a reference near it, a
 * name near it, a date of birth in the same text, a subject over a text about a person, or
 * nothing ("topic": the text names a sensitive topic but says nothing that ties it to a person).
 * It holds no text of the mail (findings travel in session data, send-summary.ts): a reference
 * is given as the anchor list spells it ("borgeren"), a name or a date of birth not at all.
 */
export type TermAbout =
  /** `word`: the reference as the anchor list has it ("hun", "borgeren", "din"). */
  | { readonly kind: "reference"; readonly word: string }
  /** A term in the subject of a mail whose text refers to a person (`word`, as for "reference"). */
  | { readonly kind: "subject"; readonly word: string }
  | { readonly kind: "name" | "birthDate" }
  /** `teachingCase`: the mail's subject calls it a teaching case, so what ties the term is made up (Scanner.scan). */
  | { readonly kind: "topic"; readonly teachingCase?: true };
