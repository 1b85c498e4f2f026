import fc from "fast-check";
import { DEFAULT_SEND_POLICY } from "../../src/core/policy/send-policy";
import { applySubjectCodes, gatewayHeaders, subjectAsksEncryption } from "../../src/core/secure/gateway-markers";

const codes = { sign: "#s#", encrypt: "#k#" };
const names = DEFAULT_SEND_POLICY.markers.headers;
const states = fc.record({ sign: fc.boolean(), encrypt: fc.boolean() });

describe("subject codes: only ever added", () => {
  it("puts the missing codes in front of the user's subject", () => {
    expect(applySubjectCodes("Sag 12", { sign: true, encrypt: true }, codes)).toBe("#s# #k# Sag 12");
    expect(applySubjectCodes("Sag 12", { sign: false, encrypt: true }, codes)).toBe("#k# Sag 12");
    expect(applySubjectCodes("#k# Sag 12", { sign: true, encrypt: true }, codes)).toBe("#s# #k# Sag 12");
  });

  it("never strips a code the caseworker typed, even when nothing asks for it", () => {
    expect(applySubjectCodes("#k# Sag 12", { sign: false, encrypt: false }, codes)).toBe("#k# Sag 12");
    expect(applySubjectCodes("#K# Sag 12", { sign: false, encrypt: true }, codes)).toBe("#K# Sag 12");
    expect(subjectAsksEncryption("#k# Sag 12", codes)).toBe(true);
    expect(subjectAsksEncryption("Sag #k#", codes)).toBe(false);
  });

  it("is idempotent for any subject and state: sending, failing and sending again never doubles a code", () => {
    fc.assert(
      fc.property(fc.string(), states, (subject, state) => {
        const once = applySubjectCodes(subject, state, codes);
        expect(applySubjectCodes(once, state, codes)).toBe(once);
      }),
      { seed: 16_001 },
    );
  });

  it("keeps every character the user wrote: the result ends with the subject as written", () => {
    fc.assert(
      fc.property(fc.string(), states, states, (subject, a, b) => {
        const marked = applySubjectCodes(applySubjectCodes(subject, a, codes), b, codes);
        expect(marked.endsWith(subject)).toBe(true);
      }),
      { seed: 16_002 },
    );
  });

  it("does not take a code that is part of a word for a code", () => {
    expect(applySubjectCodes("#k#nyt", { sign: false, encrypt: true }, codes)).toBe("#k# #k#nyt");
  });
});

describe("gateway headers: every marker set to an explicit value, none ever left out", () => {
  it("says yes or no for encryption and signing, and names the mailbox or none", () => {
    expect(gatewayHeaders({ sign: true, encrypt: true, mailbox: "sikker@kommune.dk" }, names)).toEqual({
      "X-Sikker-Post-Sign": "yes",
      "X-Sikker-Post-Encrypt": "yes",
      "X-Sikker-Post-Mailbox": "sikker@kommune.dk",
    });
    expect(gatewayHeaders({ sign: false, encrypt: false }, names)).toEqual({ "X-Sikker-Post-Sign": "no", "X-Sikker-Post-Encrypt": "no", "X-Sikker-Post-Mailbox": "none" });
  });

  it("uses the policy's header names and values, so a gateway's existing trigger can be reused", () => {
    const own = { sign: "X-Kommune-Signer", encrypt: "X-Kommune-Krypter", mailbox: "X-Kommune-Boks", yes: "JA", no: "NEJ" };
    expect(gatewayHeaders({ sign: false, encrypt: true }, own)).toEqual({ "X-Kommune-Krypter": "JA", "X-Kommune-Signer": "NEJ", "X-Kommune-Boks": "none" });
  });

  it("always names the same three headers, whatever the state", () => {
    fc.assert(
      fc.property(states, (state) => {
        expect(Object.keys(gatewayHeaders(state, names)).sort()).toEqual([names.encrypt, names.mailbox, names.sign].sort());
      }),
      { seed: 16_003 },
    );
  });
});
