/** Every user-facing string, one object per language. Danish first; English by Office's display language. */

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
    readonly CHECK_FAILED: string;
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
  };
  readonly digitalPost: string;
  readonly cancelLabel: string;
  readonly openPaneLabel: string;
  readonly status: {
    readonly secured: string;
    readonly notSecuredCpr: string;
    readonly notSecuredTerms: string;
    readonly notSecuredUnreadable: string;
    readonly clean: string;
    readonly internalOnly: string;
    readonly failed: string;
  };
  readonly category: Readonly<Record<string, string>>;
}

export const da: Strings = {
  where: { subject: "i emnefeltet", body: "i brødteksten", attachment: (p) => `i bilaget ${p}` },
  found: {
    cpr: (masked, where) => `CPR-nummer ${masked} ${where}`,
    cprMany: (n) => `${n} CPR-numre`,
    terms: (c) => `følsomme oplysninger (${c})`,
    unreadable: (p, r) => `bilaget ${p} kan ikke kontrolleres (${r})`,
  },
  unreadableReason: {
    encrypted: "krypteret eller beskyttet med adgangskode",
    corrupt: "beskadiget",
    over_limit: "for stort",
    unsupported_type: "filtypen kan ikke læses",
    image_only: "kun billeder, ingen tekst",
    no_content: "indholdet kunne ikke hentes",
    read_failed: "kunne ikke læses",
  },
  reason: {
    CPR_UNENCRYPTED: "Mailen indeholder CPR-numre og er ikke signeret og krypteret.",
    SENSITIVE_UNENCRYPTED: "Mailen indeholder følsomme personoplysninger og er ikke signeret og krypteret.",
    CPR_IN_SUBJECT: "Der står et CPR-nummer i emnefeltet. Emnefeltet krypteres aldrig.",
    UNREADABLE_ATTACHMENT: "Et bilag kan ikke kontrolleres, så mailen må ikke sendes ukrypteret.",
    SENSITIVE_CONFIRM: "Mailen ser ud til at indeholde følsomme personoplysninger.",
    UNREADABLE_CONFIRM: "Et bilag kan ikke kontrolleres.",
    CHECK_FAILED: "Sikker Post kunne ikke kontrollere mailen, så den er ikke sendt.",
  },
  failure: {
    office_api: "Outlook svarede ikke som forventet",
    exception: "der opstod en uventet fejl",
    timeout: "kontrollen tog for lang tid",
    policy: "organisationens politik for Sikker Post kunne ikke indlæses",
    attachment_read: "et bilag kunne ikke hentes fra Outlook",
  },
  recipients: (l) => `Modtagere uden for organisationen: ${l}.`,
  andMore: (n) => ` og ${n} mere`,
  fix: {
    secure: "Vælg \"Send sikkert\" for at signere og kryptere, og send igen.",
    subject: "Fjern CPR-nummeret fra emnefeltet.",
    confirm: "Er du sikker på, at modtageren må få oplysningerne ukrypteret? Send igen for at bekræfte. Dit valg registreres.",
    retry: "Prøv at sende igen. Sker det igen, så kontakt IT-supporten.",
    unreadable: "Fjern bilaget, eller vælg \"Send sikkert\".",
  },
  digitalPost: "Skriv til borgere via Digital Post, ikke til private mailadresser.",
  cancelLabel: "Send sikkert",
  openPaneLabel: "Åbn Sikker Post",
  status: {
    secured: "Sikker Post: signeret og krypteret.",
    notSecuredCpr: "Sikker Post: ikke sikret – indeholder CPR-nummer.",
    notSecuredTerms: "Sikker Post: ikke sikret – indeholder følsomme oplysninger.",
    notSecuredUnreadable: "Sikker Post: ikke sikret – et bilag kan ikke kontrolleres.",
    clean: "Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet.",
    internalOnly: "Sikker Post: kun interne modtagere.",
    failed: "Sikker Post: mailen kunne ikke kontrolleres.",
  },
  category: {
    health: "helbred",
    criminal: "strafbare forhold",
    social: "sociale forhold",
    ethnicity: "etnisk oprindelse",
    beliefs: "overbevisning",
    "trade-union": "fagforening",
    "sex-life": "seksuelle forhold",
    "genetic-biometric": "genetiske/biometriske data",
  },
};

export const en: Strings = {
  where: { subject: "in the subject", body: "in the body", attachment: (p) => `in the attachment ${p}` },
  found: {
    cpr: (masked, where) => `CPR number ${masked} ${where}`,
    cprMany: (n) => `${n} CPR numbers`,
    terms: (c) => `sensitive personal data (${c})`,
    unreadable: (p, r) => `the attachment ${p} cannot be checked (${r})`,
  },
  unreadableReason: {
    encrypted: "encrypted or password-protected",
    corrupt: "damaged",
    over_limit: "too large",
    unsupported_type: "file type cannot be read",
    image_only: "images only, no text",
    no_content: "its content could not be fetched",
    read_failed: "could not be read",
  },
  reason: {
    CPR_UNENCRYPTED: "The mail contains CPR numbers and is not signed and encrypted.",
    SENSITIVE_UNENCRYPTED: "The mail contains sensitive personal data and is not signed and encrypted.",
    CPR_IN_SUBJECT: "There is a CPR number in the subject. Subjects are never encrypted.",
    UNREADABLE_ATTACHMENT: "An attachment cannot be checked, so the mail must not be sent unencrypted.",
    SENSITIVE_CONFIRM: "The mail seems to contain sensitive personal data.",
    UNREADABLE_CONFIRM: "An attachment cannot be checked.",
    CHECK_FAILED: "Sikker Post could not check the mail, so it was not sent.",
  },
  failure: {
    office_api: "Outlook did not respond as expected",
    exception: "an unexpected error occurred",
    timeout: "the check took too long",
    policy: "your organisation's Sikker Post policy could not be loaded",
    attachment_read: "an attachment could not be fetched from Outlook",
  },
  recipients: (l) => `Recipients outside the organisation: ${l}.`,
  andMore: (n) => ` and ${n} more`,
  fix: {
    secure: "Choose \"Send securely\" to sign and encrypt, then send again.",
    subject: "Remove the CPR number from the subject.",
    confirm: "Are you sure the recipient may receive this unencrypted? Send again to confirm. Your choice is recorded.",
    retry: "Try sending again. If it happens again, contact IT support.",
    unreadable: "Remove the attachment, or choose \"Send securely\".",
  },
  digitalPost: "Write to citizens through Digital Post, not to private e-mail addresses.",
  cancelLabel: "Send securely",
  openPaneLabel: "Open Sikker Post",
  status: {
    secured: "Sikker Post: signed and encrypted.",
    notSecuredCpr: "Sikker Post: not protected – contains a CPR number.",
    notSecuredTerms: "Sikker Post: not protected – contains sensitive data.",
    notSecuredUnreadable: "Sikker Post: not protected – an attachment cannot be checked.",
    clean: "Sikker Post: no CPR numbers or sensitive data found.",
    internalOnly: "Sikker Post: internal recipients only.",
    failed: "Sikker Post: the mail could not be checked.",
  },
  category: {
    health: "health",
    criminal: "criminal matters",
    social: "social matters",
    ethnicity: "ethnic origin",
    beliefs: "beliefs",
    "trade-union": "trade union",
    "sex-life": "sex life",
    "genetic-biometric": "genetic/biometric data",
  },
};

/** Danish unless Office's display language is something else; English for every other language. */
export function languageOf(displayLanguage: string | undefined): Language {
  return displayLanguage === undefined || displayLanguage.toLowerCase().startsWith("da") ? "da" : "en";
}

export function stringsFor(lang: Language): Strings {
  return lang === "da" ? da : en;
}
