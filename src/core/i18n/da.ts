/** Every Danish string of Sikker Post: the send messages, the status line, the task pane and the guidance. */
import type { Strings } from "./strings";

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
    image_ignored: "billede, ikke læst",
  },
  reason: {
    CPR_UNENCRYPTED: "Mailen indeholder CPR-numre og er ikke krypteret.",
    SENSITIVE_UNENCRYPTED: "Mailen indeholder følsomme personoplysninger og er ikke krypteret.",
    CPR_IN_SUBJECT: "Der står et CPR-nummer i emnefeltet. Emnefeltet krypteres aldrig.",
    UNREADABLE_ATTACHMENT: "Et bilag kan ikke kontrolleres, så mailen må ikke sendes ukrypteret.",
    SENSITIVE_CONFIRM: "Mailen ser ud til at indeholde følsomme personoplysninger.",
    UNREADABLE_CONFIRM: "Et bilag kan ikke kontrolleres.",
    PROTECTION_UNVERIFIED: "Sikker afsendelse er valgt, men intet viser, at mailen bliver krypteret:",
    LABEL_APPLIED: "Sikker Post har sat et følsomhedsmærkat, der krypterer mailen:",
    CHECK_FAILED: "Sikker Post kunne ikke kontrollere mailen, så den er ikke sendt.",
  },
  protection: {
    gateway: (date, signs) => `${signs ? "signeres og krypteres" : "krypteres"} af organisationens gateway (kontrolleret ${date})`,
    label: (name, signs) => `${signs ? "signeres og krypteres" : "krypteres"} med følsomhedsmærkatet "${name}"`,
    unverified: {
      gateway_unverified: () => "markeret – gatewayen er ikke kontrolleret af IT",
      gateway_expired: (since) => `markeret – gatewayen blev sidst kontrolleret ${since}, og kontrollen er udløbet`,
      label_unsupported: () => "denne Outlook kan ikke bruge følsomhedsmærkater",
      label_catalog_off: () => "følsomhedsmærkater er slået fra for dig",
      label_not_encrypting: () => "mailens følsomhedsmærkat krypterer ikke",
      label_read_failed: () => "Outlook svarede ikke om følsomhedsmærkatet",
    },
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
    secure: "Vælg \"Send sikkert\" for at kryptere, og send igen.",
    subject: "Fjern CPR-nummeret fra emnefeltet.",
    confirm: "Er du sikker på, at modtageren må få oplysningerne ukrypteret? Send igen for at bekræfte. Dit valg registreres.",
    retry: "Prøv at sende igen. Sker det igen, så kontakt IT-supporten.",
    unreadable: "Fjern bilaget, eller vælg \"Send sikkert\".",
    protection: "Mailen kan ikke sendes krypteret lige nu. Kontakt IT-supporten.",
    labelApplied: "Send igen for at sende mailen krypteret.",
  },
  digitalPost: "Skriv til borgere via Digital Post, ikke til private mailadresser.",
  cancelLabel: "Send sikkert",
  openPaneLabel: "Åbn Sikker Post",
  status: {
    requested: "Sikker Post: sikker afsendelse er valgt – kontrolleres ved afsendelse.",
    secured: (p) => `Sikker Post: ${p}.`,
    unverified: (p) => `Sikker Post: ikke sikret – ${p}.`,
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
  pane: {
    title: "Sikker Post",
    tabs: "Visning",
    tabStatus: "Status",
    tabGuidance: "Vejledning",
    checking: "Kontrollerer mailen …",
    noItem: "Åbn eller skriv en mail for at se dens status.",
    statusAllowed: "Kan sendes",
    statusBlocked: (why) => `Blokeres: ${why}`,
    statusSecured: (p) => `Sikret: ${p}`,
    statusUnverified: (p) => `Ikke sikret: ${p}`,
    statusFailed: (what) => `Kan ikke kontrolleres: ${what}`,
    short: {
      CPR_UNENCRYPTED: "CPR-nummer til modtager uden for organisationen, ikke krypteret",
      SENSITIVE_UNENCRYPTED: "følsomme oplysninger til modtager uden for organisationen, ikke krypteret",
      CPR_IN_SUBJECT: "CPR-nummer i emnefeltet",
      UNREADABLE_ATTACHMENT: "et bilag kan ikke kontrolleres",
      SENSITIVE_CONFIRM: "følsomme oplysninger – skal bekræftes ved afsendelse",
      UNREADABLE_CONFIRM: "et bilag kan ikke kontrolleres – skal bekræftes ved afsendelse",
      PROTECTION_UNVERIFIED: "intet viser, at mailen bliver krypteret",
      LABEL_APPLIED: "følsomhedsmærkat sat – send igen",
      CHECK_FAILED: "kontrollen fejlede",
    },
    turnOnSecure: "Slå sikker post til",
    secureIsOn: "Sikker post er slået til for denne mail.",
    secureGroup: "Sikker afsendelse",
    encrypt: "Send sikkert (kryptér)",
    protectionLabel: "Beskyttelse",
    mailbox: "Afsender (sikker postkasse)",
    mailboxOwn: "Min egen postkasse",
    findingsTitle: "Fundet i mailen",
    noFindings: "Ingen CPR-numre eller følsomme oplysninger fundet.",
    notCounted: "tæller ikke efter organisationens politik",
    externalTitle: "Modtagere uden for organisationen",
    noExternal: "Ingen – kun modtagere i organisationen.",
    unreadableTitle: "Bilag der ikke kan kontrolleres",
    picturesTitle: "Billeder, ikke læst",
    picturesNote: "Billeder i mailen (fx logoet i signaturen). Tekst i billeder læses ikke; organisationens politik lader dem gå.",
    cprWhy: {
      mod11_valid: "gyldig fødselsdato og gyldigt kontrolciffer",
      no_control_digit_date: "gyldig fødselsdato, som CPR-kontoret udsteder numre uden kontrolciffer til",
      mod11_invalid: "gyldig fødselsdato, men kontrolcifferet passer ikke",
      cpr_keyword_nearby: "der står CPR, personnummer eller fødselsdato lige ved siden af",
      other_number_keyword_nearby: "der står fx kontonr. eller fakturanr. lige ved siden af",
      part_of_longer_number: "ser ud til at være en del af et længere nummer",
      register_mostly_invalid: "står i en liste af numre, der for det meste ikke er CPR-numre",
    },
    termWhy: (category, basis) => `ord om ${category} (${basis})`,
    found: { cpr: "CPR-nummer", term: "Følsomt ord" },
  },
  guidance: {
    title: "Vejledning: personoplysninger i e-mail",
    disclaimer:
      "Dette er vejledning, ikke juridisk rådgivning. Din organisations egne regler og databeskyttelsesrådgiver (DPO) har det sidste ord.",
    sections: [
      {
        heading: "Send aldrig fortrolige eller følsomme oplysninger ukrypteret",
        paragraphs: [
          "Når en mail med fortrolige eller følsomme personoplysninger skal uden for organisationen, skal den krypteres. Det er Datatilsynets faste praksis, når oplysningerne sendes over internettet.",
          "Datatilsynet kræver ikke en digital signatur. En signatur viser, hvem der har sendt mailen, og at den ikke er ændret undervejs, men den beskytter ikke indholdet: det gør kun krypteringen.",
          "Vælg \"Slå sikker post til\" i dette panel eller \"Send sikkert\", når Outlook stopper mailen. Der er ikke noget ukrypteret alternativ for sådanne oplysninger.",
        ],
      },
      {
        heading: "Følsomme oplysninger",
        paragraphs: [
          "Databeskyttelsesforordningen (GDPR) art. 9 kalder disse oplysninger følsomme: race og etnisk oprindelse, politisk, religiøs eller filosofisk overbevisning, fagforeningsmæssigt tilhørsforhold, genetiske og biometriske data, helbred samt seksuelle forhold og seksuel orientering.",
          "Oplysninger om strafbare forhold er særligt beskyttet efter GDPR art. 10 og databeskyttelseslovens § 8. Databeskyttelsesloven (lov nr. 502 af 23. maj 2018) § 7 supplerer reglerne om følsomme oplysninger.",
        ],
      },
      {
        heading: "Fortrolige oplysninger",
        paragraphs: [
          "Fortrolige oplysninger skal beskyttes på samme måde. Det gælder blandt andet CPR-numre, oplysninger om strafbare forhold, væsentlige sociale problemer, økonomiske forhold og interne familieforhold.",
          "Databeskyttelseslovens § 11 regulerer, hvornår CPR-numre må behandles og videregives. Send kun et CPR-nummer, når modtageren har brug for det, og altid krypteret.",
        ],
      },
      {
        heading: "Sikkerhed er et krav",
        paragraphs: [
          "GDPR art. 5, stk. 1, litra f, kræver, at personoplysninger behandles fortroligt og beskyttes mod uautoriseret adgang. Art. 32 kræver passende sikkerhedsforanstaltninger, herunder kryptering, ud fra risikoen for de registrerede.",
        ],
      },
      {
        heading: "Hvornår kan tvungen TLS være nok?",
        paragraphs: [
          "Datatilsynet har accepteret, at tvungen TLS (version 1.2 eller nyere) mellem to mailservere i nogle tilfælde kan være tilstrækkelig kryptering under transporten. Det kræver, at forbindelsen faktisk er tvunget og aftalt med modtagerens organisation.",
          "Din organisation afgør i sin politik, hvilke modtagerdomæner det gælder for. Hvor risikoen for borgeren er høj, skal der bruges end-to-end-kryptering, så kun modtageren kan læse mailen.",
        ],
      },
      {
        heading: "Skriv til borgere via Digital Post",
        paragraphs: [
          "Breve til borgere med personoplysninger sendes via Digital Post (fx mit.dk eller e-Boks), ikke til en privat mailadresse som gmail.com eller hotmail.com.",
        ],
      },
      {
        heading: "Emnefeltet krypteres aldrig",
        paragraphs: [
          "Emnefeltet sendes altid i klar tekst, også i en krypteret mail. Skriv derfor aldrig et CPR-nummer eller følsomme oplysninger i emnet. Brug et sagsnummer i stedet.",
        ],
      },
      {
        heading: "Bilag der ikke kan kontrolleres",
        paragraphs: [
          "Sikker Post kan ikke se ind i krypterede eller adgangskodebeskyttede filer, billeder uden tekst eller filer delt som link. Sådanne bilag behandles som om de indeholder følsomme oplysninger: send sikkert, eller fjern bilaget.",
        ],
      },
    ],
    orgTitle: "Fra din organisation",
    methodTitle: "Sådan krypterer din organisation",
    method: {
      gateway: (date, signs) =>
        `Når du vælger "Send sikkert", markeres mailen, og organisationens mailgateway ${signs ? "signerer og krypterer" : "krypterer"} den, før den forlader organisationen. IT kontrollerede senest ${date}, at gatewayen gør det. Sikker Post tjekker, at kontrollen ikke er for gammel, hver gang du sender.`,
      unverified:
        "Når du vælger \"Send sikkert\", markeres mailen til organisationens mailgateway. IT har ikke bekræftet (eller ikke for nylig), at gatewayen krypterer markerede mails. Indtil det sker, kan mails med CPR-numre eller følsomme oplysninger ikke sendes ud af organisationen med Sikker Post. Brug Digital Post, eller kontakt IT.",
      markerAccepted:
        "Når du vælger \"Send sikkert\", markeres mailen til organisationens mailgateway. IT har ikke bekræftet, at gatewayen krypterer, men organisationens politik godtager markeringen alene. Spørg IT, hvis du er i tvivl om, hvad der sker med mailen.",
      label: (name, signs) =>
        `Når du vælger "Send sikkert", sætter Sikker Post følsomhedsmærkatet "${name}", som ${signs ? "signerer og krypterer" : "krypterer"} mailen (Microsoft Purview). Ved afsendelse læser Sikker Post mærkatet igen: fjernes det eller skiftes det til et, der ikke krypterer, stoppes mailen.`,
    },
  },
};
