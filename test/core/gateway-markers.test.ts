import fc from "fast-check";
import { applySubjectCodes, gatewayHeaders, stripSubjectCodes } from "../../src/core/secure/gateway-markers";

const codes = { sign: "#s#", encrypt: "#k#" };
const states = fc.record({ sign: fc.boolean(), encrypt: fc.boolean() });

describe("subject codes", () => {
  it("puts the codes in front of the user's subject", () => {
    expect(applySubjectCodes("Sag 12", { sign: true, encrypt: true }, codes)).toBe("#s# #k# Sag 12");
    expect(applySubjectCodes("Sag 12", { sign: false, encrypt: true }, codes)).toBe("#k# Sag 12");
    expect(applySubjectCodes("#s# #k# Sag 12", { sign: false, encrypt: false }, codes)).toBe("Sag 12");
  });

  it("is idempotent for any subject and state: sending, failing and sending again never doubles a code", () => {
    fc.assert(
      fc.property(fc.string(), states, (subject, state) => {
        const once = applySubjectCodes(subject, state, codes);
        expect(applySubjectCodes(once, state, codes)).toBe(once);
      }),
    );
  });

  it("never changes the user's own text: turning secure sending off gives back the subject as written", () => {
    fc.assert(
      fc.property(fc.string(), states, states, (subject, a, b) => {
        const own = stripSubjectCodes(subject, codes);
        const marked = applySubjectCodes(applySubjectCodes(subject, a, codes), b, codes);
        expect(stripSubjectCodes(marked, codes)).toBe(own);
      }),
    );
  });

  it("leaves codes that are part of a word alone", () => {
    expect(stripSubjectCodes("#k#nyt", codes)).toBe("#k#nyt");
  });
});

describe("gateway headers", () => {
  it("asks for signing, encryption and the chosen mailbox", () => {
    expect(gatewayHeaders({ sign: true, encrypt: true, mailbox: "sikker@kommune.dk" })).toEqual({
      "X-Sikker-Post-Sign": "yes",
      "X-Sikker-Post-Encrypt": "yes",
      "X-Sikker-Post-Mailbox": "sikker@kommune.dk",
    });
    expect(gatewayHeaders({ sign: false, encrypt: false, mailbox: "x@y.dk" })).toEqual({});
  });
});
