import fc from "fast-check";
import { decideSend, decidingParts, failClosed, isInternal, type Recipient, type SendCheckInput } from "../../src/core/policy/decide-send";
import { ATTESTED_GATEWAY, ENCRYPTING_LABEL, EXPIRED_MARKER, NONE, SIGNING_GATEWAY, UNATTESTED_MARKER, protectionArb } from "../helpers/protections";
import { DEFAULT_SEND_POLICY, type SendPolicy } from "../../src/core/policy/send-policy";
import type { CprFinding, Finding, TermFinding, UnreadablePart } from "../../src/core/scan/findings";

const at = (part: "subject" | "body" | "attachment") => ({ part, start: 0, end: 1, snippet: "" });
const cpr = (part: "subject" | "body" = "body", confidence: CprFinding["confidence"] = "high"): CprFinding => ({
  kind: "cpr", value: "150372-3405", masked: "150372-XXXX", birthDate: "1972-03-15", confidence, reasons: ["mod11_valid"], where: at(part),
});
const term: TermFinding = { kind: "term", term: "misbrug", category: "social", lang: "da", weight: 0.8, matched: "misbrug", where: at("body") };
const unreadable: UnreadablePart = { part: "attachment", path: ["sag.pdf"], reason: "encrypted", detail: "password" };
const ext = (address: string): Recipient => ({ address, field: "to", recipientType: "externalUser" });
const internalUser: Recipient = { address: "kollega@kommune.dk", field: "to", recipientType: "user" };

const ORG: Partial<SendPolicy> = { internalDomains: ["kommune.dk"] };

function decide(findings: Finding[], recipients: Recipient[], extra: Partial<SendCheckInput> = {}, policy: Partial<SendPolicy> = {}) {
  return decideSend({
    findings,
    unreadable: [],
    recipients,
    protection: NONE,
    policy: { ...DEFAULT_SEND_POLICY, ...ORG, ...policy },
    countedConfidence: ["high", "medium"],
    ...extra,
  });
}
const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => r.code);

describe("decideSend: one test per reason code", () => {
  it("CPR_UNENCRYPTED: a CPR number to an external recipient, not signed and encrypted", () => {
    const d = decide([cpr()], [ext("a@firma.dk")]);
    expect(d).toMatchObject({ action: "block", secured: false });
    expect(codes(d)).toEqual(["CPR_UNENCRYPTED"]);
    expect(d.reasons[0]?.cprs).toEqual([{ masked: "150372-XXXX", where: at("body") }]);
  });

  it("SENSITIVE_UNENCRYPTED: sensitive terms to an external recipient", () => {
    expect(codes(decide([term], [ext("a@firma.dk")]))).toEqual(["SENSITIVE_UNENCRYPTED"]);
  });

  it("CPR_IN_SUBJECT: blocks even when signed and encrypted, because subjects are never encrypted", () => {
    const d = decide([cpr("subject")], [ext("a@firma.dk")], { protection: ATTESTED_GATEWAY });
    expect(codes(d)).toEqual(["CPR_IN_SUBJECT"]);
  });

  it("UNREADABLE_ATTACHMENT: an attachment that cannot be read, to an external recipient", () => {
    const d = decide([], [ext("a@firma.dk")], { unreadable: [unreadable] });
    expect(codes(d)).toEqual(["UNREADABLE_ATTACHMENT"]);
  });

  it("SENSITIVE_CONFIRM: terms-only with a warn policy; the same content sent again is allowed", () => {
    const first = decide([term], [ext("a@firma.dk")], {}, { termsAction: "warn" });
    expect(codes(first)).toEqual(["SENSITIVE_CONFIRM"]);
    expect(first.confirmKey).toBeDefined();
    const again = decide([term], [ext("a@firma.dk")], { confirmedKey: first.confirmKey ?? "" }, { termsAction: "warn" });
    expect(again.action).toBe("allow");
    // Another recipient is another question.
    const other = decide([term], [ext("b@firma.dk")], { confirmedKey: first.confirmKey ?? "" }, { termsAction: "warn" });
    expect(codes(other)).toEqual(["SENSITIVE_CONFIRM"]);
  });

  it("UNREADABLE_CONFIRM: an unreadable attachment with a warn policy", () => {
    const d = decide([], [ext("a@firma.dk")], { unreadable: [unreadable] }, { unreadableAction: "warn" });
    expect(codes(d)).toEqual(["UNREADABLE_CONFIRM"]);
  });

  it("CHECK_FAILED: the fail-closed decision", () => {
    expect(failClosed("timeout", "slow")).toEqual({
      action: "block", reasons: [{ code: "CHECK_FAILED", failure: { kind: "timeout", detail: "slow" } }], advice: [], exposedRecipients: [], secured: false, protection: NONE,
    });
  });
});

describe("decideSend: allow", () => {
  it("allows everything to internal recipients only", () => {
    expect(decide([cpr(), term], [internalUser], { unreadable: [unreadable] }).action).toBe("allow");
  });

  it("allows a mail with CPR numbers in the body that an attested gateway or an encrypting label protects", () => {
    for (const protection of [ATTESTED_GATEWAY, SIGNING_GATEWAY, ENCRYPTING_LABEL]) {
      const d = decide([cpr(), term], [ext("a@firma.dk")], { protection });
      expect(d).toMatchObject({ action: "allow", secured: true, protection });
    }
  });

  it("ignores CPR findings at confidence levels the policy does not count", () => {
    expect(decide([cpr("body", "low")], [ext("a@firma.dk")]).action).toBe("allow");
  });

  it("never lets a warn policy cover a CPR number", () => {
    const d = decide([cpr(), term], [ext("a@firma.dk")], {}, { termsAction: "warn" });
    expect(codes(d)).toEqual(["CPR_UNENCRYPTED", "SENSITIVE_UNENCRYPTED"]);
  });
});

describe("evidence: a marker is not encryption", () => {
  it("PROTECTION_UNVERIFIED: secure sending chosen, gateway not attested: still blocked, and says why", () => {
    const d = decide([cpr()], [ext("a@firma.dk")], { protection: UNATTESTED_MARKER });
    expect(codes(d)).toEqual(["CPR_UNENCRYPTED", "PROTECTION_UNVERIFIED"]);
    expect(d.reasons[1]?.protection).toEqual(UNATTESTED_MARKER);
    expect(d.secured).toBe(false);
  });

  it("an expired attestation is no attestation", () => {
    expect(codes(decide([term], [ext("a@firma.dk")], { protection: EXPIRED_MARKER }))).toEqual(["SENSITIVE_UNENCRYPTED", "PROTECTION_UNVERIFIED"]);
  });

  it("a policy may accept a marker alone (minimumEvidence \"marker\"), never a label that does not encrypt", () => {
    const markerOk = { protection: { ...DEFAULT_SEND_POLICY.protection, minimumEvidence: "marker" as const } };
    expect(decide([cpr()], [ext("a@firma.dk")], { protection: UNATTESTED_MARKER }, markerOk).action).toBe("allow");
    expect(decide([cpr()], [ext("a@firma.dk")], { protection: { kind: "unverified", why: "label_not_encrypting" } }, markerOk).action).toBe("block");
  });

  it("says nothing of protection where nothing needs it", () => {
    expect(decide([], [ext("a@firma.dk")], { protection: UNATTESTED_MARKER })).toMatchObject({ action: "allow", reasons: [], secured: false });
    expect(decide([cpr()], [internalUser], { protection: UNATTESTED_MARKER }).action).toBe("allow");
  });

  it("LABEL_APPLIED is the handler's (it sets the label); decideSend never makes it", () => {
    fc.assert(
      fc.property(protectionArb, fc.boolean(), (protection, withCpr) => {
        expect(codes(decide(withCpr ? [cpr()] : [], [ext("a@firma.dk")], { protection }))).not.toContain("LABEL_APPLIED");
      }),
      { seed: 16_010 },
    );
  });
});

describe("recipients", () => {
  it("counts the policy's internal domains (and subdomains) as internal, and nothing else", () => {
    const policy = { ...DEFAULT_SEND_POLICY, internalDomains: ["kommune.dk"] };
    expect(isInternal(internalUser, policy)).toBe(true);
    expect(isInternal(ext("a@KOMMUNE.dk"), policy)).toBe(true);
    expect(isInternal(ext("a@skole.kommune.dk"), policy)).toBe(true);
    expect(isInternal(ext("a@notkommune.dk"), policy)).toBe(false);
    expect(isInternal({ address: "liste@firma.dk", field: "to", recipientType: "distributionList" }, policy)).toBe(false);
  });

  it("never trusts Outlook's \"user\": a citizen saved in the contacts is reported so by OWA (office-js #3122)", () => {
    const contact: Recipient = { address: "jens.holm@gmail.com", field: "to", recipientType: "user" };
    expect(isInternal(contact, { ...DEFAULT_SEND_POLICY, internalDomains: ["kommune.dk"] })).toBe(false);
    const d = decide([cpr()], [contact]);
    expect(codes(d)).toEqual(["CPR_UNENCRYPTED"]);
    expect(d.exposedRecipients.map((r) => r.address)).toEqual(["jens.holm@gmail.com"]);
  });

  it("with no internalDomains (the built-in default), every recipient is external, \"user\" or not", () => {
    expect(isInternal(internalUser, DEFAULT_SEND_POLICY)).toBe(false);
    expect(decide([cpr()], [internalUser], {}, { internalDomains: [] }).action).toBe("block");
  });

  it("an ignored picture is shown but never blocks; any other unreadable part does", () => {
    const logo: UnreadablePart = { part: "attachment", path: ["image001.png"], reason: "image_ignored", detail: "inline" };
    expect(decide([], [ext("a@firma.dk")], { unreadable: [logo] }).action).toBe("allow");
    expect(codes(decide([], [ext("a@firma.dk")], { unreadable: [logo, unreadable] }))).toEqual(["UNREADABLE_ATTACHMENT"]);
    expect(decide([], [ext("a@firma.dk")], { unreadable: [logo, unreadable] }).reasons[0]?.unreadable).toEqual([unreadable]);
  });

  it("names only the problem recipients, Bcc included", () => {
    const d = decide([cpr()], [internalUser, { ...ext("skjult@firma.dk"), field: "bcc" }]);
    expect(d.exposedRecipients.map((r) => r.address)).toEqual(["skjult@firma.dk"]);
  });

  it("treats forced-TLS partners as protected only for what the policy names", () => {
    const policy = { partnerDomains: [{ domain: "region.dk", protects: ["terms" as const] }] };
    expect(decide([term], [ext("a@region.dk")], {}, policy).action).toBe("allow");
    expect(decide([cpr()], [ext("a@region.dk")], {}, policy).action).toBe("block");
  });

  it("advises Digital Post when a citizen's webmail address is a problem recipient", () => {
    expect(decide([cpr()], [ext("borger@gmail.com")]).advice).toEqual(["USE_DIGITAL_POST"]);
    expect(decide([cpr()], [ext("sag@firma.dk")]).advice).toEqual([]);
    expect(decide([], [ext("borger@gmail.com")]).advice).toEqual([]);
  });
});

describe("decidingParts: what the decision reads", () => {
  const state = protectionArb;
  const finding = fc.oneof(
    fc.tuple(fc.constantFrom("subject" as const, "body" as const, "attachment" as const), fc.constantFrom("high" as const, "medium" as const, "low" as const)).map(([part, confidence]) => ({ ...cpr("body", confidence), where: at(part) })),
    fc.constantFrom("subject" as const, "body" as const, "attachment" as const).map((part): Finding => ({ ...term, where: at(part) })),
  );
  const recipients = fc.array(fc.constantFrom(ext("a@firma.dk"), ext("b@gmail.com"), internalUser, ext("sag@region.example.dk")), { maxLength: 3 });
  const policy = fc.record({ termsAction: fc.constantFrom("block" as const, "warn" as const), unreadableAction: fc.constantFrom("block" as const, "warn" as const) });

  it("decides a mail from its subject alone whenever decidingParts says so, under any policy", () => {
    fc.assert(
      fc.property(state, fc.array(finding, { maxLength: 6 }), fc.boolean(), recipients, policy, (s, findings, broken, to, p) => {
        const input = { protection: s, unreadable: broken ? [unreadable] : [] };
        const whole = decide(findings, to, input, p);
        const sendPolicy = { ...DEFAULT_SEND_POLICY, ...p };
        if (decidingParts(s, sendPolicy) === "subject") {
          expect(decide(findings.filter((f) => f.where.part === "subject"), to, { protection: s }, p)).toEqual(whole);
        } else {
          expect(decidingParts(s, sendPolicy)).toBe("all");
        }
      }),
      { numRuns: 2000 },
    );
    expect(decidingParts(ATTESTED_GATEWAY, DEFAULT_SEND_POLICY)).toBe("subject");
    expect(decidingParts(UNATTESTED_MARKER, DEFAULT_SEND_POLICY)).toBe("all");
  });
});
