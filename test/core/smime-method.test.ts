/**
 * The smime protection method (issue 17, "In Outlook: the pane sends"): the policy's send.smime,
 * the SMIME_FROM_PANE block, and a status line and headline that say the mail goes from the pane.
 */
import { blockMessage, methodGuidance } from "../../src/core/i18n/block-message";
import { da, en } from "../../src/core/i18n/strings";
import { decideSend, type Recipient } from "../../src/core/policy/decide-send";
import { parsePolicy, PolicyError } from "../../src/core/policy/policy";
import type { CprFinding, TermFinding } from "../../src/core/scan/findings";
import { DEFAULT_MAX_REQUEST_BYTES, GRAPH_V1, securingCanHelp } from "../../src/core/secure/protection";
import { draftStatus } from "../../src/core/status/draft-status";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQk8=\n-----END CERTIFICATE-----\n";
const CLIENT_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const smimePolicy = (smime: Record<string, unknown> = {}) =>
  parsePolicy({ version: 1, send: { internalDomains: ["kommune.dk"], protection: { method: "smime" }, smime: { trustAnchors: [PEM], graph: { clientId: CLIENT_ID }, ...smime } } });

const at = (part: "subject" | "body") => ({ part, start: 0, end: 1, snippet: "" });
const cpr = (part: "subject" | "body" = "body"): CprFinding => ({ kind: "cpr", value: "150372-3405", masked: "150372-XXXX", birthDate: "1972-03-15", confidence: "high", reasons: ["mod11_valid"], where: at(part) });
const term: TermFinding = { kind: "term", term: "misbrug", category: "social", lang: "da", weight: 0.8, matched: "misbrug", where: at("body") };
const ext: Recipient = { address: "borger@gmail.com", field: "to", recipientType: "externalUser" };
const colleague: Recipient = { address: "kollega@kommune.dk", field: "to", recipientType: "user" };

describe("policy: send.smime", () => {
  it("takes the contract's settings and fills the defaults", () => {
    const p = smimePolicy({ directory: "/certificates/directory.json" }).send.protection;
    expect(p.method).toBe("smime");
    expect(p.smime).toEqual({ mode: "sign-and-encrypt", directory: "/certificates/directory.json", trustAnchors: [PEM], graph: { endpoint: GRAPH_V1, clientId: CLIENT_ID }, maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES });
  });

  it("accepts encrypt-only, an https directory and the playground's loopback Graph", () => {
    const p = smimePolicy({ mode: "encrypt-only", directory: "https://sikkerpost.kommune.dk/certs.json", graph: { clientId: CLIENT_ID, endpoint: "http://127.0.0.1:3000/graph/v1.0/" }, maxRequestBytes: 1_000_000 }).send.protection.smime;
    expect(p).toMatchObject({ mode: "encrypt-only", directory: "https://sikkerpost.kommune.dk/certs.json", graph: { endpoint: "http://127.0.0.1:3000/graph/v1.0" }, maxRequestBytes: 1_000_000 });
  });

  it.each([
    [{ protection: { method: "smime" } }, "policy.send.smime: is required"],
    [{ smime: { trustAnchors: [], graph: { clientId: CLIENT_ID } } }, "policy.send.smime.trustAnchors: must list at least one"],
    [{ smime: { trustAnchors: ["not a cert"], graph: { clientId: CLIENT_ID } } }, "policy.send.smime.trustAnchors[0]: must be one PEM certificate"],
    [{ smime: { trustAnchors: [PEM], graph: { clientId: "min-app" } } }, "policy.send.smime.graph.clientId: must be the application (client) ID"],
    [{ smime: { trustAnchors: [PEM], graph: { clientId: CLIENT_ID, endpoint: "http://graph.example.com/v1.0" } } }, "policy.send.smime.graph.endpoint: must be an https:// URL"],
    [{ smime: { trustAnchors: [PEM], graph: { clientId: CLIENT_ID }, directory: "//evil.example/x.json" } }, "policy.send.smime.directory: must be a path on the add-in's own origin"],
    [{ smime: { trustAnchors: [PEM], graph: { clientId: CLIENT_ID }, directory: "http://kommune.dk/x.json" } }, "policy.send.smime.directory: must be a path on the add-in's own origin"],
    [{ smime: { trustAnchors: [PEM], graph: { clientId: CLIENT_ID }, maxRequestBytes: 40_000_000 } }, "policy.send.smime.maxRequestBytes: must be a whole number of bytes from 10000 to 4000000"],
    [{ smime: { trustAnchors: [PEM], graph: { clientId: CLIENT_ID }, mode: "sign-only" } }, "policy.send.smime.mode: must be one of sign-and-encrypt, encrypt-only"],
    [{ smime: { trustAnchors: [PEM], graph: { clientId: CLIENT_ID }, ldap: "x" } }, "policy.send.smime.ldap: unknown setting"],
  ])("rejects %j with the setting named", (send, message) => {
    const base = { protection: { method: "smime" } };
    expect(() => parsePolicy({ version: 1, send: { ...base, ...send } })).toThrow(PolicyError);
    expect(() => parsePolicy({ version: 1, send: { ...base, ...send } })).toThrow(message);
  });

  it("the Smart Alerts dialog never offers Send sikkert: only the pane can help", () => {
    expect(securingCanHelp(smimePolicy().send.protection, Date.now())).toBe(false);
  });
});

describe("decideSend in the smime method", () => {
  const decide = (findings: (CprFinding | TermFinding)[], recipients: Recipient[]) => {
    const policy = smimePolicy();
    return { policy, d: decideSend({ findings, unreadable: [], recipients, protection: { kind: "none" }, policy: policy.send, countedConfidence: ["high", "medium"] }) };
  };

  it("SMIME_FROM_PANE: a CPR number to an external recipient goes only from the pane", () => {
    const { d } = decide([cpr()], [ext]);
    expect(d.action).toBe("block");
    expect(d.reasons.map((r) => r.code)).toEqual(["CPR_UNENCRYPTED", "SMIME_FROM_PANE"]);
    const message = blockMessage(d, da);
    expect(message).toContain("Send krypteret");
    expect(message).toContain("Åbn Sikker Post");
    expect(message).not.toContain("Vælg \"Send sikkert\"");
    expect(blockMessage(d, en)).toContain("Send encrypted");
  });

  it("sensitive data outside also goes from the pane", () => {
    const { d } = decide([{ ...term, about: { kind: "reference", word: "borgeren" } }], [ext]);
    expect(d.reasons.map((r) => r.code)).toEqual(["SENSITIVE_UNENCRYPTED", "SMIME_FROM_PANE"]);
  });

  it("a mail with nothing to protect, or only internal recipients, goes through Outlook as usual", () => {
    expect(decide([], [ext]).d.action).toBe("allow");
    expect(decide([cpr()], [colleague]).d.action).toBe("allow");
  });

  it("the pane's own S/MIME protects the body, never the subject", () => {
    const policy = smimePolicy();
    const input = { unreadable: [], recipients: [ext], protection: { kind: "smime", signs: true } as const, policy: policy.send, countedConfidence: ["high", "medium"] as const };
    expect(decideSend({ ...input, findings: [cpr()] })).toMatchObject({ action: "allow", secured: true });
    expect(decideSend({ ...input, findings: [cpr("subject")] }).reasons.map((r) => r.code)).toEqual(["CPR_IN_SUBJECT"]);
  });

  it("status line and headline say the mail is sent encrypted from the pane", () => {
    const { d, policy } = decide([cpr()], [ext]);
    const result = { findings: [cpr()], unreadable: [] };
    const status = draftStatus({ decision: d, result, recipients: [ext] }, policy, da);
    expect(status.line).toBe("Sikker Post: sendes krypteret fra panelet – CPR-nummer til modtager uden for organisationen, ikke krypteret.");
    expect(status.headline).toEqual({ kind: "smime", text: "Sendes krypteret fra panelet: CPR-nummer til modtager uden for organisationen, ikke krypteret" });
  });

  it("a CPR number in the subject is a plain block: not even the pane can send it", () => {
    const { d, policy } = decide([cpr("subject")], [ext]);
    const status = draftStatus({ decision: d, result: { findings: [cpr("subject")], unreadable: [] }, recipients: [ext] }, policy, da);
    expect(status.headline.kind).toBe("blocked");
  });

  it("the guidance says what the method does, and whether it signs", () => {
    expect(methodGuidance(smimePolicy().send.protection, Date.now(), da)).toContain("signerer mailen med din nøgle");
    expect(methodGuidance(smimePolicy({ mode: "encrypt-only" }).send.protection, Date.now(), da)).not.toContain("signerer");
  });
});
