/**
 * The task pane's view of Outlook: everything the pane controller needs of Office.context, behind
 * one small interface, as the handlers have theirs (HandlerDeps). Tests give the controller a
 * host over the fake mailbox; the pane's entry point gives it this one.
 */
import type { Policy } from "../core/policy/policy";
import { OutlookComposeItem, displayLanguage, supportsMailbox, type ComposeItem } from "./compose-item";
import { paneReaderLikeSendHandler } from "../pdf/script-loader";
import type { PdfTextReader } from "../core/extract/pdf-text";
import { loadPolicy } from "./policy-source";
import { PUBLIC_LIST_DOMAIN_SAFETY } from "../core/policy/public-domain-lists";
import { DraftStateStore, type SecureStateStore } from "./secure-state-store";

export interface PaneHost {
  /** The open draft, or null: a pinned pane between items sees none. */
  item(): ComposeItem | null;
  /** The open draft's secure state. */
  store(): SecureStateStore;
  loadPolicy(): Promise<Policy>;
  displayLanguage(): string | undefined;
  supports(mailboxVersion: string): boolean;
  /** The PDF reader the send handler of this Outlook has (none in classic Outlook), so the pane agrees with it. */
  pdfReader(): PdfTextReader | null;
  /** A pinned pane moved to another item (or to none). */
  onItemChanged(handler: () => void): void;
  /** The open draft's recipients or attachments changed. */
  onDraftChanged(handler: () => void): void;
  now(): number;
}

function openItem(): Office.MessageCompose | null {
  // A pinned pane between items sees no item, whatever the type declarations say.
  const item = Office.context.mailbox.item as Office.MessageCompose | null | undefined;
  return item ?? null;
}

export const outlookPaneHost: PaneHost = {
  item: () => (openItem() === null ? null : new OutlookComposeItem()),
  store: () => new DraftStateStore(),
  // The pane can carry the public suffix list; the send handler checks with its built-in lists only.
  loadPolicy: () => loadPolicy(undefined, undefined, PUBLIC_LIST_DOMAIN_SAFETY),
  displayLanguage,
  supports: supportsMailbox,
  pdfReader: () => paneReaderLikeSendHandler(Office.context.platform),
  onItemChanged: (handler) => {
    Office.context.mailbox.addHandlerAsync(Office.EventType.ItemChanged, handler);
  },
  onDraftChanged: (handler) => {
    const item = openItem();
    if (item === null) return;
    for (const type of [Office.EventType.RecipientsChanged, Office.EventType.AttachmentsChanged]) item.addHandlerAsync(type, handler);
  },
  now: () => Date.now(),
};
