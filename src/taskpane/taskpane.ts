/** Entry point of the task pane (taskpane.js). */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/switch.js";
import { languageOf } from "../core/i18n/strings";
import type { Policy } from "../core/policy/policy";
import { OutlookComposeItem } from "../office/compose-item";
import { NaaTokenSource } from "../office/naa-token";
import { outlookPaneHost } from "../office/pane-host";
import { discardDraft, fetchDirectory, graphFetch, mailboxUser, recordSent } from "../office/smime-host";
import { IndexedDbSmimeStore } from "../office/smime-key-store";
import { EMPTY_DIRECTORY } from "../core/smime/cert-directory";
import { PaneController } from "./pane-controller";
import { PaneView } from "./pane-view";
import { SmimePane } from "./smime-pane";
import { SmimePanel } from "./smime-panel";
import { SENT_KEY } from "./smime-send";
import { applyOfficeTheme } from "./theme";

function showFatal(root: HTMLElement, text: string): void {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = text;
  root.replaceChildren(p);
}

/** smime method: the S/MIME section, on the Outlook adapters (IndexedDB, NAA, Graph, closeAsync). */
function startSmime(policy: Policy, controller: PaneController, view: PaneView): void {
  const smime = policy.send.protection.smime;
  if (policy.send.protection.method !== "smime" || smime === undefined) return;
  const user = mailboxUser();
  let pane: SmimePane | null = null;
  const panel = new SmimePanel(controller.s, smime.mode !== "encrypt-only", {
    send: () => void pane?.send(),
    importKey: (bytes, password) => void pane?.importKey(bytes, password),
    removeKey: () => void pane?.removeKey(),
    importCertificate: (bytes, name) => void pane?.importCertificate(bytes, name),
  });
  view.addSection(panel.root);
  pane = new SmimePane(
    {
      item: new OutlookComposeItem(),
      policy,
      strings: controller.s,
      user,
      crypto,
      store: new IndexedDbSmimeStore(user.address),
      tokens: new NaaTokenSource(smime.graph.clientId),
      fetch: graphFetch,
      loadDirectory: () => (smime.directory === undefined ? Promise.resolve(EMPTY_DIRECTORY) : fetchDirectory(smime.directory)),
      decide: (protection) => controller.decide(protection),
      recordSent: (value) => recordSent(SENT_KEY, value),
      discardDraft,
      now: () => new Date(),
    },
    panel,
  );
  const started = pane;
  controller.onChecked((recipients) => void started.showRecipients(recipients));
  void started.start();
  // The first check may have run before this section existed.
  void new OutlookComposeItem()
    .recipients()
    .then((recipients) => started.showRecipients(recipients))
    .catch(() => undefined);
}

void Office.onReady(() => {
  const root = document.getElementById("app");
  if (root === null) return;
  applyOfficeTheme();
  try {
    Office.context.mailbox.addHandlerAsync(Office.EventType.OfficeThemeChanged, () => {
      applyOfficeTheme();
    });
  } catch {
    // Older hosts have no theme event; the theme read at start stays.
  }
  const controller = new PaneController(outlookPaneHost);
  const view = new PaneView(root, controller.s, languageOf(outlookPaneHost.displayLanguage()), { setState: (next) => void controller.changeState(next) });
  controller
    .start(view)
    .then(() => {
      const policy = controller.currentPolicy;
      if (policy !== null) startSmime(policy, controller, view);
    })
    .catch(() => {
      if (root.querySelector('[role="status"]') === null) showFatal(root, "Sikker Post kunne ikke starte. Luk og åbn panelet igen, eller kontakt IT-supporten.");
    });
});
