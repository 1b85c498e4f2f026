/**
 * The event handlers. Every path ends in exactly one `event.completed` call: success,
 * block, Office API failure, exception, time-out or a broken policy. Anything unexpected
 * is a block with a message the user can act on, never a silent send.
 */
import { HEADER_CONFIRMED, applySubjectCodes, gatewayHeaders } from "../core/secure/gateway-markers";
import { blockMessage, protectionText } from "../core/i18n/block-message";
import { draftStatus } from "../core/status/draft-status";
import { protects, securingCanHelp } from "../core/secure/protection";
import { languageOf, stringsFor, type Strings } from "../core/i18n/strings";
import { failClosed, type Decision, type FailureKind, type ReasonCode, type SecureState } from "../core/policy/decide-send";
import { DEFAULT_SEND_POLICY } from "../core/policy/send-policy";
import type { Policy } from "../core/policy/policy";
import type { ComposeItem } from "../office/compose-item";
import { OfficeApiError } from "../office/office-call";
import { PolicyLoadError } from "../office/policy-source";
import type { SecureStateStore } from "../office/secure-state-store";
import { SMIME_SENT_KEY, type SessionStore } from "../draft/saved-summaries";
import { DraftChecker, type DraftCheck } from "../draft/draft-checker";
import { protectionOfDraft } from "../draft/protection-of-draft";
import { ENABLE_SECURE_BUTTON, OPEN_PANE_BUTTON, STATUS_KEY } from "./command-ids";

const CONFIRM_KEY = "sikkerPostConfirm";

export interface HandlerDeps {
  readonly item: () => ComposeItem;
  readonly store: () => SecureStateStore;
  readonly loadPolicy: () => Promise<Policy>;
  readonly displayLanguage: () => string | undefined;
  readonly supports: (mailboxVersion: string) => boolean;
  /** The draft's session data: the pending confirmation, and attachment results carried to a new runtime. */
  readonly session: SessionStore;
  /** Time budget before the policy is known. */
  readonly defaultTimeoutMs?: number;
  /** The clock for the gateway attestation's age (tests set it). */
  readonly now?: () => number;
  /** Makes the runtime's draft checker for a policy (by default one with the runtime's own readers). */
  readonly makeChecker?: (policy: Policy) => DraftChecker;
}

export interface CompletableEvent {
  completed(options?: Record<string, unknown>): void;
}

/** Wraps event.completed so that it runs once, whatever happens after. */
function once(event: CompletableEvent): (options?: Record<string, unknown>) => void {
  let done = false;
  return (options) => {
    if (done) return;
    done = true;
    try {
      event.completed(options);
    } catch {
      // Nothing more can be done: Outlook has the event either way.
    }
  };
}

function failureKind(e: unknown): { kind: FailureKind; detail: string } {
  if (e instanceof PolicyLoadError) return { kind: "policy", detail: e.message };
  if (e instanceof OfficeApiError) return { kind: e.api === "getAttachmentContentAsync" ? "attachment_read" : "office_api", detail: e.message };
  return { kind: "exception", detail: e instanceof Error ? e.name : "unknown" };
}

const FIXED_BY_SECURING: readonly ReasonCode[] = ["CPR_UNENCRYPTED", "SENSITIVE_UNENCRYPTED", "UNREADABLE_ATTACHMENT"];

/** `securingHelps`: the policy's protection can be had by "Send sikkert" (securingCanHelp). */
function blockOptions(decision: Decision, s: Strings, supports: (v: string) => boolean, securingHelps: boolean): Record<string, unknown> {
  const options: Record<string, unknown> = { allowEvent: false, errorMessage: blockMessage(decision, s) };
  if (supports("1.14")) {
    // One click in the dialog: turn on secure sending (then Send), or open the pane to see why.
    // commandId may name a task pane button from Mailbox 1.14, a function command only from 1.15.
    const securing = securingHelps && supports("1.15") && decision.reasons.every((r) => FIXED_BY_SECURING.includes(r.code));
    options.cancelLabel = securing ? s.cancelLabel : s.openPaneLabel;
    options.commandId = securing ? ENABLE_SECURE_BUTTON : OPEN_PANE_BUTTON;
  }
  return options;
}

export function createHandlers(deps: HandlerDeps) {
  const strings = (): Strings => stringsFor(languageOf(deps.displayLanguage()));
  const now = (): number => (deps.now ?? Date.now)();
  // One checker per runtime (this closure) and policy: it keeps what this runtime has read.
  let checker: DraftChecker | null = null;
  const checkerFor = (policy: Policy): DraftChecker => {
    if (checker?.policy !== policy) checker = (deps.makeChecker ?? ((p: Policy) => new DraftChecker(p)))(policy);
    return checker;
  };

  /**
   * Tells the gateway what the caseworker chose (gateway-markers.ts): every marker header set to
   * an explicit value, none removed; subject codes only added. Idempotent. The label method needs
   * no markers: the label itself travels with the mail.
   */
  async function writeMarkers(item: ComposeItem, state: SecureState, policy: Policy): Promise<void> {
    if (policy.send.protection.method !== "gateway") return;
    const markers = policy.send.markers;
    if (markers.method === "headers") {
      await item.setHeaders(gatewayHeaders(state, markers.headers));
      return;
    }
    const subject = await item.subject();
    const wanted = applySubjectCodes(subject, state, markers.subjectCodes);
    if (wanted !== subject) await item.setSubject(wanted);
  }

  /**
   * Label method: the caseworker chose secure sending, the mail needs it, and its label does not
   * encrypt (removed, never set). The add-in sets the policy's label and stops this send once, so
   * the mail goes knowingly with it on the next (Microsoft's verify-sensitivity-label sample
   * sets the label and lets the send go on; a caseworker should see what changed).
   */
  async function applyLabelOnce(item: ComposeItem, state: SecureState, policy: Policy, decision: Decision): Promise<Decision | null> {
    const p = policy.send.protection;
    if (p.method !== "label" || p.labels.apply === undefined || !state.encrypt || decision.secured) return null;
    if (decision.protection.kind !== "unverified" || decision.protection.why !== "label_not_encrypting") return null;
    if (decision.reasons.some((r) => !FIXED_BY_SECURING.includes(r.code) && r.code !== "PROTECTION_UNVERIFIED")) return null;
    await item.setSensitivityLabel(p.labels.apply);
    const label = p.labels.encrypting.find((l) => l.id === p.labels.apply);
    const protection = { kind: "label", id: p.labels.apply, name: label?.name ?? "", signs: label?.signs ?? false } as const;
    return { ...decision, reasons: [{ code: "LABEL_APPLIED", protection }], exposedRecipients: [], advice: [] };
  }

  async function sendCheck(complete: (o?: Record<string, unknown>) => void, setBudget: (ms: number) => void): Promise<void> {
    const item = deps.item();
    const [policy, state, confirmed] = await Promise.all([deps.loadPolicy(), deps.store().load(), deps.session.get(CONFIRM_KEY)]);
    setBudget(policy.send.scanTimeoutMs);
    // The pane sent this draft encrypted already; Outlook's Send would add a second, plain copy.
    if (policy.send.protection.method === "smime" && (await deps.session.get(SMIME_SENT_KEY)) !== undefined) {
      complete({ allowEvent: false, errorMessage: strings().smime.alreadySent });
      return;
    }
    const protection = await protectionOfDraft({ item, state, policy, supports: deps.supports, now: now() });
    const check = await checkerFor(policy).check({ item, state, protection, decisionOnly: true, savedSummaries: deps.session, ...(confirmed !== undefined ? { confirmedKey: confirmed } : {}) });
    const { decision } = check;
    const s = strings();
    if (decision.action === "block") {
      if (decision.confirmKey !== undefined) await deps.session.set(CONFIRM_KEY, decision.confirmKey);
      const labelled = await applyLabelOnce(item, state, policy, decision);
      // Not carried from here: the digests would delay the dialog where the runtime shares
      // Outlook's thread, and the status checks carry whatever the caseworker changes next.
      complete(blockOptions(labelled ?? decision, s, deps.supports, securingCanHelp(policy.send.protection, now())));
      return;
    }
    await writeMarkers(item, state, policy);
    // A confirmed warning is recorded in the mail itself: the key says what was confirmed, not the content.
    if (decision.confirmKey !== undefined) await item.setHeaders({ [HEADER_CONFIRMED]: decision.confirmKey });
    complete({ allowEvent: true });
  }

  function onMessageSendHandler(event: CompletableEvent): void {
    const complete = once(event);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const block = (decision: Decision): void => {
      complete(blockOptions(decision, strings(), deps.supports, false));
    };
    const setBudget = (ms: number): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        block(failClosed("timeout", `no answer within ${ms} ms`));
      }, Math.max(0, ms - (Date.now() - started)));
    };
    setBudget(deps.defaultTimeoutMs ?? DEFAULT_SEND_POLICY.scanTimeoutMs);
    sendCheck(complete, setBudget)
      .catch((e: unknown) => {
        const f = failureKind(e);
        block(failClosed(f.kind, f.detail));
      })
      .finally(() => {
        clearTimeout(timer);
      })
      .catch(() => undefined);
  }

  /** Status lines written in this runtime: a check that ends after a newer line was written does not overwrite it. */
  let statusWrites = 0;

  /** Recomputes the scan and the status bar while composing, so the send check has no surprises. */
  async function refreshStatus(): Promise<void> {
    const mine = ++statusWrites;
    const item = deps.item();
    const s = strings();
    let check: DraftCheck | null = null;
    let policy: Policy | null = null;
    try {
      policy = await deps.loadPolicy();
      const p = policy;
      const checkWith = async (state: SecureState): Promise<DraftCheck> => {
        const protection = await protectionOfDraft({ item, state, policy: p, supports: deps.supports, now: now() });
        return checkerFor(p).check({ item, state, protection, decisionOnly: true, savedSummaries: deps.session });
      };
      const state = await deps.store().load();
      check = await checkWith(state);
      await check.saveSummaries();
      // Secured meanwhile ("Send sikkert", the pane): the line must say what is true now.
      const latest = await deps.store().load();
      if (latest.sign !== state.sign || latest.encrypt !== state.encrypt) check = await checkWith(latest);
    } catch {
      check = null;
    }
    if (mine !== statusWrites) return;
    await item.showStatus(STATUS_KEY, draftStatus(check, policy, s).line);
  }

  function statusHandler(event: CompletableEvent): void {
    const complete = once(event);
    refreshStatus()
      .catch(() => undefined)
      .finally(() => {
        complete();
      })
      .catch(() => undefined);
  }

  /**
   * "Send sikkert", from the ribbon or the Smart Alerts dialog: records the choice with the draft
   * and, in the label method, sets the policy's encrypting label. The status line says what
   * protects the mail now, never more than the evidence shows.
   */
  async function secureDraft(): Promise<void> {
    const store = deps.store();
    const item = deps.item();
    const [state, policy] = await Promise.all([store.load(), deps.loadPolicy()]);
    // smime method: no marker or label can encrypt; only the pane's "Send krypteret" does. Say so, change nothing.
    if (policy.send.protection.method === "smime") {
      statusWrites++;
      await item.showStatus(STATUS_KEY, strings().status.useSmimePane);
      return;
    }
    const next = { ...state, sign: true, encrypt: true };
    await store.save(next);
    const apply = policy.send.protection.labels.apply;
    if (policy.send.protection.method === "label" && apply !== undefined && deps.supports("1.13")) await item.setSensitivityLabel(apply);
    const protection = await protectionOfDraft({ item, state: next, policy, supports: deps.supports, now: now() });
    const s = strings();
    statusWrites++;
    const text = protectionText(protection, s);
    await item.showStatus(STATUS_KEY, protects(protection, policy.send.protection) ? s.status.secured(text) : protection.kind === "unverified" ? s.status.unverified(text) : s.status.requested);
  }

  function enableSecureSending(event: CompletableEvent): void {
    const complete = once(event);
    secureDraft()
      .catch(() => undefined)
      .finally(() => {
        complete();
      })
      .catch(() => undefined);
  }

  return {
    onMessageSendHandler,
    onNewMessageComposeHandler: statusHandler,
    onMessageRecipientsChangedHandler: statusHandler,
    onMessageAttachmentsChangedHandler: statusHandler,
    onSensitivityLabelChangedHandler: statusHandler,
    enableSecureSending,
  };
}
