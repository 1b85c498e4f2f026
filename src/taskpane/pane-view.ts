/** The pane's DOM: built once, updated in place. Fluent 2 web components for the controls. */
import type { GuidancePolicy } from "../core/policy/policy";
import type { SecureMailbox } from "../core/policy/send-policy";
import type { SecureState } from "../core/policy/decide-send";
import type { Strings } from "../core/i18n/strings";
import type { ProtectionMethod } from "../core/secure/protection";
import type { Language } from "../core/i18n/strings";
import { el, replaceChildren } from "./dom";
import type { PaneModel } from "./pane-model";

export interface PaneActions {
  setState(next: SecureState): void;
}

interface SwitchElement extends HTMLElement {
  checked: boolean;
}

export class PaneView {
  private readonly status: HTMLElement;
  private readonly secureButton: HTMLElement;
  private readonly secureNote: HTMLElement;
  private readonly encryptSwitch: SwitchElement;
  /** What protects the mail and how the add-in knows (the protection's evidence). */
  private readonly protection: HTMLElement;
  private readonly mailboxSelect: HTMLSelectElement;
  private readonly mailboxRow: HTMLElement;
  private readonly findings: HTMLElement;
  private readonly external: HTMLElement;
  private readonly unreadable: HTMLElement;
  private readonly unreadableSection: HTMLElement;
  private readonly pictures: HTMLElement;
  private readonly picturesSection: HTMLElement;
  private readonly guidanceExtra: HTMLElement;
  private readonly guidanceMethod: HTMLElement;
  private readonly secureFieldset: HTMLElement;
  private readonly tabs: HTMLButtonElement[] = [];
  private readonly panels: HTMLElement[] = [];
  private state: SecureState = { sign: false, encrypt: false };

  constructor(
    root: HTMLElement,
    private readonly s: Strings,
    lang: Language,
    private readonly actions: PaneActions,
  ) {
    document.documentElement.lang = lang;
    const p = s.pane;
    this.status = el("div", { role: "status", "aria-live": "polite", class: "status", "data-kind": "checking" }, p.checking);
    // Roles and states are also written as attributes: the components set them through
    // ElementInternals, which some assistive tools and checkers (axe) do not read.
    this.secureButton = el("fluent-button", { appearance: "primary", type: "button", role: "button" }, p.turnOnSecure);
    this.secureNote = el("p", { class: "muted", hidden: "" }, p.secureIsOn);
    this.protection = el("p", { class: "protection", "data-testid": "protection", hidden: "" });
    this.encryptSwitch = el("fluent-switch", { id: "encrypt", role: "switch", "aria-checked": "false", "aria-label": p.encrypt }) as SwitchElement;
    this.mailboxSelect = el("select", { id: "mailbox" });
    this.mailboxRow = el("div", { class: "field" }, el("label", { for: "mailbox" }, p.mailbox), el("br"), this.mailboxSelect);
    this.findings = el("ul", { "aria-labelledby": "findings-h" });
    this.external = el("ul", { "aria-labelledby": "external-h" });
    this.unreadable = el("ul", { "aria-labelledby": "unreadable-h" });
    this.unreadableSection = el("section", { hidden: "" }, el("h2", { id: "unreadable-h" }, p.unreadableTitle), this.unreadable);
    this.pictures = el("ul", { "aria-labelledby": "pictures-h" });
    this.picturesSection = el("section", { hidden: "" }, el("h2", { id: "pictures-h" }, p.picturesTitle), el("p", { class: "muted" }, p.picturesNote), this.pictures);
    this.guidanceExtra = el("section", { hidden: "" });
    this.guidanceMethod = el("p", { "data-testid": "guidance-method" });

    this.secureFieldset = el(
      "fieldset",
      {},
      el("legend", {}, p.secureGroup),
      el("div", { class: "switch-row" }, this.encryptSwitch, el("label", { for: "encrypt" }, p.encrypt)),
      this.protection,
      this.mailboxRow,
    );
    const statusPanel = el(
      "section",
      { id: "panel-status", role: "tabpanel", "aria-labelledby": "tab-status", tabindex: "0" },
      this.status,
      this.secureButton,
      this.secureNote,
      this.secureFieldset,
      el("section", {}, el("h2", { id: "findings-h" }, p.findingsTitle), this.findings),
      el("section", {}, el("h2", { id: "external-h" }, p.externalTitle), this.external),
      this.unreadableSection,
      this.picturesSection,
    );
    const guidancePanel = this.buildGuidance();
    this.panels.push(statusPanel, guidancePanel);
    const tablist = el("div", { role: "tablist", "aria-label": p.tabs, class: "tabs" });
    [
      ["tab-status", p.tabStatus, "panel-status"],
      ["tab-guidance", p.tabGuidance, "panel-guidance"],
    ].forEach(([id = "", label = "", panel = ""], i) => {
      const tab = el("button", { id, role: "tab", type: "button", class: "tab", "aria-controls": panel, "aria-selected": i === 0 ? "true" : "false", tabindex: i === 0 ? "0" : "-1" }, label);
      tab.addEventListener("click", () => {
        this.selectTab(i, true);
      });
      tab.addEventListener("keydown", (e) => {
        this.onTabKey(e, i);
      });
      this.tabs.push(tab);
      tablist.appendChild(tab);
    });
    guidancePanel.hidden = true;
    replaceChildren(root, el("h1", {}, p.title), tablist, statusPanel, guidancePanel);
    root.removeAttribute("aria-busy");

    this.secureButton.addEventListener("click", () => {
      this.actions.setState({ ...this.state, sign: true, encrypt: true });
    });
    // One choice: secure sending. Whether anything also signs is the method's, shown in the protection line.
    this.encryptSwitch.addEventListener("change", () => {
      this.actions.setState({ ...this.state, sign: this.encryptSwitch.checked, encrypt: this.encryptSwitch.checked });
    });
    this.mailboxSelect.addEventListener("change", () => {
      const v = this.mailboxSelect.value;
      const { mailbox: _old, ...rest } = this.state;
      this.actions.setState(v === "" ? rest : { ...rest, mailbox: v });
    });
  }

  private buildGuidance(): HTMLElement {
    const g = this.s.guidance;
    const sections = g.sections.map((sec) => el("section", { class: "guidance-section" }, el("h3", {}, sec.heading), ...sec.paragraphs.map((t) => el("p", {}, t))));
    return el(
      "section",
      { id: "panel-guidance", role: "tabpanel", "aria-labelledby": "tab-guidance", tabindex: "0" },
      el("h2", { id: "guidance-h" }, g.title),
      el("p", { class: "disclaimer" }, g.disclaimer),
      el("section", { class: "guidance-section" }, el("h3", {}, g.methodTitle), this.guidanceMethod),
      el("div", { class: "builtin-guidance" }, ...sections),
      this.guidanceExtra,
    );
  }

  /**
   * The organisation's guidance from the policy: added after, or replacing, the built-in text.
   * `method` says what the organisation's protection does (methodGuidance); always shown.
   */
  setGuidance(policy: GuidancePolicy, lang: Language, method: string): void {
    this.guidanceMethod.textContent = method;
    const paragraphs = policy.text[lang].length > 0 ? policy.text[lang] : policy.text.da;
    const builtin = this.panels[1]?.querySelector(".builtin-guidance");
    if (builtin instanceof HTMLElement) builtin.hidden = policy.replace && paragraphs.length > 0;
    const links = policy.links.map((l) => el("li", {}, el("a", { href: l.url, target: "_blank", rel: "noopener noreferrer" }, l.title)));
    replaceChildren(this.guidanceExtra, el("h3", {}, this.s.guidance.orgTitle), ...paragraphs.map((t) => el("p", {}, t)), links.length > 0 ? el("ul", {}, ...links) : null);
    this.guidanceExtra.hidden = paragraphs.length === 0 && links.length === 0;
  }

  private smime = false;

  /** smime method: the pane's own "Send krypteret" replaces the secure-sending switch (and the button that turns it on). */
  setMethod(method: ProtectionMethod): void {
    this.smime = method === "smime";
    this.secureFieldset.hidden = this.smime;
    this.secureButton.hidden = this.smime || this.state.encrypt;
    this.secureNote.hidden = this.smime || !this.state.encrypt;
  }

  /** A section placed after the status line (the S/MIME section). */
  addSection(section: HTMLElement): void {
    this.status.after(section);
  }

  setMailboxes(boxes: readonly SecureMailbox[]): void {
    replaceChildren(this.mailboxSelect, el("option", { value: "" }, this.s.pane.mailboxOwn), ...boxes.map((b) => el("option", { value: b.address }, `${b.name} <${b.address}>`)));
    this.mailboxRow.hidden = boxes.length === 0;
    this.mailboxSelect.value = this.state.mailbox ?? "";
  }

  showState(state: SecureState): void {
    this.state = state;
    this.encryptSwitch.checked = state.encrypt;
    this.encryptSwitch.setAttribute("aria-checked", String(state.encrypt));
    const on = state.encrypt;
    this.secureButton.hidden = on || this.smime;
    this.secureNote.hidden = !on || this.smime;
    this.mailboxSelect.value = state.mailbox ?? "";
  }

  showStatus(kind: string, text: string): void {
    this.status.setAttribute("data-kind", kind);
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  showModel(model: PaneModel): void {
    this.showStatus(model.status.kind, model.status.text);
    this.protection.textContent = model.protection;
    this.protection.hidden = model.protection === "";
    const p = this.s.pane;
    replaceChildren(
      this.findings,
      ...(model.findings.length === 0
        ? [el("li", { class: "muted" }, p.noFindings)]
        : model.findings.map((f) =>
            el("li", {}, el("span", {}, `${f.label} ${f.where}`), el("br"), el("span", { class: "why" }, f.why + (f.counts ? "" : ` (${p.notCounted})`))),
          )),
    );
    replaceChildren(this.external, ...(model.external.length === 0 ? [el("li", { class: "muted" }, p.noExternal)] : model.external.map((a) => el("li", {}, a))));
    replaceChildren(this.unreadable, ...model.unreadable.map((u) => el("li", {}, u)));
    this.unreadableSection.hidden = model.unreadable.length === 0;
    replaceChildren(this.pictures, ...model.picturesNotRead.map((name) => el("li", {}, name)));
    this.picturesSection.hidden = model.picturesNotRead.length === 0;
  }

  private selectTab(index: number, focus: boolean): void {
    this.tabs.forEach((t, i) => {
      t.setAttribute("aria-selected", i === index ? "true" : "false");
      t.tabIndex = i === index ? 0 : -1;
      const panel = this.panels[i];
      if (panel) panel.hidden = i !== index;
    });
    if (focus) this.tabs[index]?.focus();
  }

  /** WAI-ARIA tabs: arrow keys, Home and End move between tabs. */
  private onTabKey(e: KeyboardEvent, i: number): void {
    const n = this.tabs.length;
    const to = e.key === "ArrowRight" ? (i + 1) % n : e.key === "ArrowLeft" ? (i - 1 + n) % n : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    this.selectTab(to, true);
  }
}
