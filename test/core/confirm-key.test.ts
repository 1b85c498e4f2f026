/**
 * The "warn" confirmation key covers the warned findings and their text, the attachments they
 * stand in and the external recipients; nothing else. What the draft checker gives it at a
 * send (every match of a term, attachment digests) is in test/draft/warn-confirmation.test.ts.
 */
import fc from "fast-check";
import { confirmationKey, type WarnEvidence } from "../../src/core/policy/confirm-key";
import { decideSend, type Recipient } from "../../src/core/policy/decide-send";
import { DEFAULT_SEND_POLICY } from "../../src/core/policy/send-policy";
import type { MailPart, TermFinding, UnreadablePart } from "../../src/core/scan/findings";
import { NO_PROTECTION } from "../../src/core/secure/protection";

function term(t: string, part: MailPart, snippet: string, path?: readonly string[], start = 10): TermFinding {
  return { kind: "term", term: t, category: "health", lang: "da", weight: 0.8, matched: t, where: { part, ...(path !== undefined ? { path } : {}), start, end: start + t.length, snippet }, about: { kind: "reference", word: "hun" } };
}

const locked: UnreadablePart = { part: "attachment", path: ["journal.docx"], reason: "encrypted", detail: "password" };
const ext = (address: string): Recipient => ({ address, field: "to", recipientType: "externalUser" });

describe("confirmationKey", () => {
  it("is a 64-bit hex digest that holds none of the text it covers", () => {
    const key = confirmationKey([term("depression", "body", "Hun har en svær depression og er sygemeldt")], [locked], ["borger@gmail.com"]);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(key).not.toContain("depression");
  });

  it("does not depend on the order of findings and recipients, on repeats, on offsets or on an address's case", () => {
    const findingArb = fc.record({ t: fc.constantFrom("depression", "misbrug", "diagnose"), part: fc.constantFrom<MailPart>("subject", "body"), snippet: fc.constantFrom("hun er syg", "borgeren har", "x"), start: fc.nat(10_000) });
    fc.assert(
      fc.property(fc.array(findingArb, { minLength: 1, maxLength: 6 }), fc.subarray(["a@firma.dk", "borger@gmail.com", "b@firma.dk"], { minLength: 1 }), fc.nat(), (found, addresses, shift) => {
        const terms = found.map((f) => term(f.t, f.part, f.snippet, undefined, f.start));
        const moved = [...terms].reverse().map((f) => ({ ...f, where: { ...f.where, start: f.where.start + shift, end: f.where.end + shift } }));
        const key = confirmationKey(terms, [], addresses);
        expect(confirmationKey([...moved, ...moved], [], [...addresses].reverse().map((a) => a.toUpperCase()))).toBe(key);
      }),
    );
  });

  it("changes with a finding's text, a new finding, another external recipient, another unreadable part", () => {
    const base = [term("depression", "body", "Hun har en svær depression")];
    const key = confirmationKey(base, [], ["a@firma.dk"]);
    const others = [
      confirmationKey([term("depression", "body", "Hun har en let depression")], [], ["a@firma.dk"]),
      confirmationKey([...base, term("misbrug", "body", "og et misbrug")], [], ["a@firma.dk"]),
      confirmationKey([term("depression", "subject", "Hun har en svær depression")], [], ["a@firma.dk"]),
      confirmationKey(base, [], ["a@firma.dk", "b@firma.dk"]),
      confirmationKey(base, [locked], ["a@firma.dk"]),
      confirmationKey(base, [{ ...locked, reason: "corrupt" }], ["a@firma.dk"]),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it("covers an attachment by its name and identity, not by snippets or inner paths (what a saved summary keeps)", () => {
    const identity = (id: string): WarnEvidence => ({ occurrences: () => undefined, attachment: () => id });
    const inDoc = term("depression", "attachment", "Hun har en svær depression", ["sag.zip", "a.docx"]);
    const summarised = { ...inDoc, where: { ...inDoc.where, snippet: "", path: ["sag.zip", "b.docx"] } };
    const key = confirmationKey([inDoc], [], ["a@firma.dk"], identity("2048:abc"));
    expect(confirmationKey([summarised], [], ["a@firma.dk"], identity("2048:abc"))).toBe(key);
    // The same name, other content: another key.
    expect(confirmationKey([inDoc], [], ["a@firma.dk"], identity("2048:abd"))).not.toBe(key);
    // An unreadable attachment by its identity too.
    expect(confirmationKey([], [locked], ["a@firma.dk"], identity("1:a"))).not.toBe(confirmationKey([], [locked], ["a@firma.dk"], identity("1:b")));
  });

  it("takes every match of a term in the subject or body from the evidence, in place of the first one's snippet", () => {
    const f = term("depression", "body", "Hun har en svær depression");
    const evidence = (around: readonly string[]): WarnEvidence => ({ occurrences: () => around, attachment: () => undefined });
    const one = confirmationKey([f], [], ["a@firma.dk"], evidence(["Hun har en svær depression"]));
    expect(confirmationKey([f], [], ["a@firma.dk"], evidence(["Hun har en svær depression", "hans depression"]))).not.toBe(one);
    expect(confirmationKey([f], [], ["a@firma.dk"], evidence(["Hun har en svær depression"]))).toBe(one);
  });
});

describe("decideSend: what a confirmation covers", () => {
  const policy = { ...DEFAULT_SEND_POLICY, internalDomains: ["kommune.dk"], termsAction: "warn" as const, unreadableAction: "warn" as const };
  const decide = (terms: readonly TermFinding[], recipients: readonly Recipient[], confirmedKey?: string, unreadable: readonly UnreadablePart[] = []) =>
    decideSend({ findings: terms, unreadable, recipients, protection: NO_PROTECTION, policy, countedConfidence: ["high", "medium"], ...(confirmedKey !== undefined ? { confirmedKey } : {}) });

  it("a colleague added after the confirmation is not a new question; an outside recipient is", () => {
    const terms = [term("depression", "body", "Hun har en svær depression")];
    const first = decide(terms, [ext("a@firma.dk")]);
    expect(first.reasons.map((r) => r.code)).toEqual(["SENSITIVE_CONFIRM"]);
    const key = first.confirmKey ?? "";
    expect(decide(terms, [ext("a@firma.dk"), { address: "kollega@kommune.dk", field: "cc", recipientType: "user" }], key).action).toBe("allow");
    expect(decide(terms, [ext("a@firma.dk"), ext("b@firma.dk")], key).reasons.map((r) => r.code)).toEqual(["SENSITIVE_CONFIRM"]);
  });

  it("a confirmed unreadable attachment does not cover another one", () => {
    const first = decide([], [ext("a@firma.dk")], undefined, [locked]);
    const key = first.confirmKey ?? "";
    expect(decide([], [ext("a@firma.dk")], key, [locked]).action).toBe("allow");
    const more: UnreadablePart = { part: "attachment", path: ["scan.pdf"], reason: "image_only", detail: "scanned" };
    expect(decide([], [ext("a@firma.dk")], key, [locked, more]).reasons.map((r) => r.code)).toEqual(["UNREADABLE_CONFIRM"]);
  });
});
