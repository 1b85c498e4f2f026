/** The DOM of the pane's S/MIME section (smime-pane.ts has the logic). Text only through textContent. */
import type { Strings } from "../core/i18n/strings";
import { el, replaceChildren } from "./dom";
import type { SmimeDisplay } from "./smime-pane";

export interface SmimeActions {
  send(): void;
  importKey(bytes: Uint8Array, password: string): void;
  removeKey(): void;
  importCertificate(bytes: Uint8Array, name: string): void;
}

async function fileBytes(input: HTMLInputElement): Promise<{ bytes: Uint8Array; name: string } | null> {
  const file = input.files?.[0];
  if (file === undefined) return null;
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
}

export class SmimePanel implements SmimeDisplay {
  readonly root: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly messages: HTMLElement;
  private readonly recipients: HTMLElement;
  private readonly keyLine: HTMLElement;
  private readonly keyForm: HTMLElement;
  private readonly removeKeyButton: HTMLButtonElement;

  constructor(s: Strings, signs: boolean, actions: SmimeActions) {
    const m = s.smime;
    this.sendButton = el("button", { type: "button", class: "primary", "data-testid": "smime-send" }, m.send);
    this.messages = el("div", { role: "alert", "aria-live": "assertive", class: "smime-messages", "data-testid": "smime-messages", "data-kind": "info" });
    this.recipients = el("ul", { "aria-labelledby": "smime-recipients-h", "data-testid": "smime-recipients" });
    this.keyLine = el("p", { "data-testid": "smime-key" });
    const keyFile = el("input", { type: "file", id: "smime-key-file", accept: ".p12,.pfx,application/x-pkcs12" });
    const password = el("input", { type: "password", id: "smime-key-password", autocomplete: "off" });
    const importKey = el("button", { type: "button", "data-testid": "smime-import-key" }, m.importKey);
    this.removeKeyButton = el("button", { type: "button", "data-testid": "smime-remove-key", hidden: "" }, m.removeKey);
    this.keyForm = el(
      "div",
      { class: "field" },
      el("label", { for: "smime-key-file" }, m.keyFile),
      el("br"),
      keyFile,
      el("br"),
      el("label", { for: "smime-key-password" }, m.password),
      el("br"),
      password,
      el("br"),
      importKey,
    );
    const certFile = el("input", { type: "file", id: "smime-cert-file", accept: ".cer,.crt,.pem,.der" });
    const importCert = el("button", { type: "button", "data-testid": "smime-import-cert" }, m.importCert);
    this.root = el(
      "section",
      { class: "smime", "aria-labelledby": "smime-h", "data-testid": "smime" },
      el("h2", { id: "smime-h" }, m.title),
      el("p", { class: "muted" }, m.intro(signs)),
      this.sendButton,
      this.messages,
      el("h3", { id: "smime-recipients-h" }, m.recipientsTitle),
      this.recipients,
      el("h3", {}, m.keyTitle),
      this.keyLine,
      this.keyForm,
      this.removeKeyButton,
      el("h3", {}, m.certsTitle),
      el("div", { class: "field" }, el("label", { for: "smime-cert-file" }, m.certFile), el("br"), certFile, el("br"), importCert),
    );
    this.keyForm.hidden = !signs;
    this.sendButton.addEventListener("click", () => {
      actions.send();
    });
    importKey.addEventListener("click", () => {
      void fileBytes(keyFile).then((f) => {
        if (f === null) return;
        const pw = password.value;
        // The password is not kept: the field is cleared as soon as it is read.
        password.value = "";
        keyFile.value = "";
        actions.importKey(f.bytes, pw);
      });
    });
    this.removeKeyButton.addEventListener("click", () => {
      actions.removeKey();
    });
    importCert.addEventListener("click", () => {
      void fileBytes(certFile).then((f) => {
        if (f === null) return;
        certFile.value = "";
        actions.importCertificate(f.bytes, f.name);
      });
    });
  }

  showKey(text: string, canRemove: boolean, needed: boolean): void {
    this.keyLine.textContent = text;
    this.removeKeyButton.hidden = !canRemove;
    this.keyForm.hidden = !needed || canRemove;
  }

  showRecipients(lines: readonly { readonly text: string; readonly ok: boolean }[]): void {
    replaceChildren(this.recipients, ...lines.map((l) => el("li", { class: l.ok ? "ok" : "refused" }, l.text)));
  }

  showMessages(kind: "info" | "error" | "success", messages: readonly string[]): void {
    this.messages.setAttribute("data-kind", kind);
    replaceChildren(this.messages, ...messages.map((t) => el("p", {}, t)));
  }

  setBusy(busy: boolean): void {
    this.sendButton.disabled = busy;
    this.sendButton.setAttribute("aria-busy", String(busy));
  }
}
