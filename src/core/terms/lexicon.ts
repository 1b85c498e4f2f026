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
