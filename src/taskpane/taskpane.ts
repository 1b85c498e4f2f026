/** Entry point of the task pane (taskpane.js). */
import "@fluentui/web-components/button.js";
import "@fluentui/web-components/switch.js";
import { PaneController } from "./pane-controller";
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
  new PaneController(root).start().catch(() => {
    if (root.querySelector('[role="status"]') === null) showFatal(root, "Sikker Post kunne ikke starte. Luk og åbn panelet igen, eller kontakt IT-supporten.");
  });
});
