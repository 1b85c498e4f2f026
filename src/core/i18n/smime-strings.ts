/** The pane's "Send krypteret" (smime method): every string of it, Danish first. */

export interface SmimeStrings {
  readonly title: string;
  readonly intro: (signs: boolean) => string;
  readonly send: string;
  readonly sending: string;
  readonly sent: (recipients: number) => string;
  readonly sentNotClosed: string;
  readonly keyTitle: string;
  readonly keyNone: string;
  readonly keyHave: (commonName: string, serial: string, until: string) => string;
  readonly keyNotNeeded: string;
  readonly keyFile: string;
  readonly password: string;
  readonly importKey: string;
  readonly removeKey: string;
  readonly keyImported: (commonName: string) => string;
  readonly keyRemoved: string;
  readonly keyStoreFailed: string;
  readonly certsTitle: string;
  readonly certFile: string;
  readonly importCert: string;
  readonly certImported: (commonName: string, addresses: string) => string;
  readonly certNoAddress: (commonName: string) => string;
  readonly recipientsTitle: string;
  readonly recipientOk: (address: string, commonName: string, serial: string) => string;
  readonly nothingSent: string;
  readonly noKey: string;
  readonly cloud: (name: string) => string;
  readonly tooLarge: (size: string, limit: string) => string;
  readonly naaUnsupported: string;
  readonly tokenFailed: (detail: string) => string;
  readonly graphError: (status: number, code: string) => string;
  readonly network: string;
  /** Graph's answer was lost or a server error: the mail may have gone (sendMail is not idempotent). */
  readonly outcomeUnknown: (detail: string) => string;
  /** The pane sent this draft already. */
  readonly alreadySent: string;
  /** The draft is addressed from another mailbox (a shared one) than the signed-in user's. */
  readonly otherSender: (from: string) => string;
  /** The sign-in Outlook gave is for another account than the one Outlook is signed in with. */
  readonly otherAccount: (username: string) => string;
  /** Recipients or subject changed (or another draft opened) while the mail was being built. */
  readonly draftChanged: string;
  readonly directoryFailed: (detail: string) => string;
  readonly blocked: (why: string) => string;
  readonly readFailed: string;
  readonly noRecipients: string;
  readonly notConfigured: string;
  readonly attachmentFailed: (name: string) => string;
}

export const SMIME_DA: SmimeStrings = {
  title: "Send krypteret (S/MIME)",
  intro: (signs) =>
    `Sikker Post ${signs ? "signerer mailen med din nøgle og krypterer den" : "krypterer mailen"} til hver modtager og til dig selv, kontrollerer resultatet og sender den gennem Microsoft 365. Kladden lukkes bagefter; den sendte mail ligger i Sendt post.`,
  send: "Send krypteret",
  sending: "Krypterer og sender …",
  sent: (n) => `Mailen er sendt krypteret til ${n === 1 ? "1 modtager" : `${n} modtagere`}. Kladden lukkes.`,
  sentNotClosed: "Mailen er sendt krypteret, men kladden kunne ikke lukkes. Slet kladden selv – send den ikke igen.",
  keyTitle: "Din nøgle (til signering)",
  keyNone: "Ingen nøgle. Importér din PKCS#12-fil (.p12/.pfx) for at signere.",
  keyHave: (cn, serial, until) => `Nøgle: "${cn}" (serienummer ${serial}), gyldig til ${until}.`,
  keyNotNeeded: "Organisationen krypterer uden at signere; der skal ingen nøgle til.",
  keyFile: "PKCS#12-fil",
  password: "Adgangskode til filen",
  importKey: "Importér nøgle",
  removeKey: "Fjern nøgle",
  keyImported: (cn) => `Nøglen "${cn}" er gemt i denne Outlook. Den kan bruges, men ikke kopieres ud igen.`,
  keyRemoved: "Nøglen er fjernet fra denne Outlook.",
  keyStoreFailed: "Nøglen kunne ikke gemmes i denne Outlook (browserlageret svarede ikke). Prøv igen, eller kontakt IT-supporten.",
  certsTitle: "Modtageres certifikater",
  certFile: "Certifikatfil (.cer/.pem)",
  importCert: "Importér certifikat",
  certImported: (cn, addresses) => `Certifikatet "${cn}" er gemt (${addresses}).`,
  certNoAddress: (cn) => `Certifikatet "${cn}" angiver ingen e-mailadresse og kan ikke bruges til en modtager.`,
  recipientsTitle: "Modtagere og certifikater",
  recipientOk: (address, cn, serial) => `${address}: "${cn}" (serienummer ${serial})`,
  nothingSent: "Intet er sendt; kladden er uændret.",
  noKey: "Der er ingen nøgle at signere med. Importér din PKCS#12-fil under \"Din nøgle\".",
  cloud: (name) => `Bilaget "${name}" er delt som link (OneDrive/SharePoint) og kan ikke krypteres. Vedhæft filen som kopi, eller fjern linket.`,
  tooLarge: (size, limit) => `Den krypterede mail fylder ${size}, og Microsoft Graph modtager højst ${limit} pr. mail. Fjern eller formindsk bilag, eller del dem på anden sikker vis.`,
  naaUnsupported:
    "Denne Outlook kan ikke give Sikker Post lov til at sende for dig (den mangler nested app authentication, NestedAppAuth 1.1). Brug Outlook på nettet eller den nye Outlook, eller kontakt IT-supporten.",
  tokenFailed: (detail) => `Sikker Post fik ikke lov til at sende for dig (${detail}). Prøv igen; sker det igen, så kontakt IT-supporten.`,
  graphError: (status, code) => `Microsoft 365 afviste mailen (HTTP ${status}, ${code}). Den er ikke sendt, og kladden er bevaret. Prøv igen; sker det igen, så kontakt IT-supporten og nævn koden.`,
  network: "Microsoft 365 kunne ikke nås. Mailen er ikke sendt, og kladden er bevaret. Tjek forbindelsen, og prøv igen.",
  outcomeUnknown: (detail) => `Svaret fra Microsoft 365 kom ikke frem (${detail}), så mailen kan være sendt. Se efter i Sendt post, før du prøver igen; kladden er bevaret.`,
  alreadySent: "Denne mail er allerede sendt krypteret fra Sikker Post-panelet. Slet kladden – send den ikke igen.",
  otherSender: (from) => `Mailen er sat til at blive sendt fra ${from}. Sikker Post kan kun sende krypteret fra din egen adresse, med din egen nøgle. Vælg din egen adresse i Fra-feltet, eller send mailen fra den fælles postkasse på anden sikker vis.`,
  otherAccount: (username) => `Log-ind til afsendelsen gjaldt ${username === "" ? "en anden konto" : username}, ikke den konto Outlook er logget ind med. Intet er sendt; kladden er uændret. Log ud af den anden konto i Outlook, eller kontakt IT-supporten.`,
  draftChanged: "Modtagerne eller emnet blev ændret, mens mailen blev gjort klar. Intet er sendt; tryk \"Send krypteret\" igen.",
  directoryFailed: (detail) => `Organisationens certifikatkatalog kunne ikke læses (${detail}). Kontakt IT-supporten.`,
  blocked: (why) => `Mailen kan ikke sendes, heller ikke krypteret: ${why}`,
  readFailed: "Kladden kunne ikke læses fra Outlook. Prøv igen.",
  noRecipients: "Mailen har ingen modtagere.",
  notConfigured: "Organisationens politik angiver ikke, hvordan der sendes krypteret (send.smime). Kontakt IT-supporten.",
  attachmentFailed: (name) => `Bilaget "${name}" kunne ikke hentes fra Outlook. Prøv igen, eller fjern bilaget.`,
};

export const SMIME_EN: SmimeStrings = {
  title: "Send encrypted (S/MIME)",
  intro: (signs) =>
    `Sikker Post ${signs ? "signs the mail with your key and encrypts it" : "encrypts the mail"} to every recipient and to you, checks the result and sends it through Microsoft 365. The draft is closed afterwards; the sent mail is in Sent Items.`,
  send: "Send encrypted",
  sending: "Encrypting and sending …",
  sent: (n) => `The mail was sent encrypted to ${n === 1 ? "1 recipient" : `${n} recipients`}. The draft is closed.`,
  sentNotClosed: "The mail was sent encrypted, but the draft could not be closed. Delete the draft yourself – do not send it again.",
  keyTitle: "Your key (for signing)",
  keyNone: "No key. Import your PKCS#12 file (.p12/.pfx) to sign.",
  keyHave: (cn, serial, until) => `Key: "${cn}" (serial ${serial}), valid until ${until}.`,
  keyNotNeeded: "Your organisation encrypts without signing; no key is needed.",
  keyFile: "PKCS#12 file",
  password: "File password",
  importKey: "Import key",
  removeKey: "Remove key",
  keyImported: (cn) => `The key "${cn}" is stored in this Outlook. It can be used, but not copied out again.`,
  keyRemoved: "The key was removed from this Outlook.",
  keyStoreFailed: "The key could not be stored in this Outlook (browser storage did not answer). Try again, or contact IT support.",
  certsTitle: "Recipients' certificates",
  certFile: "Certificate file (.cer/.pem)",
  importCert: "Import certificate",
  certImported: (cn, addresses) => `The certificate "${cn}" is stored (${addresses}).`,
  certNoAddress: (cn) => `The certificate "${cn}" names no e-mail address and cannot be used for a recipient.`,
  recipientsTitle: "Recipients and certificates",
  recipientOk: (address, cn, serial) => `${address}: "${cn}" (serial ${serial})`,
  nothingSent: "Nothing was sent; the draft is unchanged.",
  noKey: "There is no key to sign with. Import your PKCS#12 file under \"Your key\".",
  cloud: (name) => `The attachment "${name}" is shared as a link (OneDrive/SharePoint) and cannot be encrypted. Attach the file as a copy, or remove the link.`,
  tooLarge: (size, limit) => `The encrypted mail is ${size}, and Microsoft Graph accepts at most ${limit} per mail. Remove or shrink attachments, or share them another secure way.`,
  naaUnsupported:
    "This Outlook cannot let Sikker Post send for you (it lacks nested app authentication, NestedAppAuth 1.1). Use Outlook on the web or the new Outlook, or contact IT support.",
  tokenFailed: (detail) => `Sikker Post was not allowed to send for you (${detail}). Try again; if it happens again, contact IT support.`,
  graphError: (status, code) => `Microsoft 365 refused the mail (HTTP ${status}, ${code}). It was not sent, and the draft is kept. Try again; if it happens again, contact IT support and give the code.`,
  network: "Microsoft 365 could not be reached. The mail was not sent, and the draft is kept. Check the connection and try again.",
  outcomeUnknown: (detail) => `Microsoft 365's answer did not arrive (${detail}), so the mail may have been sent. Look in Sent Items before you try again; the draft is kept.`,
  alreadySent: "This mail was already sent encrypted from the Sikker Post pane. Delete the draft – do not send it again.",
  otherSender: (from) => `The mail is set to be sent from ${from}. Sikker Post can send encrypted only from your own address, with your own key. Choose your own address in the From field, or send the mail from the shared mailbox another secure way.`,
  otherAccount: (username) => `The sign-in for sending was for ${username === "" ? "another account" : username}, not the account Outlook is signed in with. Nothing was sent; the draft is unchanged. Sign the other account out of Outlook, or contact IT support.`,
  draftChanged: "The recipients or the subject changed while the mail was being prepared. Nothing was sent; press \"Send encrypted\" again.",
  directoryFailed: (detail) => `Your organisation's certificate directory could not be read (${detail}). Contact IT support.`,
  blocked: (why) => `The mail cannot be sent, not even encrypted: ${why}`,
  readFailed: "The draft could not be read from Outlook. Try again.",
  noRecipients: "The mail has no recipients.",
  notConfigured: "Your organisation's policy does not say how to send encrypted (send.smime). Contact IT support.",
  attachmentFailed: (name) => `The attachment "${name}" could not be fetched from Outlook. Try again, or remove it.`,
};
