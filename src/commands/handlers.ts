/**
 * The event handlers. Every path ends in exactly one `event.completed` call: success,
 * block, Office API failure, exception, time-out or a broken policy. Anything unexpected
 * is a block with a message the user can act on, never a silent send.
 */
import { HEADER_CONFIRMED, MARKER_HEADERS, applySubjectCodes, gatewayHeaders, stripSubjectCodes } from "../core/secure/gateway-markers";
import { blockMessage, statusLine } from "../core/i18n/block-message";
import { languageOf, stringsFor, type Strings } from "../core/i18n/strings";
import { failClosed, isInternal, type Decision, type FailureKind, type ReasonCode, type SecureState } from "../core/policy/decide-send";
import { DEFAULT_SEND_POLICY } from "../core/policy/send-policy";
import type { Policy } from "../core/policy/policy";
import { withholdsSending } from "../core/scan/findings";
import type { ComposeItem } from "../office/compose-item";
import { OfficeApiError } from "../office/office-call";
import { PolicyLoadError } from "../office/policy-source";
import type { SecureStateStore } from "../office/secure-state-store";
import type { SessionStore } from "./carried-results";
import { checkDraft, type DraftCheck } from "./check-draft";
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

function blockOptions(decision: Decision, s: Strings, supports: (v: string) => boolean): Record<string, unknown> {
  const options: Record<string, unknown> = { allowEvent: false, errorMessage: blockMessage(decision, s) };
  if (supports("1.14")) {
    // One click in the dialog: turn on secure sending (then Send), or open the pane to see why.
    // commandId may name a task pane button from Mailbox 1.14, a function command only from 1.15.
    const securing = supports("1.15") && decision.reasons.every((r) => FIXED_BY_SECURING.includes(r.code));
    options.cancelLabel = securing ? s.cancelLabel : s.openPaneLabel;
    options.commandId = securing ? ENABLE_SECURE_BUTTON : OPEN_PANE_BUTTON;
  }
  return options;
}

function statusOf(check: DraftCheck | null, failed: boolean, policy: Policy | null, counted: (f: DraftCheck["result"]["findings"][number]) => boolean): Parameters<typeof statusLine>[0] {
  const findings = check?.result.findings ?? [];
  return {
    failed,
    secured: check !== null && check.state.sign && check.state.encrypt,
    hasCpr: findings.some((f) => f.kind === "cpr" && counted(f)),
    hasTerms: findings.some((f) => f.kind === "term"),
    hasUnreadable: check?.result.unreadable.some(withholdsSending) ?? false,
    // The same rule as the decision: only the organisation's domains are internal, whatever Outlook's recipientType says.
    hasExternal: check !== null && policy !== null && check.recipients.some((r) => !isInternal(r, policy.send)),
  };
}

export function createHandlers(deps: HandlerDeps) {
  const strings = (): Strings => stringsFor(languageOf(deps.displayLanguage()));

  /** Applies or removes the gateway markers so that they match the state. Idempotent. */
  async function syncMarkers(item: ComposeItem, state: SecureState, policy: Policy): Promise<void> {
    const secured = state.sign && state.encrypt;
    if (policy.send.markers.method === "headers") {
      const headers = secured ? gatewayHeaders(state) : {};
      const stale = MARKER_HEADERS.filter((h) => !(h in headers));
      if (stale.length > 0) await item.removeHeaders(stale);
      if (Object.keys(headers).length > 0) await item.setHeaders(headers);
      return;
    }
    const subject = await item.subject();
    const codes = policy.send.markers.subjectCodes;
    const wanted = secured ? applySubjectCodes(subject, state, codes) : stripSubjectCodes(subject, codes);
    if (wanted !== subject) await item.setSubject(wanted);
  }

  async function sendCheck(complete: (o?: Record<string, unknown>) => void, setBudget: (ms: number) => void): Promise<void> {
    const item = deps.item();
    const [policy, state, confirmed] = await Promise.all([deps.loadPolicy(), deps.store().load(), deps.session.get(CONFIRM_KEY)]);
    setBudget(policy.send.scanTimeoutMs);
    const check = await checkDraft({ item, policy, state, decisionOnly: true, carried: deps.session, ...(confirmed !== undefined ? { confirmedKey: confirmed } : {}) });
    const { decision } = check;
    const s = strings();
    if (decision.action === "block") {
      if (decision.confirmKey !== undefined) await deps.session.set(CONFIRM_KEY, decision.confirmKey);
      // Not carried from here: the digests would delay the dialog where the runtime shares
      // Outlook's thread, and the status checks carry whatever the caseworker changes next.
      complete(blockOptions(decision, s, deps.supports));
      return;
    }
    await syncMarkers(item, state, policy);
    // A confirmed warning is recorded in the mail itself: the key says what was confirmed, not the content.
    if (decision.confirmKey !== undefined) await item.setHeaders({ [HEADER_CONFIRMED]: decision.confirmKey });
    complete({ allowEvent: true });
  }

  function onMessageSendHandler(event: CompletableEvent): void {
    const complete = once(event);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const block = (decision: Decision): void => {
      complete(blockOptions(decision, strings(), deps.supports));
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
    let failed = false;
    let policy: Policy | null = null;
    try {
      policy = await deps.loadPolicy();
      const state = await deps.store().load();
      check = await checkDraft({ item, policy, state, decisionOnly: true, carried: deps.session });
      await check.carryOn();
      // Secured meanwhile ("Send sikkert", the pane): the line must say what is true now.
      const now = await deps.store().load();
      if (now.sign !== state.sign || now.encrypt !== state.encrypt) check = await checkDraft({ item, policy, state: now, decisionOnly: true, carried: deps.session });
    } catch {
      failed = true;
    }
    if (mine !== statusWrites) return;
    const counted = (f: DraftCheck["result"]["findings"][number]): boolean =>
      f.kind === "term" || (policy?.detection.cpr.countedConfidence.includes(f.confidence) ?? true);
    await item.showStatus(STATUS_KEY, statusLine(statusOf(check, failed, policy, counted), s));
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

  /** "Send sikkert": turns on sign and encrypt for this draft, directly from the ribbon or the Smart Alerts dialog. */
  function enableSecureSending(event: CompletableEvent): void {
    const complete = once(event);
    const store = deps.store();
    store
      .load()
      .then((state) => store.save({ ...state, sign: true, encrypt: true }))
      .then(() => {
        statusWrites++;
        return deps.item().showStatus(STATUS_KEY, strings().status.secured);
      })
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
    enableSecureSending,
  };
}
