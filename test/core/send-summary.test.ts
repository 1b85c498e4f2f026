/**
 * summariseForSend: an attachment's summary must give the same send decision and the same
 * block message as its whole result, next to any other parts of the mail, and hold no full
 * CPR number and no text of the mail.
 */
import fc from "fast-check";
import { protectionArb } from "../helpers/protections";
import { blockMessage, SHOWN_CPRS } from "../../src/core/i18n/block-message";
import { da, en } from "../../src/core/i18n/strings";
import type { CprConfidence } from "../../src/core/cpr/cpr-detector";
import { decideSend, type Recipient } from "../../src/core/policy/decide-send";
import { DEFAULT_SEND_POLICY, type SendPolicy } from "../../src/core/policy/send-policy";
import { summariseForSend } from "../../src/core/policy/send-summary";
import type { CprFinding, Finding, MailPart, TermFinding, UnreadablePart } from "../../src/core/scan/findings";
import type { TermAbout } from "../../src/core/terms/lexicon";

const where = (part: MailPart, path: readonly string[] | undefined, start: number) => ({
  part,
  ...(path !== undefined ? { path } : {}),
  start,
  end: start + 11,
  snippet: `tekst ${start}`,
});

function cpr(n: number, confidence: CprConfidence, part: MailPart, path: readonly string[] | undefined, start: number): CprFinding {
  const dd = String((n % 28) + 1).padStart(2, "0");
  return { kind: "cpr", value: `${dd}0372-34${String(n).padStart(2, "0")}`, masked: `${dd}0372-XXXX`, birthDate: `1972-03-${dd}`, confidence, reasons: ["mod11_valid"], where: where(part, path, start) };
}

const TERMS = [
  ["misbrug", "social"],
  ["alkohol", "social"],
  ["diagnose", "health"],
  ["dom", "criminal"],
  ["fagforening", "union"],
] as const;

/** What ties a term to a person (none: a finding from before the rule), drawn from the finding's place. */
const ABOUT: readonly (TermAbout | undefined)[] = [undefined, { kind: "topic" }, { kind: "reference", word: "borgeren" }, { kind: "topic" }];

function term(i: number, part: MailPart, path: readonly string[] | undefined, start: number): TermFinding {
  const [t, category] = TERMS[i % TERMS.length] ?? TERMS[0];
  const about = ABOUT[start % ABOUT.length];
  return { kind: "term", term: t, category, lang: "da", weight: 0.8, matched: `${t}${start % 3 === 0 ? "et" : ""}`, where: where(part, path, start), ...(about !== undefined ? { about } : {}) };
}

// A finding in a part: kind, which CPR number (few, so that they repeat), confidence, inner path.
const findingArb = (part: MailPart, name: string | undefined) =>
  fc.tuple(fc.boolean(), fc.nat(40), fc.constantFrom<CprConfidence>("high", "medium", "low"), fc.constantFrom<readonly string[]>([], ["sag.docx"], ["a", "b"]), fc.nat(5000)).map(([isCpr, n, conf, inner, start]): Finding => {
    const path = name === undefined ? undefined : [name, ...inner];
    return isCpr ? cpr(n % 7 === 0 ? n : n % 9, conf, part, path, start) : term(n, part, path, start);
  });

const unreadableArb = (name: string) =>
  fc.constantFrom<UnreadablePart["reason"][]>(["encrypted"], ["over_limit"], []).map((reasons) => reasons.map((reason): UnreadablePart => ({ part: "attachment", path: [name, "x.pdf"], reason, detail: "d" })));

const recipientArb = fc.constantFrom<Recipient>(
  { address: "kollega@kommune.dk", field: "to", recipientType: "user" },
  { address: "a@firma.dk", field: "to", recipientType: "externalUser" },
  { address: "borger@gmail.com", field: "cc", recipientType: "externalUser" },
  { address: "sag@partner.dk", field: "to", recipientType: "externalUser" },
);

const mailArb = fc.record({
  subject: fc.array(findingArb("subject", undefined), { maxLength: 3 }),
  body: fc.array(findingArb("body", undefined), { maxLength: 6 }),
  attachments: fc.array(
    fc.nat(1000).chain((id) => {
      const name = `bilag-${id}.docx`;
      return fc.record({ findings: fc.array(findingArb("attachment", name), { maxLength: 25 }), unreadable: unreadableArb(name) });
    }),
    { maxLength: 4 },
  ),
  recipients: fc.array(recipientArb, { minLength: 1, maxLength: 3 }),
  protection: protectionArb,
  counted: fc.subarray<CprConfidence>(["high", "medium", "low"], { minLength: 1 }),
  termsAction: fc.constantFrom<SendPolicy["termsAction"]>("block", "warn"),
  unreadableAction: fc.constantFrom<SendPolicy["unreadableAction"]>("block", "warn"),
});

describe("summariseForSend", () => {
  it("gives the same decision and the same message (da and en) as the whole results, beside any other parts", () => {
    fc.assert(
      fc.property(mailArb, (m) => {
        // Attachments read on their own have names of their own (the draft checker reads repeated names together).
        const names = m.attachments.map((a) => a.findings[0]?.where.path?.[0] ?? a.unreadable[0]?.path?.[0]);
        fc.pre(new Set(names).size === names.length);
        const policy: SendPolicy = { ...DEFAULT_SEND_POLICY, termsAction: m.termsAction, unreadableAction: m.unreadableAction, partnerDomains: [{ domain: "partner.dk", protects: ["terms"] }] };
        const base = { recipients: m.recipients, protection: m.protection, policy, countedConfidence: m.counted };
        const whole = decideSend({ ...base, findings: [...m.subject, ...m.body, ...m.attachments.flatMap((a) => a.findings)], unreadable: m.attachments.flatMap((a) => a.unreadable) });
        const summaries = m.attachments.map((a) => summariseForSend(a, m.counted));
        const summarised = decideSend({
          ...base,
          findings: [...m.subject, ...m.body, ...summaries.flatMap((s) => s.findings)],
          unreadable: summaries.flatMap((s) => s.unreadable),
          moreCprs: summaries.reduce((n, s) => n + s.moreCprs, 0),
        });
        expect(summarised.action).toBe(whole.action);
        expect(summarised.reasons.map((r) => r.code)).toEqual(whole.reasons.map((r) => r.code));
        expect(summarised.confirmKey).toBe(whole.confirmKey);
        expect(summarised.exposedRecipients).toEqual(whole.exposedRecipients);
        expect(summarised.advice).toEqual(whole.advice);
        expect(blockMessage(summarised, da)).toBe(blockMessage(whole, da));
        expect(blockMessage(summarised, en)).toBe(blockMessage(whole, en));
        // And a confirmation given for the whole result holds for the summary.
        if (whole.confirmKey !== undefined) {
          const confirmed = decideSend({ ...base, findings: [...m.subject, ...m.body, ...summaries.flatMap((s) => s.findings)], unreadable: summaries.flatMap((s) => s.unreadable), confirmedKey: whole.confirmKey });
          expect(confirmed.action).toBe("allow");
        }
      }),
      { numRuns: 400 },
    );
  });

  it("holds no full CPR number and no text of the mail", () => {
    fc.assert(
      fc.property(fc.array(findingArb("attachment", "sag.docx"), { maxLength: 30 }), (findings) => {
        const s = summariseForSend({ findings, unreadable: [] }, ["high", "medium", "low"]);
        const json = JSON.stringify(s);
        for (const f of findings) {
          if (f.kind === "cpr") expect(json).not.toContain(f.value);
          expect(json).not.toContain(f.where.snippet);
          if (f.kind === "term" && f.matched !== f.term) expect(json).not.toContain(f.matched);
        }
      }),
    );
  });

  it("names the first CPR numbers the message shows and counts the rest, each number and place once", () => {
    const path = ["sag.zip", "a.docx"];
    const findings = [cpr(1, "high", "attachment", path, 0), cpr(1, "high", "attachment", path, 50), cpr(2, "high", "attachment", path, 90), cpr(3, "low", "attachment", path, 99), cpr(4, "medium", "attachment", path, 120), cpr(4, "medium", "attachment", ["sag.zip", "b.docx"], 0), term(0, "attachment", path, 7), term(0, "attachment", path, 9)];
    const s = summariseForSend({ findings, unreadable: [] }, ["high", "medium"]);
    expect(SHOWN_CPRS).toBe(2);
    expect(s.findings.filter((f): f is CprFinding => f.kind === "cpr").map((f) => [f.masked, f.where.start])).toEqual([
      ["020372-XXXX", 0],
      ["030372-XXXX", 90],
    ]);
    // 4 in a.docx and 4 in b.docx are two places; the low-confidence 3 is not counted.
    expect(s.moreCprs).toBe(2);
    expect(s.findings.filter((f) => f.kind === "term")).toHaveLength(1);
  });
});
