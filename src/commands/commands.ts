/**
 * Entry point of the handler bundle (commands.js). Outlook on the web, new Outlook and Mac
 * load it through commands.html; classic Outlook on Windows runs it alone in its
 * JavaScript-only runtime, which has no DOM. Handlers are associated at the top level,
 * not inside Office.onReady, as the event-based activation docs require.
 */
// First: the stand-ins must exist before postal-mime's modules are evaluated.
import "./runtime-polyfills";
import { OutlookComposeItem, displayLanguage, supportsMailbox } from "../office/compose-item";
import { loadPolicy } from "../office/policy-source";
import { DraftStateStore, sessionValue, setSessionValue } from "../office/secure-state-store";
import type { Policy } from "../core/policy/policy";
import { createHandlers } from "./handlers";

let policyPromise: Promise<Policy> | null = null;

/** The policy is loaded once per runtime; a failure is not cached, so the next send tries again. */
function cachedPolicy(): Promise<Policy> {
  policyPromise ??= loadPolicy().catch((e: unknown) => {
    policyPromise = null;
    throw e;
  });
  return policyPromise;
}

const handlers = createHandlers({
  item: () => new OutlookComposeItem(),
  store: () => new DraftStateStore(),
  loadPolicy: cachedPolicy,
  displayLanguage,
  supports: supportsMailbox,
  session: { get: sessionValue, set: setSessionValue },
});

Office.actions.associate("onMessageSendHandler", handlers.onMessageSendHandler);
Office.actions.associate("onNewMessageComposeHandler", handlers.onNewMessageComposeHandler);
Office.actions.associate("onMessageRecipientsChangedHandler", handlers.onMessageRecipientsChangedHandler);
Office.actions.associate("onMessageAttachmentsChangedHandler", handlers.onMessageAttachmentsChangedHandler);
Office.actions.associate("onSensitivityLabelChangedHandler", handlers.onSensitivityLabelChangedHandler);
Office.actions.associate("enableSecureSending", handlers.enableSecureSending);

// Microsoft's event-based samples call Office.onReady() in the function file after associating
// the handlers; Office.context is not touched at the top level, where it may not be ready yet
// (classic Outlook can report Office.context.requirements as undefined: office-js#5091).
try {
  Promise.resolve(Office.onReady()).catch(() => undefined);
} catch {
  // A runtime without onReady still has the handlers above.
}
