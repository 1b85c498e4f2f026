/** The bundled lexicon, checked on load so a broken data file fails loudly, not silently. */
import data from "../lexicon/sensitive-terms.json";
import { LexiconError, type Lexicon, type TermCategory, type TermEntry } from "./lexicon";

export function checkLexicon(json: unknown): Lexicon {
  const lex = json as Partial<Lexicon>;
  if (typeof lex.id !== "string" || !Array.isArray(lex.categories) || !Array.isArray(lex.terms)) {
    throw new LexiconError("Lexicon must have id, categories and terms.");
  }
  const categories = lex.categories as TermCategory[];
  const ids = new Set(categories.map((c) => c.id));
  const terms = lex.terms as TermEntry[];
  for (const t of terms) {
    if (typeof t.term !== "string" || t.term === "" || !ids.has(t.category)) {
      throw new LexiconError(`Lexicon entry ${JSON.stringify(t)} has no term or an unknown category.`);
    }
  }
  return { id: lex.id, version: lex.version ?? "", source: lex.source ?? "", categories, terms };
}

export const DEFAULT_LEXICON: Lexicon = checkLexicon(data);
