/** Entry point of the task pane (taskpane.js). */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/switch.js";
import { languageOf } from "../core/i18n/strings";
import { outlookPaneHost } from "../office/pane-host";
import { PaneController } from "./pane-controller";
import { PaneView } from "./pane-view";
import { applyOfficeTheme } from "./theme";

function showFatal(root: HTMLElement, text: string): void {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = text;
  root.replaceChildren(p);
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
    .then(async () => {
      const policy = controller.currentPolicy;
      // The S/MIME code (pkijs, MSAL) is a chunk of its own, loaded only in the smime method.
      if (policy?.send.protection.method === "smime") {
        const { startSmime } = await import(/* webpackChunkName: "smime" */ "./smime-start");
        startSmime(policy, controller, view);
      }
    })
    .catch(() => {
      if (root.querySelector('[role="status"]') === null) showFatal(root, "Sikker Post kunne ikke starte. Luk og åbn panelet igen, eller kontakt IT-supporten.");
    });
});
