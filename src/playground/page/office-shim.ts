/**
 * Stands in for Office.js in the playground's task pane iframe. The server rewrites the pane's
 * <script src="https://appsforoffice.microsoft.com/…/office.js"> to this file, so it runs where
 * Office.js would: before taskpane.js. It hands the pane the playground window's fake Office
 * object (same origin), so pane and send handler share one mailbox, as they do in Outlook.
 * It must be a file: the pane's Content-Security-Policy allows no inline script.
 *
 * It also plays the host's part in nested app authentication: `window.nestedAppAuthBridge`
 * (naa-bridge.ts), so the pane's MSAL gets a token the playground's fake Graph accepts.
 */
import { PLAYGROUND_USER } from "./compose-model";
import { createNaaBridge, fetchPlaygroundToken, type AuthBridge, type BridgeLogEntry } from "./naa-bridge";

interface PlaygroundHost {
  readonly office: unknown;
}

interface PlaygroundWindow {
  __sikkerPostPlayground?: PlaygroundHost;
  __SIKKER_POST_CONFIG__?: unknown;
}

const pane = window as unknown as PlaygroundWindow & { Office?: unknown; nestedAppAuthBridge?: AuthBridge; __sikkerPostNaaLog?: BridgeLogEntry[] };
let host: PlaygroundHost | undefined;
let parentWindow: PlaygroundWindow | undefined;
try {
  parentWindow = window.parent as unknown as PlaygroundWindow;
  host = parentWindow.__sikkerPostPlayground;
} catch {
  host = undefined;
}

if (host === undefined || parentWindow === undefined || window.parent === window) {
  // Opened on its own: there is no Outlook to talk to.
  console.error("Sikker Post playground: this page runs inside the playground (npm run playground), not on its own.");
} else {
  pane.Office = host.office;
  const log: BridgeLogEntry[] = [];
  pane.__sikkerPostNaaLog = log;
  pane.nestedAppAuthBridge = createNaaBridge(() => fetchPlaygroundToken(), { username: PLAYGROUND_USER.address, name: PLAYGROUND_USER.name }, log);
  // The admin policy URL, if the playground was started with --policy (see src/office/policy-source.ts).
  if (parentWindow.__SIKKER_POST_CONFIG__ !== undefined) pane.__SIKKER_POST_CONFIG__ = parentWindow.__SIKKER_POST_CONFIG__;
}

