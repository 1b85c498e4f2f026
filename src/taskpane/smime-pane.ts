/**
 * The pane's S/MIME section (smime method): the key ("Din nøgle": import a PKCS#12 file, "Fjern
 * nøgle"), recipients' certificates (imported ones, and each recipient's check), and "Send
 * krypteret". Logic only; the DOM is smime-panel.ts, so this runs in a unit test.
 */
import type { Recipient } from "../core/policy/decide-send";
import type { Strings } from "../core/i18n/strings";
import { SMIME_DA } from "../core/i18n/smime-strings";
import { SmimeError } from "../core/smime/errors";
import { utf8Encode } from "../core/smime/bytes";
import { checkSender } from "../core/smime/cert-directory";
import { isCaCertificate, parseCertificates } from "../core/smime/certs";
import { Refusal, SmimeSender, type SendOutcome, type SmimeSendHost } from "./smime-send";
import { importCertificateFile, importKeyFile, storedKeyInfo } from "./smime-keys";

export interface SmimeDisplay {
  showKey(text: string, canRemove: boolean, needed: boolean): void;
  showRecipients(lines: readonly { readonly text: string; readonly ok: boolean }[]): void;
  /** "error": something to fix, nothing sent; "success": sent. */
  showMessages(kind: "info" | "error" | "success", messages: readonly string[]): void;
  setBusy(busy: boolean): void;
}

export class SmimePane {
  private readonly sender: SmimeSender;
  private lastRecipients = "";
  private sending = false;

  constructor(
    private readonly host: SmimeSendHost,
    private readonly view: SmimeDisplay,
  ) {
    this.sender = new SmimeSender(host);
  }

  private get s(): Strings {
    return this.host.strings;
  }

  private get signs(): boolean {
    return this.host.policy.send.protection.smime?.mode !== "encrypt-only";
  }

  private say(e: unknown): string {
    if (e instanceof SmimeError) return this.s.smime === SMIME_DA ? e.da : e.en;
    return this.s.smime.keyStoreFailed;
  }

  async start(): Promise<void> {
    await this.showKey();
  }

  private async showKey(): Promise<void> {
    if (!this.signs) {
      this.view.showKey(this.s.smime.keyNotNeeded, false, false);
      return;
    }
    try {
      const info = await storedKeyInfo(this.host.store);
      this.view.showKey(info === null ? this.s.smime.keyNone : this.s.smime.keyHave(info.label.commonName, info.label.serial, info.validUntil), info !== null, true);
    } catch {
      this.view.showKey(this.s.smime.keyStoreFailed, false, true);
    }
  }

  async importKey(bytes: Uint8Array, password: string): Promise<void> {
    try {
      const anchors = (this.host.policy.send.protection.smime?.trustAnchors ?? []).flatMap((pem, i) => parseCertificates(utf8Encode(pem), `trustAnchors[${i}]`));
      const info = await importKeyFile(bytes, password, this.host.crypto, this.host.store, (cert, chain, engine) =>
        checkSender(cert, this.host.user.address, "sign-and-encrypt", chain.filter(isCaCertificate), { trustAnchors: anchors, now: this.host.now(), engine }),
      );
      this.view.showMessages("info", [this.s.smime.keyImported(info.label.commonName)]);
    } catch (e) {
      this.view.showMessages("error", [this.say(e)]);
    }
    await this.showKey();
  }

  async removeKey(): Promise<void> {
    try {
      await this.host.store.removeKey();
      this.view.showMessages("info", [this.s.smime.keyRemoved]);
    } catch {
      this.view.showMessages("error", [this.s.smime.keyStoreFailed]);
    }
    await this.showKey();
  }

  async importCertificate(bytes: Uint8Array, name: string): Promise<void> {
    try {
      const certs = await importCertificateFile(bytes, name, this.host.store);
      this.view.showMessages(
        "info",
        certs.map((c) => (c.addresses.length === 0 ? this.s.smime.certNoAddress(c.label.commonName) : this.s.smime.certImported(c.label.commonName, c.addresses.join(", ")))),
      );
    } catch (e) {
      this.view.showMessages("error", [this.say(e)]);
    }
    this.lastRecipients = "";
  }

  /** A pinned pane moved to another draft: its recipients are checked afresh, and it may be sent. */
  draftChanged(): void {
    this.sender.draftChanged();
    this.lastRecipients = "";
  }

  /** Each recipient's certificate, or why there is none: re-checked when the recipients change. */
  async showRecipients(recipients: readonly Recipient[], force = false): Promise<void> {
    const key = recipients.map((r) => r.address.toLowerCase()).join("|");
    if (!force && key === this.lastRecipients) return;
    this.lastRecipients = key;
    try {
      const checks = await this.sender.checkCertificates(recipients);
      this.view.showRecipients(checks.map((c) => (c.ok ? { ok: true, text: this.s.smime.recipientOk(c.address, c.label.commonName, c.label.serial) } : { ok: false, text: this.say(c.error) })));
    } catch (e) {
      const text = e instanceof SmimeError ? this.say(e) : e instanceof Refusal ? e.messages.join(" ") : this.s.smime.readFailed;
      this.view.showRecipients([{ ok: false, text }]);
      // Checked again at the next change: a directory that failed now may answer then.
      this.lastRecipients = "";
    }
  }

  /** "Send krypteret": one send at a time; the outcome is shown whatever it is. */
  async send(): Promise<SendOutcome | null> {
    if (this.sending) return null;
    this.sending = true;
    this.view.setBusy(true);
    this.view.showMessages("info", [this.s.smime.sending]);
    try {
      const outcome = await this.sender.send();
      if (outcome.ok) this.view.showMessages("success", [outcome.message]);
      else this.view.showMessages("error", outcome.messages);
      return outcome;
    } finally {
      this.sending = false;
      this.view.setBusy(false);
    }
  }
}
