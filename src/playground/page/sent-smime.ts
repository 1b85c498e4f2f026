/**
 * "Sendt post" for a message the pane sent through the fake Graph: who it went to, whom the
 * envelope is encrypted to, that the server decrypted it with the sender's and the recipients'
 * test keys, whether the signature is valid to the Playground CA, and the inner message (text
 * with CPR numbers masked, attachment names). All of it is put in the page as text.
 */
import type { SentSmimeView } from "../fake-graph";
import { el } from "../../taskpane/dom";

export type { SentSmimeView };

function signatureLine(view: SentSmimeView): string {
  const s = view.signature;
  if (s === undefined) return view.readAs.some((r) => r.ok) ? "Ikke signeret (kun krypteret)" : "Ikke kontrolleret (kunne ikke dekrypteres)";
  if (!s.valid) return `Signatur ugyldig: ${s.error}`;
  return `Signatur gyldig: ${s.signer}${s.signerAddress !== undefined ? ` <${s.signerAddress}>` : ""} (kæde til ${s.chainTo})`;
}

function readLine(r: SentSmimeView["readAs"][number]): string {
  const who = r.role === "sender" ? "som afsender" : `som modtager ${r.address}`;
  return r.ok ? `Dekrypteret ${who} ✓` : `Ikke dekrypteret ${who} ✗ (${r.error ?? "ukendt fejl"})`;
}

export function sentSmimeItem(view: SentSmimeView): HTMLLIElement {
  const row = (term: string, ...value: (string | Node)[]): HTMLElement[] => [el("dt", {}, term), el("dd", {}, ...value)];
  const kb = Math.max(1, Math.round(view.size / 1024));
  return el(
    "li",
    { "data-testid": "sent-smime", "data-id": String(view.id) },
    el("h3", {}, view.subject !== "" ? view.subject : "(intet emne)"),
    el(
      "dl",
      {},
      ...row("Sendt med", `Sikker Post S/MIME gennem Microsoft Graph (legepladsens simulering), ${String(kb)} KB`),
      ...row("Fra", view.from),
      ...row("Til", view.to.join(", ")),
      ...(view.cc.length > 0 ? row("Cc", view.cc.join(", ")) : []),
      ...row("Indholdstype", view.contentType),
      ...(view.error !== undefined ? row("Fejl", view.error) : []),
      ...(view.envelopeRecipients.length > 0 ? row("Krypteret til", view.envelopeRecipients.map((r) => `${r.commonName}${r.address !== undefined ? ` <${r.address}>` : ""}`).join(", ")) : []),
      ...(view.readAs.length > 0 ? row("Læst af serveren", el("ul", { class: "checks", "data-testid": "sent-smime-reads" }, ...view.readAs.map((r) => el("li", {}, readLine(r))))) : []),
      ...row("Signatur", el("span", { "data-testid": "sent-smime-signature" }, signatureLine(view))),
      ...(view.inner !== undefined ? row("Tekst", el("span", { "data-testid": "sent-smime-text" }, view.inner.excerpt !== "" ? view.inner.excerpt : "(tom)")) : []),
      ...(view.inner !== undefined && view.inner.attachments.length > 0 ? row("Bilag", view.inner.attachments.join(", ")) : []),
    ),
  );
}
