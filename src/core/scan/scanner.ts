/** The scanner: policy in, detectors built once, findings out. Used by the CLI, the send handler and the pane. */
import { CprDetector } from "../cpr/cpr-detector";
import type { CalendarDate } from "../cpr/cpr-rules";
import type { Policy } from "../policy/policy";
import { DEFAULT_LEXICON } from "../terms/default-lexicon";
import { foldTerm } from "../terms/fold";
import { applyLexiconChanges, type Lexicon, type PersonAnchors, type TermAbout } from "../terms/lexicon";
import { DEFAULT_PERSON_ANCHORS } from "../terms/person-anchors";
import { TermDetector } from "../terms/term-detector";
import { htmlToText } from "../text/html-to-text";
import type { Finding, MailPart, ScanResult, UnreadablePart } from "./findings";
import { scanTextPart, termOccurrences, type Detectors } from "./scan-text";

export interface ScannerOptions {
  /** "Today" for the no-future-birth-date rule (tests pin it). */
  readonly today?: CalendarDate;
  readonly lexicon?: Lexicon;
  /** Words that tie a term to a person; null: none, every term counts (the detector of before). */
  readonly personAnchors?: PersonAnchors | null;
}

/** One readable piece of a mail: its subject, a body, or text taken out of an attachment. */
export interface MailText {
  readonly part: MailPart;
  readonly path?: readonly string[];
  readonly format: "text" | "html";
  readonly content: string;
}

/**
 * A subject that calls the mail a teaching case: "Kursuscase til modul 3", "Case til undervisning",
 * "Øvelsescase", "Teaching case", "Case study". The person in such a text is made up, so what
 * ties a term to them ties it to no one; a CPR number or a private recipient still counts.
 * One alternation of fixed words: linear.
 */
const TEACHING_CASE = /(?:^|[^\p{L}])(?:(?:kursus|øvelses|undervisnings|trænings|eksamens|opgave)case|case (?:til|for) (?:undervisning|kursus|kursusdag|kursusgang|modul|øvelse|holdet)|teaching case|case stud(?:y|ies)|fiktiv(?:e|t)? (?:case|sag|eksempel))(?![\p{L}])/iu;

/** Whether a subject calls the mail a teaching case (TEACHING_CASE). */
export function isTeachingCase(subject: string): boolean {
  return TEACHING_CASE.test(subject);
}

export class Scanner {
  private readonly detectors: Detectors;
  readonly lexicon: Lexicon;

  constructor(
    readonly policy: Policy,
    options: ScannerOptions = {},
  ) {
    this.lexicon = applyLexiconChanges(options.lexicon ?? DEFAULT_LEXICON, policy.detection.terms, foldTerm);
    this.detectors = {
      cpr: new CprDetector({
        ...(options.today !== undefined ? { today: options.today } : {}),
        extraNoControlDigitDates: policy.detection.cpr.noControlDigitDates,
      }),
      terms: new TermDetector(this.lexicon, options.personAnchors === null ? undefined : (options.personAnchors ?? DEFAULT_PERSON_ANCHORS)),
    };
  }

  scanText(part: MailText): Finding[] {
    return this.scanPart(part);
  }

  /** The text around every match of each lexicon entry in a part, by "category/term" (termOccurrences). */
  termOccurrences(part: MailText): Map<string, string[]> {
    return termOccurrences(this.detectors, part.format === "html" ? htmlToText(part.content) : part.content);
  }

  private scanPart(part: MailText, isNew?: (kind: Finding["kind"], what: string) => boolean, onPerson?: (about: TermAbout) => void): Finding[] {
    const text = part.format === "html" ? htmlToText(part.content) : part.content;
    return scanTextPart(
      this.detectors,
      {
        part: part.part,
        ...(part.path !== undefined ? { path: part.path } : {}),
        text,
      },
      isNew,
      onPerson,
    );
  }

  /**
   * Scans every part. The same finding in the same part is reported once: a mail's text and
   * HTML bodies usually say the same thing twice. Repeats are recognised before their finding is built.
   * A subject names the matter and the text the person ("Underretning" over "…Hun kommer ofte
   * sulten i skole…"): a subject term that only names a topic is about a person when another
   * part scanned with it refers to one (a third-person reference or a date of birth; `word`
   * is the reference, "" for a date of birth).
   */
  scan(parts: readonly MailText[], unreadable: readonly UnreadablePart[] = []): ScanResult {
    const seen = new Set<string>();
    const findings: Finding[] = [];
    const mail: { person: TermAbout | null } = { person: null };
    for (const p of parts) {
      const where = [p.part, ...(p.path ?? [])].join("\u0000");
      const found = this.scanPart(
        p,
        (kind, what) => {
          const key = `${kind}\u0000${what}\u0000${where}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        },
        p.part === "subject" ? undefined : (about) => (mail.person ??= about),
      );
      for (let k = 0; k < found.length; k++) findings.push(found[k] as Finding);
    }
    // A teaching case's person is made up: a tie in the subject or the body is a topic (the pane
    // says why). Attachments keep theirs: the add-in reads them apart from the subject (on
    // attaching), and the CLI must count what the add-in counts.
    if (parts.some((p) => p.part === "subject" && isTeachingCase(p.content))) {
      for (let k = 0; k < findings.length; k++) {
        const f = findings[k] as Finding;
        if (f.kind === "term" && f.where.part !== "attachment" && f.about !== undefined && f.about.kind !== "topic") findings[k] = { ...f, about: { kind: "topic", teachingCase: true } };
      }
      return { findings, unreadable };
    }
    const person = mail.person;
    if (person !== null) {
      const word = person.kind === "reference" ? person.word : "";
      for (let k = 0; k < findings.length; k++) {
        const f = findings[k] as Finding;
        if (f.kind === "term" && f.where.part === "subject" && f.about?.kind === "topic") findings[k] = { ...f, about: { kind: "subject", word } };
      }
    }
    return { findings, unreadable };
  }

  /**
   * Whether the policy acts on a finding (low-confidence CPR matches are reported but, by default,
   * not acted on). A term that only names a topic counts too: whether it stops the mail depends on
   * the rest of the mail and its recipients, which decideSend weighs (termCounts).
   */
  counts(finding: Finding): boolean {
    return finding.kind === "term" || this.policy.detection.cpr.countedConfidence.includes(finding.confidence);
  }
}
