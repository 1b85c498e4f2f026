/**
 * The playground compose window's data rules, kept apart from the DOM so Jest can test them:
 * address parsing, which addresses count as internal, and turning picked files into the
 * attachments Outlook would hand the add-in.
 */
import type { FakeAttachment, FakeDraft, FakeLabel, FakeRecipient } from "../../fake-office/fake-office";

/** The simulated organisation: its users are Outlook "user" recipients, everyone else "externalUser". */
export const ORG_DOMAIN = "kommune.example.dk";

/** The caseworker signed in to the fake Outlook (the fake mailbox's userProfile, the NAA account, the S/MIME sender). */
export const PLAYGROUND_USER = { address: `sagsbehandler@${ORG_DOMAIN}`, name: "Sagsbehandler" } as const;

/**
 * Citizens saved in the caseworker's contacts. Outlook on the web (and classic Outlook before
 * Version 2210) reports such a contact as recipientType "user" although it is on gmail.com
 * (OfficeDev/office-js#3122, #2819); the playground does the same, so it shows that the add-in
 * decides by the policy's domains, not by that label.
 */
export const SAVED_CONTACTS: readonly string[] = ["jens.holm@gmail.com"];

/** The sensitivity labels of the simulated organisation (Purview), for the label method. */
export const PLAYGROUND_LABELS = {
  general: { id: "0a1b2c3d-4e5f-4a6b-8c7d-9e8f7a6b5c4d", name: "Generelt" },
  confidential: { id: "5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f", name: "Fortroligt" },
  encrypting: { id: "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b", name: "Fortroligt – krypteret" },
} as const;

/** The catalog as Office.context.sensitivityLabelsCatalog lists it: the encrypting label is a sublabel of "Fortroligt". */
export const PLAYGROUND_LABEL_CATALOG: readonly FakeLabel[] = [
  PLAYGROUND_LABELS.general,
  { ...PLAYGROUND_LABELS.confidential, children: [PLAYGROUND_LABELS.encrypting] },
];

export interface ParsedAddresses {
  readonly recipients: FakeRecipient[];
  /** Pieces that are not an e-mail address, to show back to the user. */
  readonly invalid: string[];
}

// One "@", no spaces, a dot in the domain. Linear: no nested quantifiers.
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+$/;

/** "Anna <anna@x.dk>; bo@y.dk" → recipients; Outlook marks the organisation's own users as "user". */
export function parseAddresses(text: string, orgDomain: string = ORG_DOMAIN): ParsedAddresses {
  const recipients: FakeRecipient[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[,;\n]/)) {
    const piece = raw.trim();
    if (piece === "") continue;
    const angle = /<([^<>]*)>\s*$/.exec(piece);
    const address = (angle?.[1] ?? piece).trim();
    if (!ADDRESS.test(address)) {
      invalid.push(piece);
      continue;
    }
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const domain = key.slice(key.lastIndexOf("@") + 1);
    const displayName = angle !== null ? piece.slice(0, piece.length - angle[0].length).trim().replace(/^"|"$/g, "") : "";
    recipients.push({
      emailAddress: address,
      ...(displayName !== "" ? { displayName } : {}),
      recipientType: domain === orgDomain.toLowerCase() || SAVED_CONTACTS.includes(key) ? "user" : "externalUser",
    });
  }
  return { recipients, invalid };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function isMail(name: string, type: string): boolean {
  return type === "message/rfc822" || name.toLowerCase().endsWith(".eml");
}

/**
 * A picked file as Outlook would attach it: an attached mail is an "item" whose content
 * comes back as EML text; anything else is a "file" whose content comes back as Base64.
 */
export function attachmentFromBytes(id: string, name: string, type: string, bytes: Uint8Array): FakeAttachment {
  if (isMail(name, type)) {
    return { id, name, attachmentType: "item", contentType: "message/rfc822", size: bytes.length, content: { format: "eml", content: new TextDecoder("utf-8").decode(bytes) } };
  }
  return { id, name, attachmentType: "file", contentType: type !== "" ? type : "application/octet-stream", size: bytes.length, content: { format: "base64", content: bytesToBase64(bytes) } };
}

/** A link to a file in OneDrive/SharePoint: Outlook gives the add-in no content for it. */
export function cloudAttachment(id: string, name: string, url: string): FakeAttachment {
  return { id, name, attachmentType: "cloud", size: 0, content: { format: "url", content: url } };
}

export interface SentMail {
  readonly subject: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly attachments: readonly string[];
  /** The headers the organisation's mail gateway would see. */
  readonly headers: Readonly<Record<string, string>>;
  /** The sensitivity label's name, where the draft has one. */
  readonly label?: string;
}

function labelName(id: string, list: readonly FakeLabel[] = PLAYGROUND_LABEL_CATALOG): string | undefined {
  for (const l of list) {
    if (l.id === id) return l.name;
    const inner = labelName(id, l.children ?? []);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

export function sentMail(draft: FakeDraft): SentMail {
  const addresses = (list: readonly FakeRecipient[]): string[] => list.map((r) => r.emailAddress);
  return {
    subject: draft.subject,
    to: addresses(draft.to),
    cc: addresses(draft.cc),
    bcc: addresses(draft.bcc),
    attachments: draft.attachments.map((a) => a.name),
    headers: { ...draft.internetHeaders },
    ...(draft.sensitivityLabel !== undefined && draft.sensitivityLabel !== "" ? { label: labelName(draft.sensitivityLabel) ?? draft.sensitivityLabel } : {}),
  };
}

/**
 * A saved draft opened again: a new compose session, so sessionData is gone, while what
 * was saved with the item (custom properties, headers, content) is still there.
 */
export function reopened(draft: FakeDraft): Partial<FakeDraft> {
  return { ...draft, sessionData: {}, notifications: {}, customProperties: { ...draft.customProperties } };
}
