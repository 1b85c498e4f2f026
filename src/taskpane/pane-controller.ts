/**
 * Keeps the pane true to the current draft: state from the draft's store, findings from the
 * same check and decision as the send handler, re-run when the draft changes. Outlook has no
 * body-changed event, so the body is polled while the pane is open and re-scanned only when
 * it changed; the scan runs after a short pause in typing.
 */
import { checkDraft, scannerFor } from "../commands/check-draft";
import { STATUS_KEY } from "../commands/command-ids";
import { languageOf, stringsFor, type Strings } from "../core/i18n/strings";
import type { SecureState } from "../core/policy/decide-send";
import type { Policy } from "../core/policy/policy";
import { draftStatus } from "../core/status/draft-status";
import { methodGuidance } from "../core/i18n/block-message";
import { protectionOfDraft } from "../commands/protection-of-draft";
import { OutlookComposeItem, displayLanguage, supportsMailbox } from "../office/compose-item";
import { paneReaderLikeSendHandler } from "../office/pdf-reader-loader";
import { loadPolicy } from "../office/policy-source";
import { DraftStateStore } from "../office/secure-state-store";
import { paneModel } from "./pane-model";
import { PaneView } from "./pane-view";

const POLL_MS = 1500;
const DEBOUNCE_MS = 400;

export class PaneController {
  private readonly s: Strings;
  private readonly view: PaneView;
  private policy: Policy | null = null;
  private state: SecureState = { sign: false, encrypt: false };
  private lastSeen = "";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private generation = 0;

  constructor(root: HTMLElement) {
    const lang = languageOf(displayLanguage());
    this.s = stringsFor(lang);
    this.view = new PaneView(root, this.s, lang, { setState: (next) => void this.changeState(next) });
  }

  async start(): Promise<void> {
    try {
      this.policy = await loadPolicy();
      this.view.setMailboxes(this.policy.send.secureMailboxes);
      this.view.setGuidance(this.policy.guidance, languageOf(displayLanguage()), methodGuidance(this.policy.send.protection, Date.now(), this.s));
    } catch (e) {
      this.view.showStatus("failed", this.s.pane.statusFailed(this.s.failure.policy));
      throw e;
    }
    this.listen();
    await this.loadItem();
    setInterval(() => {
      void this.poll();
    }, POLL_MS);
  }

  private listen(): void {
    const mailbox = Office.context.mailbox;
    // A pinned pane stays open when the user moves to another draft (or to none).
    mailbox.addHandlerAsync(Office.EventType.ItemChanged, () => {
      void this.loadItem();
    });
  }

  private hasItem(): boolean {
    // A pinned pane between items sees no item, whatever the type declarations say.
    const item = Office.context.mailbox.item as Office.MessageCompose | null | undefined;
    return item !== null && item !== undefined;
  }

  private async loadItem(): Promise<void> {
    this.generation++;
    this.lastSeen = "";
    if (!this.hasItem()) {
      this.view.showStatus("no-item", this.s.pane.noItem);
      return;
    }
    const item = Office.context.mailbox.item as Office.MessageCompose;
    for (const type of [Office.EventType.RecipientsChanged, Office.EventType.AttachmentsChanged]) {
      item.addHandlerAsync(type, () => {
        this.schedule(0);
      });
    }
    try {
      this.state = await new DraftStateStore().load();
    } catch {
      this.state = { sign: false, encrypt: false };
    }
    this.view.showState(this.state);
    this.schedule(0);
  }

  private async changeState(next: SecureState): Promise<void> {
    this.state = next;
    this.view.showState(next);
    try {
      await new DraftStateStore().save(next);
    } catch {
      this.view.showStatus("failed", this.s.pane.statusFailed(this.s.failure.office_api));
      return;
    }
    this.schedule(0);
  }

  /** Cheap change detection: subject and body are read, and the scan runs only when they changed. */
  private async poll(): Promise<void> {
    if (!this.hasItem() || this.running) return;
    try {
      const item = new OutlookComposeItem();
      const [subject, body] = await Promise.all([item.subject(), item.bodyHtml()]);
      const seen = `${subject.length}:${body.length}:${subject}${body}`;
      if (seen !== this.lastSeen) {
        this.lastSeen = seen;
        this.schedule(DEBOUNCE_MS);
      }
    } catch {
      // The next poll tries again; the send handler checks for itself anyway.
    }
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.refresh();
    }, ms);
  }

  private async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    const policy = this.policy;
    if (policy === null || !this.hasItem()) return;
    this.running = true;
    const generation = this.generation;
    const item = new OutlookComposeItem();
    try {
      const protection = await protectionOfDraft({ item, state: this.state, policy, supports: supportsMailbox, now: Date.now() });
      // PDFs: read where this Outlook's send handler reads them too (not in classic Outlook).
      const check = await checkDraft({ item, policy, state: this.state, protection, pdfReader: paneReaderLikeSendHandler(Office.context.platform) });
      if (generation !== this.generation) return; // the user moved to another draft meanwhile
      this.view.showModel(paneModel(check, policy, scannerFor(policy), this.s));
      // The same line as the status handlers write: one derivation (draft-status.ts).
      await item.showStatus(STATUS_KEY, draftStatus(check, policy, this.s).line).catch(() => undefined);
    } catch {
      if (generation === this.generation) this.view.showStatus("failed", this.s.pane.statusFailed(this.s.failure.office_api));
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }
}
