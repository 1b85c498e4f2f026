/**
 * Keeps the pane true to the current draft: state from the draft's store, findings from the
 * same draft checker and decision as the send handler, re-run when the draft changes. Outlook
 * has no body-changed event, so the body is polled while the pane is open and re-scanned only
 * when it changed; the scan runs after a short pause in typing. All Outlook access goes through
 * the PaneHost (src/office/pane-host.ts), so the controller runs in a unit test.
 */
import { STATUS_KEY } from "../commands/command-ids";
import { methodGuidance } from "../core/i18n/block-message";
import { languageOf, stringsFor, type Language, type Strings } from "../core/i18n/strings";
import type { Decision, Recipient, SecureState } from "../core/policy/decide-send";
import type { Protection, ProtectionMethod } from "../core/secure/protection";
import type { GuidancePolicy, Policy } from "../core/policy/policy";
import type { SecureMailbox } from "../core/policy/send-policy";
import { draftStatus } from "../core/status/draft-status";
import { DraftChecker } from "../draft/draft-checker";
import { protectionOfDraft } from "../draft/protection-of-draft";
import type { PaneHost } from "../office/pane-host";
import { paneModel, type PaneModel } from "./pane-model";

export const POLL_MS = 1500;
export const DEBOUNCE_MS = 400;

/** What the controller asks of the pane's DOM (pane-view.ts). */
export interface PaneDisplay {
  showStatus(kind: string, text: string): void;
  showState(state: SecureState): void;
  showModel(model: PaneModel): void;
  setMailboxes(boxes: readonly SecureMailbox[]): void;
  setGuidance(policy: GuidancePolicy, lang: Language, method: string): void;
  /** The policy's protection method: the smime method has no "Slå sikker post til" switch. */
  setMethod?(method: ProtectionMethod): void;
}

const OFF: SecureState = { sign: false, encrypt: false };

export class PaneController {
  readonly s: Strings;
  private policy: Policy | null = null;
  private checker: DraftChecker | null = null;
  private state: SecureState = OFF;
  private lastSeen = "";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private again = false;
  private generation = 0;
  private view: PaneDisplay | null = null;
  private readonly checkedListeners: ((recipients: readonly Recipient[]) => void)[] = [];
  private readonly itemListeners: (() => void)[] = [];

  constructor(private readonly host: PaneHost) {
    this.s = stringsFor(languageOf(host.displayLanguage()));
  }

  /** Connects the view (built with this.s) and starts following the draft. */
  async start(view: PaneDisplay): Promise<void> {
    this.view = view;
    try {
      this.policy = await this.host.loadPolicy();
      this.checker = new DraftChecker(this.policy, { pdfReader: this.host.pdfReader() });
      view.setMailboxes(this.policy.send.secureMailboxes);
      view.setMethod?.(this.policy.send.protection.method);
      view.setGuidance(this.policy.guidance, languageOf(this.host.displayLanguage()), methodGuidance(this.policy.send.protection, this.host.now(), this.s));
    } catch (e) {
      view.showStatus("failed", this.s.pane.statusFailed(this.s.failure.policy));
      throw e;
    }
    // A pinned pane stays open when the user moves to another draft (or to none).
    this.host.onItemChanged(() => {
      for (const listener of this.itemListeners) listener();
      void this.loadItem();
    });
    await this.loadItem();
    this.poller = setInterval(() => {
      void this.poll();
    }, POLL_MS);
  }

  /** The loaded policy (null before start or when it failed to load). */
  get currentPolicy(): Policy | null {
    return this.policy;
  }

  /** Called when a pinned pane moves to another draft (or to none). */
  onItemChanged(listener: () => void): void {
    this.itemListeners.push(listener);
  }

  /** Called with the recipients after every check of the draft (the S/MIME section checks their certificates). */
  onChecked(listener: (recipients: readonly Recipient[]) => void): void {
    this.checkedListeners.push(listener);
  }

  /** The send decision for the open draft with the given protection: the same check as the send handler's. */
  async decide(protection: Protection): Promise<Decision> {
    const { checker } = this;
    const item = this.host.item();
    if (checker === null || item === null) throw new Error("no draft");
    // Only the decision: with S/MIME as the protection it needs the subject, not every attachment read again.
    return (await checker.check({ item, state: this.state, protection, decisionOnly: true })).decision;
  }

  /** Stops polling and pending checks (the pane closes). */
  stop(): void {
    clearInterval(this.poller);
    clearTimeout(this.timer);
    this.generation++;
  }

  /** The caseworker changed the secure state in the pane. */
  async changeState(next: SecureState): Promise<void> {
    this.state = next;
    this.view?.showState(next);
    try {
      await this.host.store().save(next);
    } catch {
      this.view?.showStatus("failed", this.s.pane.statusFailed(this.s.failure.office_api));
      return;
    }
    this.schedule(0);
  }

  private async loadItem(): Promise<void> {
    this.generation++;
    this.lastSeen = "";
    if (this.host.item() === null) {
      this.view?.showStatus("no-item", this.s.pane.noItem);
      return;
    }
    this.host.onDraftChanged(() => {
      this.schedule(0);
    });
    try {
      this.state = await this.host.store().load();
    } catch {
      this.state = OFF;
    }
    this.view?.showState(this.state);
    this.schedule(0);
  }

  /** Cheap change detection: subject and body are read, and the scan runs only when they changed. */
  private async poll(): Promise<void> {
    const item = this.host.item();
    if (item === null || this.running) return;
    try {
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
    const { policy, checker } = this;
    const item = this.host.item();
    if (policy === null || checker === null || item === null) return;
    this.running = true;
    const generation = this.generation;
    try {
      const protection = await protectionOfDraft({ item, state: this.state, policy, supports: (v) => this.host.supports(v), now: this.host.now() });
      const check = await checker.check({ item, state: this.state, protection });
      if (generation !== this.generation) return; // the user moved to another draft meanwhile
      this.view?.showModel(paneModel(check, policy, checker.scanner, this.s));
      // The same line as the status handlers write: one derivation (draft-status.ts).
      await item.showStatus(STATUS_KEY, draftStatus(check, policy, this.s).line).catch(() => undefined);
      for (const listener of this.checkedListeners) listener(check.recipients);
    } catch {
      if (generation === this.generation) this.view?.showStatus("failed", this.s.pane.statusFailed(this.s.failure.office_api));
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }
}
