/** The one status derivation: every case of the notification line and the pane's headline. */
import { da, en } from "../../src/core/i18n/strings";
import { decideSend, failClosed, type Recipient } from "../../src/core/policy/decide-send";
import { parsePolicy } from "../../src/core/policy/policy";
import type { CprFinding, Finding, TermFinding, UnreadablePart } from "../../src/core/scan/findings";
import type { Protection } from "../../src/core/secure/protection";
import { draftStatus, MAX_STATUS_LINE } from "../../src/core/status/draft-status";
import { ATTESTED_GATEWAY, ENCRYPTING_LABEL, NONE, SIGNING_GATEWAY, UNATTESTED_MARKER } from "../helpers/protections";

const policy = parsePolicy({ version: 1, send: { internalDomains: ["kommune.dk"] } });
const at = { part: "body" as const, start: 0, end: 1, snippet: "" };
const cpr: CprFinding = { kind: "cpr", value: "150372-1224", masked: "150372-XXXX", birthDate: "1972-03-15", confidence: "high", reasons: ["mod11_valid"], where: at };
const lowCpr: CprFinding = { ...cpr, confidence: "low" };
const term: TermFinding = { kind: "term", term: "misbrug", category: "social", lang: "da", weight: 1, matched: "misbrug", where: at };
const locked: UnreadablePart = { part: "attachment", path: ["sag.pdf"], reason: "encrypted", detail: "" };
const logo: UnreadablePart = { part: "attachment", path: ["image001.png"], reason: "image_ignored", detail: "" };
const external: Recipient = { address: "kontakt@firma.dk", field: "to", recipientType: "externalUser" };
const colleague: Recipient = { address: "kollega@kommune.dk", field: "to", recipientType: "user" };

function checked(findings: Finding[], recipients: Recipient[], protection: Protection = NONE, unreadable: UnreadablePart[] = []) {
  const decision = decideSend({ findings, unreadable, recipients, protection, policy: policy.send, countedConfidence: policy.detection.cpr.countedConfidence });
  return { decision, result: { findings, unreadable }, recipients };
}

describe("draftStatus: the notification line", () => {
  it.each<[string, ReturnType<typeof checked> | null, string]>([
    ["check failed", null, "Sikker Post: mailen kunne ikke kontrolleres."],
    ["secured by an attested gateway", checked([cpr], [external], ATTESTED_GATEWAY), "Sikker Post: krypteres af organisationens gateway (kontrolleret 01.12.2026)."],
    ["secured by a signing gateway", checked([cpr], [external], SIGNING_GATEWAY), "Sikker Post: signeres og krypteres af organisationens gateway (kontrolleret 01.12.2026)."],
    ["secured by a label", checked([cpr], [external], ENCRYPTING_LABEL), 'Sikker Post: krypteres med følsomhedsmærkatet "Fortroligt – krypteret".'],
    ["marked, gateway not verified", checked([cpr], [external], UNATTESTED_MARKER), "Sikker Post: ikke sikret – markeret – gatewayen er ikke kontrolleret af IT."],
    ["CPR number", checked([cpr], [external]), "Sikker Post: ikke sikret – indeholder CPR-nummer."],
    ["CPR number the policy does not count, and terms", checked([lowCpr, term], [external]), "Sikker Post: ikke sikret – indeholder følsomme oplysninger."],
    ["unreadable attachment", checked([], [external], NONE, [locked]), "Sikker Post: ikke sikret – et bilag kan ikke kontrolleres."],
    ["a sensitive word that only names a topic, to a business address", checked([{ ...term, about: { kind: "topic" } }], [external]), "Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet."],
    ["clean mail to an external address (the pane once said 'kun interne')", checked([], [external]), "Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet."],
    ["clean mail with a logo to an external address", checked([], [external], NONE, [logo]), "Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet."],
    ["clean mail, colleagues only", checked([], [colleague]), "Sikker Post: kun interne modtagere."],
    ["CPR number to colleagues only: said, though allowed", checked([cpr], [colleague]), "Sikker Post: ikke sikret – indeholder CPR-nummer."],
    ["a gmail contact Outlook calls \"user\" is external", checked([], [{ ...external, address: "jens@gmail.com", recipientType: "user" }]), "Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet."],
  ])("%s", (_name, check, line) => {
    const status = draftStatus(check, policy, da);
    expect(status.line).toBe(line);
    expect(status.line.length).toBeLessThanOrEqual(MAX_STATUS_LINE);
  });

  it("fits a long label name within Outlook's 150 characters", () => {
    const long: Protection = { kind: "label", id: "x", name: "L".repeat(300), signs: false };
    expect(draftStatus(checked([cpr], [external], long), policy, da).line.length).toBe(MAX_STATUS_LINE);
  });
});

describe("draftStatus: the pane's headline", () => {
  it.each<[string, ReturnType<typeof checked>, string, string]>([
    ["blocked", checked([cpr], [external]), "blocked", "Blokeres: CPR-nummer til modtager uden for organisationen, ikke krypteret"],
    ["blocked, marker unverified", checked([cpr], [external], UNATTESTED_MARKER), "blocked", "Blokeres: CPR-nummer til modtager uden for organisationen, ikke krypteret; intet viser, at mailen bliver krypteret"],
    ["secured", checked([cpr], [external], ATTESTED_GATEWAY), "secured", "Sikret: krypteres af organisationens gateway (kontrolleret 01.12.2026)"],
    ["allowed", checked([], [external]), "allowed", "Kan sendes"],
  ])("%s", (_name, check, kind, text) => {
    expect(draftStatus(check, policy, da).headline).toEqual({ kind, text });
  });

  it("a failed check is a failed headline", () => {
    expect(draftStatus({ decision: failClosed("timeout", "x"), result: { findings: [], unreadable: [] }, recipients: [] }, policy, da).headline.kind).toBe("failed");
    expect(draftStatus(null, policy, en).line).toBe("Sikker Post: the mail could not be checked.");
  });
});
