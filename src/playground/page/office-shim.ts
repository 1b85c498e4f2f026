/**
 * Stands in for Office.js in the playground's task pane iframe. The server rewrites the pane's
 * <script src="https://appsforoffice.microsoft.com/…/office.js"> to this file, so it runs where
 * Office.js would: before taskpane.js. It hands the pane the playground window's fake Office
 * object (same origin), so pane and send handler share one mailbox, as they do in Outlook.
 * It must be a file: the pane's Content-Security-Policy allows no inline script.
 */

interface PlaygroundHost {
  readonly office: unknown;
}

interface PlaygroundWindow {
  __sikkerPostPlayground?: PlaygroundHost;
  __SIKKER_POST_CONFIG__?: unknown;
}

const pane = window as unknown as PlaygroundWindow & { Office?: unknown };
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
  // The admin policy URL, if the playground was started with --policy (see src/office/policy-source.ts).
  if (parentWindow.__SIKKER_POST_CONFIG__ !== undefined) pane.__SIKKER_POST_CONFIG__ = parentWindow.__SIKKER_POST_CONFIG__;
}

export {};
