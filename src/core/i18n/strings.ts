/** The shape of every user-facing string; one object per language in da.ts and en.ts. Danish first. */
import { da } from "./da";
import { en } from "./en";
import type { UnverifiedWhy } from "../secure/protection";
import type { SmimeStrings } from "./smime-strings";

export type Language = "da" | "en";

export interface Strings {
  readonly where: { readonly subject: string; readonly body: string; readonly attachment: (path: string) => string };
  readonly found: {
    readonly cpr: (masked: string, where: string) => string;
    readonly cprMany: (count: number) => string;
    readonly terms: (categories: string) => string;
    readonly unreadable: (path: string, reason: string) => string;
  };
  readonly unreadableReason: Readonly<Record<string, string>>;
  readonly reason: {
    readonly CPR_UNENCRYPTED: string;
    readonly SENSITIVE_UNENCRYPTED: string;
    readonly CPR_IN_SUBJECT: string;
    readonly UNREADABLE_ATTACHMENT: string;
    readonly SENSITIVE_CONFIRM: string;
    readonly UNREADABLE_CONFIRM: string;
    readonly PROTECTION_UNVERIFIED: string;
    readonly LABEL_APPLIED: string;
    readonly SMIME_FROM_PANE: string;
    readonly CHECK_FAILED: string;
  };
  /** What protects a mail, in a phrase ("krypteres af gatewayen (kontrolleret 07.12.2026)"); never "signeret" unless something signs. */
  readonly protection: {
    readonly gateway: (date: string, signs: boolean) => string;
    readonly label: (name: string, signs: boolean) => string;
    /** S/MIME made by the pane (only the pane's own decision has it). */
    readonly smime: (signs: boolean) => string;
    readonly unverified: Readonly<Record<UnverifiedWhy, (since: string) => string>>;
  };
  readonly failure: {
    readonly office_api: string;
    readonly exception: string;
    readonly timeout: string;
    readonly policy: string;
    readonly attachment_read: string;
  };
  readonly recipients: (list: string) => string;
  readonly andMore: (n: number) => string;
  readonly fix: {
    readonly secure: string;
    readonly subject: string;
    readonly confirm: string;
    readonly retry: string;
    readonly unreadable: string;
    readonly protection: string;
    readonly labelApplied: string;
    /** smime method: how the mail goes out encrypted. */
    readonly smime: string;
  };
  readonly digitalPost: string;
  readonly cancelLabel: string;
  readonly openPaneLabel: string;
  readonly status: {
    /** "Send sikkert" was chosen; the send check says what protects the mail. */
    readonly requested: string;
    readonly secured: (protection: string) => string;
    readonly unverified: (protection: string) => string;
    readonly notSecuredCpr: string;
    readonly notSecuredTerms: string;
    readonly notSecuredUnreadable: string;
    /** smime method: the mail needs encryption and goes only with the pane's "Send krypteret". */
    readonly smimeFromPane: (what: string) => string;
    /** smime method: "Send sikkert" from the ribbon cannot encrypt; the pane can. */
    readonly useSmimePane: string;
    readonly clean: string;
    readonly internalOnly: string;
    readonly failed: string;
  };
  readonly category: Readonly<Record<string, string>>;
  readonly pane: PaneStrings;
  readonly smime: SmimeStrings;
  readonly guidance: GuidanceText;
}

export interface PaneStrings {
  readonly title: string;
  readonly tabs: string;
  readonly tabStatus: string;
  readonly tabGuidance: string;
  readonly checking: string;
  readonly noItem: string;
  readonly statusAllowed: string;
  readonly statusBlocked: (why: string) => string;
  readonly statusSecured: (protection: string) => string;
  readonly statusUnverified: (protection: string) => string;
  readonly statusFailed: (what: string) => string;
  /** smime method: blocked at Outlook's send, sent encrypted from the pane. */
  readonly statusSmime: (why: string) => string;
  /** Short reason per code, for the status line. */
  readonly short: Readonly<Record<string, string>>;
  readonly turnOnSecure: string;
  readonly secureIsOn: string;
  readonly secureGroup: string;
  readonly encrypt: string;
  readonly protectionLabel: string;
  readonly mailbox: string;
  readonly mailboxOwn: string;
  readonly findingsTitle: string;
  readonly noFindings: string;
  readonly notCounted: string;
  readonly externalTitle: string;
  readonly noExternal: string;
  readonly unreadableTitle: string;
  readonly picturesTitle: string;
  readonly picturesNote: string;
  readonly cprWhy: Readonly<Record<string, string>>;
  readonly termWhy: (category: string, legalBasis: string) => string;
  /**
   * Why a sensitive word counts, or that it does not (decideSend's termStanding; termStandingText).
   * `word`: the person reference as the anchor list spells it ("borgeren"); a name or a date of
   * birth is never repeated (findings hold no such text of the mail).
   */
  readonly termStanding: TermStandingStrings;
  readonly found: { readonly cpr: string; readonly term: string };
}

export interface TermStandingStrings {
  readonly reference: (word: string) => string;
  readonly name: string;
  readonly birthDate: string;
  readonly subject: (word: string) => string;
  readonly cpr: string;
  readonly webmail: string;
  /** Shown as information: the word does not stop the mail. */
  readonly topic: string;
  /** The subject calls the mail a teaching case: the person in it is made up (information too). */
  readonly teachingCase: string;
  readonly unchecked: string;
}

export interface GuidanceSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

export interface GuidanceText {
  readonly title: string;
  readonly disclaimer: string;
  readonly sections: readonly GuidanceSection[];
  readonly orgTitle: string;
  readonly methodTitle: string;
  /** What the organisation's protection method does, for the guidance (methodGuidance). */
  readonly method: {
    readonly gateway: (date: string, signs: boolean) => string;
    readonly unverified: string;
    /** minimumEvidence "marker": the organisation accepts the marker without a verified gateway. */
    readonly markerAccepted: string;
    readonly label: (name: string, signs: boolean) => string;
    readonly smime: (signs: boolean) => string;
  };
}

/** Danish unless Office's display language is something else; English for every other language. */
export function languageOf(displayLanguage: string | undefined): Language {
  return displayLanguage === undefined || displayLanguage.toLowerCase().startsWith("da") ? "da" : "en";
}

export function stringsFor(lang: Language): Strings {
  return lang === "da" ? da : en;
}

export { da, en };
