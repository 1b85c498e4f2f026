/** The pane's S/MIME section on the Outlook adapters (IndexedDB, NAA, Graph, closeAsync); a chunk of its own (smime.js). */
import type { Policy } from "../core/policy/policy";
import { OutlookComposeItem } from "../office/compose-item";
import { NaaTokenSource } from "../office/naa-token";
import { discardDraft, draftFrom, fetchDirectory, graphFetch, mailboxUser, recordSent } from "../office/smime-host";
import { IndexedDbSmimeStore } from "../office/smime-key-store";
import { EMPTY_DIRECTORY } from "../core/smime/cert-directory";
import { SmimePane } from "./smime-pane";
import { SmimePanel } from "./smime-panel";
import { SENT_KEY } from "./smime-send";
import type { PaneController } from "./pane-controller";
import type { PaneView } from "./pane-view";

/** smime method: the S/MIME section, on the Outlook adapters (IndexedDB, NAA, Graph, closeAsync). */
export function startSmime(policy: Policy, controller: PaneController, view: PaneView): void {
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
      draftFrom,
      recordSent: (value) => recordSent(SENT_KEY, value),
      discardDraft,
      now: () => new Date(),
    },
    panel,
  );
  const started = pane;
  controller.onChecked((recipients) => void started.showRecipients(recipients));
  controller.onItemChanged(() => {
    started.draftChanged();
  });
  void started.start();
  // The first check may have run before this section existed.
  void new OutlookComposeItem()
    .recipients()
    .then((recipients) => started.showRecipients(recipients))
    .catch(() => undefined);
}
