/**
 * The host half of the pane's "Send krypteret": the user's address, the draft's session data,
 * discarding the draft, the certificate directory on the add-in's origin and Graph's fetch.
 */
import { parseCertDirectory, directoryUrl, type CertDirectory } from "../core/smime/cert-directory";
import type { MailAddress } from "../core/smime/draft-mime";
import type { GraphFetch } from "../taskpane/smime-send";
import { officeCall, officeVoidCall, supportsMailbox } from "./office-call";
import { setSessionValue } from "./secure-state-store";

export function mailboxUser(): MailAddress {
  const profile = Office.context.mailbox.userProfile;
  return { address: profile.emailAddress, name: profile.displayName };
}

/**
 * The draft's From address (item.from, Mailbox 1.7 in compose): another mailbox than the user's
 * (a shared one) when the user chose it; undefined where the client cannot say.
 */
export async function draftFrom(): Promise<string | undefined> {
  const from = (Office.context.mailbox.item as Office.MessageCompose).from as Office.From | undefined;
  if (from === undefined || !supportsMailbox("1.7")) return undefined;
  const details = await officeCall<Office.EmailAddressDetails>("from.getAsync", (cb) => {
    from.getAsync(cb);
  });
  return details.emailAddress;
}

/** item.sessionData (Mailbox 1.11); a client without it keeps no record, and the draft is discarded all the same. */
export function recordSent(key: string, value: string): Promise<void> {
  return setSessionValue(key, value);
}

/**
 * closeAsync({ discardItem: true }): Mailbox 1.14, task panes and function commands only
 * (@types/office-js MessageCompose.closeAsync; learn.microsoft.com/javascript/api/outlook/office.messagecompose).
 * Below 1.14 the draft cannot be closed by the add-in; the pane then tells the user to delete it.
 */
export async function discardDraft(): Promise<void> {
  if (!supportsMailbox("1.14")) throw new Error("closeAsync needs Mailbox 1.14");
  await officeVoidCall("closeAsync", (cb) => {
    (Office.context.mailbox.item as Office.MessageCompose).closeAsync({ discardItem: true }, cb);
  });
}

/** Far above an organisation's directory (a certificate is ~2 KB of PEM), far below what would freeze the pane. */
export const MAX_DIRECTORY_CHARS = 20_000_000;

/** The directory from the add-in's own origin (CSP connect-src 'self'), parsed and checked; no redirect is followed off it. */
export async function fetchDirectory(setting: string, origin: string = location.origin): Promise<CertDirectory> {
  const url = directoryUrl(setting, origin);
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin", redirect: "error" });
  if (response.status !== 200) throw new Error(`HTTP ${response.status} for ${url}`);
  const declared = Number(response.headers.get("Content-Length") ?? "0");
  if (declared > MAX_DIRECTORY_CHARS) throw new Error(`${url} is ${declared} bytes, over ${MAX_DIRECTORY_CHARS}`);
  const text = await response.text();
  if (text.length > MAX_DIRECTORY_CHARS) throw new Error(`${url} is over ${MAX_DIRECTORY_CHARS} characters`);
  return parseCertDirectory(JSON.parse(text) as unknown);
}

/** How long the pane waits for Graph's answer; past it the outcome is unknown (the mail may have gone). */
export const GRAPH_TIMEOUT_MS = 120_000;

// AbortSignal.timeout: Chromium 103, Safari 16; an older WebView waits as long as the network does.
export const graphFetch: GraphFetch = (url, init) =>
  fetch(url, { ...init, credentials: "omit", cache: "no-store", ...(typeof AbortSignal.timeout === "function" ? { signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS) } : {}) });
