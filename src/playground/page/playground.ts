/**
 * The playground's simulated Outlook compose window. It owns one FakeOffice (the same typed
 * fake the tests use) and runs the REAL built add-in against it:
 *  - the handler runtime: /addin/commands.html in a hidden frame, as Outlook on the web loads it;
 *    its handlers register through Office.actions.associate into the fake;
 *  - the task pane: /addin/taskpane.html in a frame beside the compose window.
 * Both frames get this window's fake Office object through office-shim.js, so pane, handler
 * and compose window share one mailbox, as they do in Outlook.
 */
import { ENABLE_SECURE_BUTTON, OPEN_PANE_BUTTON } from "../../commands/command-ids";
import { FakeOffice, emptyDraft, type CompletedCall, type FakeAttachment, type FakeDraft } from "../../fake-office/fake-office";
import { isInternal } from "../../core/policy/decide-send";
import { el, replaceChildren } from "../../taskpane/dom";
import { attachmentFromBytes, parseAddresses, PLAYGROUND_LABEL_CATALOG, reopened, sentMail, type SentMail } from "./compose-model";
import { sentSmimeItem, type SentSmimeView } from "./sent-smime";

/** A built-in policy the playground can switch to (server.ts, playgroundPolicies). */
interface Level {
  readonly id: string;
  readonly policyUrl: string;
}

/** The test PKI as the page shows it (server.ts, /playground-config.json). */
interface SmimeInfo {
  readonly senderP12: string;
  readonly password: string;
  readonly recipients: readonly { readonly address: string; readonly name: string; readonly certificate: string }[];
}

/** Outlook waits a long time for a send handler; the playground gives up sooner and says so. */
const SEND_WAIT_MS = 15000;
const HANDLER_LOAD_MS = 15000;

type Field = "to" | "cc" | "bcc";
const FIELDS: readonly Field[] = ["to", "cc", "bcc"];

interface PlaygroundWindow {
  __sikkerPostPlayground?: { office: unknown; fake: FakeOffice; restartHandlerRuntime: () => Promise<number> };
  __SIKKER_POST_CONFIG__?: { policyUrl: string };
}

function byId(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`playground.html has no #${id}`);
  return found;
}

const DARK = { bodyBackgroundColor: "#292929", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#1f1f1f", controlForegroundColor: "#ffffff", isDarkTheme: true };
const LIGHT = { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#242424", controlBackgroundColor: "#ffffff", controlForegroundColor: "#242424", isDarkTheme: false };

class Playground {
  // Outlook on the web: Mailbox 1.15, and nested app authentication, answered by the shim's bridge (naa-bridge.ts).
  private readonly fake = new FakeOffice({ mailboxVersion: "1.15", displayLanguage: "da-DK", platform: "OfficeOnline", labels: { enabled: true, catalog: PLAYGROUND_LABEL_CATALOG }, nestedAppAuth: true });
  /** The draft left with "Ny mail", and its editor content as the user wrote it. */
  private previous: { draft: FakeDraft; body: DocumentFragment } | null = null;
  private nextAttachmentId = 1;
  /** The policy's internal domains, for the recipient chips. */
  private internalDomains: readonly string[] = [];
  private levels: readonly Level[] = [];
  /** Launch-event handlers (status checks) running now. */
  private statusChecks = 0;
  private handlerFrame: HTMLIFrameElement | null = null;
  private readonly sent: SentMail[] = [];
  /** S/MIME messages from the fake Graph already shown in "Sendt post", by the server's id. */
  private readonly shownSmime = new Set<number>();
  private recipientsTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly ui = {
    pageError: (byId("page-error") as HTMLParagraphElement),
    notifications: (byId("notifications") as HTMLDivElement),
    send: (byId("send") as HTMLButtonElement),
    progress: (byId("send-progress")),
    to: (byId("to") as HTMLInputElement),
    subject: (byId("subject") as HTMLInputElement),
    body: (byId("body") as HTMLDivElement),
    file: (byId("file") as HTMLInputElement),
    sample: (byId("sample") as HTMLSelectElement),
    attachSample: (byId("attach-sample") as HTMLButtonElement),
    attachments: (byId("attachments") as HTMLUListElement),
    newMail: (byId("new-mail") as HTMLButtonElement),
    previousMail: (byId("previous-mail") as HTMLButtonElement),
    secureRibbon: (byId("secure-ribbon") as HTMLButtonElement),
    paneToggle: (byId("pane-toggle") as HTMLButtonElement),
    paneHost: (byId("pane-host")),
    paneClose: (byId("pane-close") as HTMLButtonElement),
    theme: (byId("theme-toggle") as HTMLButtonElement),
    language: (byId("language") as HTMLSelectElement),
    levelRow: byId("level-row"),
    level: (byId("protection-level") as HTMLSelectElement),
    labelRow: byId("label-row"),
    labelPicker: (byId("label-picker") as HTMLSelectElement),
    sentLog: (byId("sent-log") as HTMLOListElement),
    sentEmpty: (byId("sent-empty") as HTMLParagraphElement),
    discarded: (byId("discarded") as HTMLParagraphElement),
    smimeInfo: byId("smime-info"),
    smimeKeyRow: byId("smime-key-row"),
    smimeEncryptOnlyNote: byId("smime-encrypt-only-note"),
    smimePassword: byId("smime-password"),
    smimeP12: (byId("smime-p12") as HTMLAnchorElement),
    smimeRecipients: (byId("smime-recipients") as HTMLUListElement),
    alert: (byId("alert") as HTMLDialogElement),
    alertMessage: (byId("alert-message") as HTMLParagraphElement),
    alertPrimary: (byId("alert-primary") as HTMLButtonElement),
    alertClose: (byId("alert-close") as HTMLButtonElement),
    alertRaw: (byId("alert-raw") as HTMLPreElement),
  };

  async start(): Promise<void> {
    const config = await this.loadConfig();
    const w = window as unknown as PlaygroundWindow;
    w.__sikkerPostPlayground = { office: this.fake.office, fake: this.fake, restartHandlerRuntime: () => this.restartHandlerRuntime() };
    if (config.policyUrl !== null) w.__SIKKER_POST_CONFIG__ = { policyUrl: config.policyUrl };
    this.internalDomains = config.internalDomains;
    this.levels = config.levels;
    this.ui.levelRow.hidden = config.levels.length === 0;
    if (config.smime !== null) this.renderSmimeInfo(config.smime);
    this.wire();
    await this.loadSamples();
    await this.loadHandlerRuntime();
    this.renderDraft();
    // The pane and the handlers write the notification bar at any time; mirror it.
    setInterval(() => {
      this.renderNotifications();
      if (this.fake.discarded) void this.draftDiscarded();
    }, 500);
    await this.fireStatus("onNewMessageComposeHandler");
  }

  private async loadConfig(): Promise<{ policyUrl: string | null; internalDomains: string[]; levels: Level[]; smime: SmimeInfo | null }> {
    const res = await fetch("/playground-config.json");
    const v = (await res.json()) as { policyUrl?: unknown; internalDomains?: unknown; levels?: unknown; smime?: unknown };
    const domains = Array.isArray(v.internalDomains) ? v.internalDomains.filter((d): d is string => typeof d === "string") : [];
    const levels = Array.isArray(v.levels) ? v.levels.filter((l): l is Level => typeof l === "object" && l !== null && typeof (l as Level).id === "string" && typeof (l as Level).policyUrl === "string") : [];
    const smime = typeof v.smime === "object" && v.smime !== null && typeof (v.smime as SmimeInfo).password === "string" && Array.isArray((v.smime as SmimeInfo).recipients) ? (v.smime as SmimeInfo) : null;
    return { policyUrl: typeof v.policyUrl === "string" ? v.policyUrl : null, internalDomains: domains, levels, smime };
  }

  /**
   * Another built-in policy (protection level): the add-in reads its policy once per runtime,
   * so the handler runtime starts again and the pane reloads, as after a redeployment.
   */
  private async switchLevel(id: string): Promise<void> {
    const level = this.levels.find((l) => l.id === id);
    if (level === undefined) return;
    (window as unknown as PlaygroundWindow).__SIKKER_POST_CONFIG__ = { policyUrl: level.policyUrl };
    this.ui.labelRow.hidden = id !== "label";
    this.ui.smimeInfo.hidden = !id.startsWith("smime");
    this.ui.smimeKeyRow.hidden = id === "smime-encrypt-only";
    this.ui.smimeEncryptOnlyNote.hidden = id !== "smime-encrypt-only";
    this.watchSmimeSent(id.startsWith("smime"));
    await this.restartHandlerRuntime();
    if (!this.ui.paneHost.hidden) this.reloadPane();
    await this.fireStatus("onNewMessageComposeHandler");
    // For tests: the new policy's runtime is loaded.
    document.documentElement.dataset.level = id;
  }

  private showError(text: string): void {
    this.ui.pageError.textContent = text;
    this.ui.pageError.hidden = false;
  }

  /** Loads commands.html in a hidden frame and waits until its handlers are associated. */
  private async loadHandlerRuntime(): Promise<void> {
    const frame = el("iframe", { src: "/addin/commands.html", title: "Sikker Post: hændelseshåndtering (skjult)", hidden: "", "aria-hidden": "true", tabindex: "-1" });
    this.handlerFrame = frame;
    document.body.appendChild(frame);
    const started = Date.now();
    while (!this.fake.handlers.has("onMessageSendHandler")) {
      if (Date.now() - started > HANDLER_LOAD_MS) throw new Error("commands.js registrerede ingen handlere (er dist-addin bygget?)");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * A new handler runtime, as Outlook starts one when the last event is more than ~300 s ago:
   * nothing read before is kept. For tests and the bench; resolves with the milliseconds the
   * load took.
   */
  private async restartHandlerRuntime(): Promise<number> {
    const started = performance.now();
    this.handlerFrame?.remove();
    this.fake.handlers.clear();
    await this.loadHandlerRuntime();
    return performance.now() - started;
  }

  private async loadSamples(): Promise<void> {
    try {
      const names = (await (await fetch("/samples/index.json")).json()) as unknown;
      if (!Array.isArray(names)) return;
      for (const n of names) if (typeof n === "string") this.ui.sample.appendChild(el("option", { value: n }, n));
    } catch {
      // Samples are a convenience; picking files from disk still works.
    }
  }

  private get draft(): FakeDraft {
    return this.fake.draft;
  }

  private wire(): void {
    for (const field of FIELDS) {
      const input = (byId(field) as HTMLInputElement);
      input.addEventListener("input", () => {
        this.readRecipients(field, input.value);
      });
    }
    this.ui.subject.addEventListener("input", () => {
      this.draft.subject = this.ui.subject.value;
    });
    this.ui.body.addEventListener("input", () => {
      // Reading innerHTML is how Outlook hands the body to the add-in: as HTML.
      this.draft.bodyHtml = this.ui.body.innerHTML;
    });
    this.ui.file.addEventListener("change", () => {
      void this.attachFiles(Array.from(this.ui.file.files ?? []));
    });
    this.ui.attachSample.addEventListener("click", () => {
      void this.attachSample();
    });
    this.ui.send.addEventListener("click", () => {
      void this.send();
    });
    this.ui.newMail.addEventListener("click", () => {
      void this.newMail();
    });
    this.ui.previousMail.addEventListener("click", () => {
      this.reopenPrevious();
    });
    this.ui.secureRibbon.addEventListener("click", () => {
      void this.runCommand(ENABLE_SECURE_BUTTON);
    });
    this.ui.paneToggle.addEventListener("click", () => {
      this.setPane(this.ui.paneHost.hidden);
    });
    this.ui.paneClose.addEventListener("click", () => {
      this.setPane(false);
      this.ui.paneToggle.focus();
    });
    this.ui.theme.addEventListener("click", () => {
      this.toggleTheme();
    });
    this.ui.level.addEventListener("change", () => {
      void this.switchLevel(this.ui.level.value);
    });
    this.ui.labelPicker.addEventListener("change", () => {
      this.draft.sensitivityLabel = this.ui.labelPicker.value;
      void this.fireStatus("onSensitivityLabelChangedHandler");
    });
    this.ui.language.addEventListener("change", () => {
      this.fake.displayLanguage = this.ui.language.value;
      // Office's display language is fixed for a session: the pane starts again with it.
      if (!this.ui.paneHost.hidden) this.reloadPane();
    });
    this.ui.alertClose.addEventListener("click", () => {
      this.ui.alert.close();
    });
    this.ui.alertPrimary.addEventListener("click", () => {
      const command = this.ui.alertPrimary.dataset.command ?? "";
      this.ui.alert.close();
      void this.runCommand(command);
    });
  }

  private readRecipients(field: Field, text: string): void {
    const parsed = parseAddresses(text);
    this.draft[field] = parsed.recipients;
    this.renderChips(field, parsed.invalid);
    // Outlook raises the event once the recipient is resolved, not on every key.
    clearTimeout(this.recipientsTimer);
    this.recipientsTimer = setTimeout(() => {
      this.fake.emit("olkRecipientsChanged", { changedRecipientFields: { to: field === "to", cc: field === "cc", bcc: field === "bcc" } });
      void this.fireStatus("onMessageRecipientsChangedHandler");
    }, 300);
  }

  private renderChips(field: Field, invalid: readonly string[] = []): void {
    const list = (byId(`${field}-chips`) as HTMLUListElement);
    replaceChildren(
      list,
      ...this.draft[field].map((r) => {
        // The add-in's rule: the policy's domains decide, whatever Outlook calls the recipient.
        const internal = isInternal({ address: r.emailAddress, field, recipientType: r.recipientType }, { internalDomains: this.internalDomains });
        const label = internal ? "intern" : r.recipientType === "user" ? "ekstern (Outlook: bruger)" : "ekstern";
        return el("li", {}, r.emailAddress, el("span", { class: `chip ${internal ? "internal" : "external"}` }, label));
      }),
      ...invalid.map((text) => el("li", { class: "invalid" }, `${text} – ikke en e-mailadresse`)),
    );
  }

  private async attachFiles(files: readonly File[]): Promise<void> {
    for (const f of files) this.addAttachment(attachmentFromBytes(this.newId(), f.name, f.type, new Uint8Array(await f.arrayBuffer())));
    this.ui.file.value = "";
    this.attachmentsChanged();
  }

  private async attachSample(): Promise<void> {
    const name = this.ui.sample.value;
    if (name === "") return;
    const res = await fetch(`/samples/${encodeURIComponent(name)}`);
    if (!res.ok) {
      this.showError(`Eksemplet ${name} kunne ikke hentes (${String(res.status)}).`);
      return;
    }
    const type = res.headers.get("Content-Type")?.split(";")[0] ?? "";
    this.addAttachment(attachmentFromBytes(this.newId(), name, type, new Uint8Array(await res.arrayBuffer())));
    this.attachmentsChanged();
  }

  private newId(): string {
    return `AAMkAttachment${String(this.nextAttachmentId++)}`;
  }

  private addAttachment(a: FakeAttachment): void {
    this.draft.attachments = [...this.draft.attachments, a];
  }

  private attachmentsChanged(): void {
    this.renderAttachments();
    this.fake.emit("olkAttachmentsChanged");
    void this.fireStatus("onMessageAttachmentsChangedHandler");
  }

  private renderAttachments(): void {
    replaceChildren(
      this.ui.attachments,
      ...this.draft.attachments.map((a) => {
        const remove = el("button", { type: "button", "aria-label": `Fjern ${a.name}` }, "Fjern");
        remove.addEventListener("click", () => {
          this.draft.attachments = this.draft.attachments.filter((x) => x.id !== a.id);
          this.attachmentsChanged();
        });
        const kb = Math.max(1, Math.round(a.size / 1024));
        return el("li", {}, a.name, el("span", { class: "kind" }, a.attachmentType === "item" ? `mail, ${String(kb)} KB` : `${String(kb)} KB`), remove);
      }),
    );
  }

  private shownNotifications = "";

  private renderNotifications(): void {
    // "Send sikkert" may set the label: the picker shows what the draft has.
    if (this.ui.labelPicker.value !== (this.draft.sensitivityLabel ?? "")) this.ui.labelPicker.value = this.draft.sensitivityLabel ?? "";
    const now = JSON.stringify(this.draft.notifications);
    if (now === this.shownNotifications) return;
    this.shownNotifications = now;
    replaceChildren(this.ui.notifications, ...Object.values(this.draft.notifications).map((n) => el("p", {}, n.message)));
  }

  /** Puts the open draft into the form (after a new or reopened draft); `body` is the editor content to show. */
  private renderDraft(body?: DocumentFragment): void {
    for (const field of FIELDS) {
      (byId(field) as HTMLInputElement).value = this.draft[field].map((r) => r.emailAddress).join("; ");
      this.renderChips(field);
    }
    this.ui.subject.value = this.draft.subject;
    // The editor's own nodes move with the draft: the body is never re-parsed from HTML.
    replaceChildren(this.ui.body, body ?? null);
    this.renderAttachments();
    this.renderNotifications();
  }

  /**
   * Runs a launch-event handler the way Outlook does and shows the status it leaves. How many
   * are running is on <html data-status-checks>, so a test or the bench can wait until they end.
   */
  private async fireStatus(handler: string): Promise<void> {
    if (!this.fake.handlers.has(handler)) return;
    this.statusChecks++;
    document.documentElement.dataset.statusChecks = String(this.statusChecks);
    try {
      await this.fake.fire(handler, {}, SEND_WAIT_MS);
    } finally {
      this.statusChecks--;
      document.documentElement.dataset.statusChecks = String(this.statusChecks);
    }
    this.renderNotifications();
  }

  private async runCommand(command: string): Promise<void> {
    if (command === OPEN_PANE_BUTTON) {
      this.setPane(true);
      return;
    }
    if (command === ENABLE_SECURE_BUTTON) {
      await this.fake.fire("enableSecureSending", {}, SEND_WAIT_MS);
      this.renderNotifications();
    }
  }

  private async send(): Promise<void> {
    this.ui.send.disabled = true;
    this.ui.progress.textContent = "Sikker Post kontrollerer mailen …";
    const before = this.fake.completions.length;
    let first: CompletedCall | null;
    try {
      first = await this.fake.fire("onMessageSendHandler", {}, SEND_WAIT_MS);
    } catch (e) {
      first = null;
      this.showError(`Send-handleren fejlede: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.ui.send.disabled = false;
    this.ui.progress.textContent = "";
    // The handler may change the draft (markers in the subject); show what will be sent.
    this.ui.subject.value = this.draft.subject;
    this.renderNotifications();
    const count = this.fake.completions.length - before;
    if (first?.options?.allowEvent === true) {
      this.recordSent();
      return;
    }
    this.showAlert(first, count);
  }

  private showAlert(call: CompletedCall | null, count: number): void {
    const o = call?.options ?? {};
    const text = typeof o.errorMessage === "string" ? o.errorMessage : "";
    this.ui.alertMessage.textContent =
      call === null
        ? "Tilføjelsesprogrammet svarede ikke. Med SendMode=\"Block\" sender Outlook ikke mailen, før tilføjelsesprogrammet har svaret."
        : text !== ""
          ? text
          : "Afsendelsen blev stoppet uden en forklaring.";
    const command = typeof o.commandId === "string" ? o.commandId : "";
    const label = typeof o.cancelLabel === "string" ? o.cancelLabel : "";
    this.ui.alertPrimary.hidden = command === "";
    this.ui.alertPrimary.textContent = label !== "" ? label : "Åbn Sikker Post";
    this.ui.alertPrimary.dataset.command = command;
    this.ui.alertClose.textContent = command === "" ? "Send ikke" : "Luk";
    const raw = call === null ? "(intet svar)" : JSON.stringify(call.options ?? null, null, 2);
    this.ui.alertRaw.textContent = count > 1 ? `${raw}\n\nADVARSEL: completed() blev kaldt ${String(count)} gange.` : raw;
    this.ui.alert.showModal();
    (command !== "" ? this.ui.alertPrimary : this.ui.alertClose).focus();
  }

  private recordSent(): void {
    const mail = sentMail(this.draft);
    this.sent.push(mail);
    const headerText = Object.entries(mail.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n");
    const row = (term: string, value: string | Node): HTMLElement[] => [el("dt", {}, term), el("dd", {}, value)];
    const item = el(
      "li",
      { "data-testid": "sent-mail" },
      el("h3", {}, mail.subject !== "" ? mail.subject : "(intet emne)"),
      el(
        "dl",
        {},
        ...row("Til", mail.to.join(", ")),
        ...(mail.cc.length > 0 ? row("Cc", mail.cc.join(", ")) : []),
        ...(mail.bcc.length > 0 ? row("Bcc", mail.bcc.join(", ")) : []),
        ...(mail.attachments.length > 0 ? row("Bilag", mail.attachments.join(", ")) : []),
        ...(mail.label !== undefined ? row("Følsomhedsmærkat", mail.label) : []),
        ...row("Brevhoveder", el("pre", {}, headerText !== "" ? headerText : "(ingen Sikker Post-markører)")),
      ),
    );
    this.ui.sentLog.insertBefore(item, this.ui.sentLog.firstChild);
    this.ui.sentEmpty.hidden = true;
    // Outlook closes the compose window after a send; the playground opens a fresh draft.
    this.previous = null;
    this.ui.previousMail.disabled = true;
    this.fake.switchDraft(emptyDraft());
    this.renderDraft();
    this.ui.progress.textContent = `Sendt: ${mail.subject !== "" ? mail.subject : "(intet emne)"}`;
    void this.fireStatus("onNewMessageComposeHandler");
  }

  private renderSmimeInfo(info: SmimeInfo): void {
    this.ui.smimePassword.textContent = info.password;
    this.ui.smimeP12.href = info.senderP12;
    const what = (c: string): string => (c === "valid" ? "gyldigt certifikat" : c === "expired" ? "certifikatet er udløbet" : "intet certifikat");
    replaceChildren(this.ui.smimeRecipients, ...info.recipients.map((r) => el("li", {}, el("code", {}, r.address), ` – ${r.name}: ${what(r.certificate)}`)));
  }

  private discarding = false;

  /**
   * The pane sent the mail itself and closed the draft with closeAsync({ discardItem: true }):
   * Outlook closes the compose window. The playground says so, opens a fresh draft, and shows
   * what the fake Graph received.
   */
  private async draftDiscarded(): Promise<void> {
    if (this.discarding) return;
    this.discarding = true;
    try {
      const subject = this.draft.subject !== "" ? this.draft.subject : "(intet emne)";
      this.fake.discarded = false;
      this.fake.itemOpen = true;
      this.previous = null;
      this.ui.previousMail.disabled = true;
      this.fake.switchDraft(emptyDraft());
      this.renderDraft();
      this.ui.discarded.textContent = `Kladden er kasseret: Sikker Post sendte "${subject}" krypteret, og skrivevinduet er lukket. En ny, tom mail er åbnet.`;
      await this.refreshSmimeSent();
      await this.fireStatus("onNewMessageComposeHandler");
    } finally {
      this.discarding = false;
    }
  }

  private sentTimer: ReturnType<typeof setInterval> | undefined;

  /** With an S/MIME level, "Sendt post" also shows what reaches the simulated Graph from elsewhere (the CLI, curl). */
  private watchSmimeSent(on: boolean): void {
    clearInterval(this.sentTimer);
    this.sentTimer = undefined;
    if (!on) return;
    void this.refreshSmimeSent();
    this.sentTimer = setInterval(() => {
      void this.refreshSmimeSent();
    }, 2000);
  }

  /** Adds what the fake Graph received since the last look to "Sendt post". */
  private async refreshSmimeSent(): Promise<void> {
    let views: SentSmimeView[];
    try {
      views = (await (await fetch("/playground/sent")).json()) as SentSmimeView[];
    } catch (e) {
      this.showError(`Sendt post kunne ikke hentes: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    // The server lists newest first; insert oldest first so the newest ends on top.
    for (const view of [...views].reverse()) {
      if (this.shownSmime.has(view.id)) continue;
      this.shownSmime.add(view.id);
      this.ui.sentLog.insertBefore(sentSmimeItem(view), this.ui.sentLog.firstChild);
      this.ui.sentEmpty.hidden = true;
    }
  }

  private async newMail(): Promise<void> {
    // The current draft is saved, as Outlook saves a draft you leave.
    const body = document.createDocumentFragment();
    while (this.ui.body.firstChild) body.appendChild(this.ui.body.firstChild);
    this.previous = { draft: this.draft, body };
    this.ui.previousMail.disabled = false;
    this.fake.switchDraft(emptyDraft());
    this.renderDraft();
    await this.fireStatus("onNewMessageComposeHandler");
    this.ui.to.focus();
  }

  private reopenPrevious(): void {
    if (this.previous === null) return;
    const { draft, body } = this.previous;
    this.previous = null;
    this.ui.previousMail.disabled = true;
    this.fake.switchDraft(reopened(draft));
    this.renderDraft(body);
  }

  private paneFrame(): HTMLIFrameElement {
    return el("iframe", { src: "/addin/taskpane.html", title: "Sikker Post" });
  }

  /** Opening loads the real taskpane.html; closing removes it and its event handlers, as Outlook does. */
  private setPane(open: boolean): void {
    const host = this.ui.paneHost;
    const frame = host.querySelector("iframe");
    if (open && frame === null) host.appendChild(this.paneFrame());
    if (!open && frame !== null) {
      frame.remove();
      this.fake.clearListeners();
    }
    host.hidden = !open;
    this.ui.paneToggle.setAttribute("aria-pressed", String(open));
  }

  private reloadPane(): void {
    this.setPane(false);
    this.setPane(true);
  }

  private toggleTheme(): void {
    const dark = !this.fake.theme.isDarkTheme;
    this.fake.theme = dark ? DARK : LIGHT;
    document.documentElement.dataset.theme = dark ? "dark" : "light";
    this.ui.theme.setAttribute("aria-pressed", String(dark));
    this.fake.emit("officeThemeChanged", { officeTheme: this.fake.theme });
  }

}

const playground = (() => {
  try {
    return new Playground();
  } catch (e) {
    document.body.prepend(el("p", { role: "alert", class: "page-error" }, `Legepladsen kunne ikke starte: ${e instanceof Error ? e.message : String(e)}`));
    return null;
  }
})();

playground?.start().catch((e: unknown) => {
  const p = document.getElementById("page-error");
  if (p !== null) {
    p.textContent = `Legepladsen kunne ikke starte: ${e instanceof Error ? e.message : String(e)}`;
    p.hidden = false;
  }
});
