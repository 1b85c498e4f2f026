/**
 * A "warn" confirmation covers the content it confirmed (issue 18): sending again after a warning
 * goes through only while the warned findings, their text, the attachments they stand in and the
 * external recipients are the same. Edits elsewhere keep it; the key is the same whether a
 * runtime read the attachments itself or took the summaries an earlier runtime saved.
 */
import fc from "fast-check";
import { INSECURE, type Decision, type Recipient } from "../../src/core/policy/decide-send";
import { parsePolicy } from "../../src/core/policy/policy";
import { NO_PROTECTION } from "../../src/core/secure/protection";
import { DraftChecker, type CheckerOptions } from "../../src/draft/draft-checker";
import { SUMMARIES_KEY, type SessionStore } from "../../src/draft/saved-summaries";
import type { ComposeItem } from "../../src/office/compose-item";
import { attached, composeItem, countingInflater, sag, type Attached } from "../helpers/draft-with-files";
import { pdf } from "../helpers/make-documents";

const POLICY = parsePolicy({ version: 1, send: { internalDomains: ["kommune.example.dk"], termsAction: "warn", unreadableAction: "warn" } });
const CONFIRM = "sikkerPostConfirm";

interface Draft {
  subject: string;
  paragraphs: string[];
  recipients: Recipient[];
  files: Attached[];
}

const firm: Recipient = { address: "sagsbehandler@firma.dk", field: "to", recipientType: "externalUser" };
const other: Recipient = { address: "advokat@firma2.dk", field: "cc", recipientType: "externalUser" };
const colleague: Recipient = { address: "kollega@kommune.example.dk", field: "cc", recipientType: "user" };

function item(d: Draft): ComposeItem {
  return composeItem(() => ({ subject: d.subject, bodyHtml: d.paragraphs.map((p) => `<p>${p}</p>`).join(""), recipients: d.recipients, files: d.files }));
}

function memorySession(): SessionStore & { readonly values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, get: (key) => Promise.resolve(values.get(key)), set: (key, value) => Promise.resolve(void values.set(key, value)) };
}

/** The send as the handler makes it (handlers.ts): the stored confirmation in, a warning's key stored. */
async function send(rt: DraftChecker, d: Draft, session: SessionStore, readers?: CheckerOptions): Promise<Decision> {
  const confirmed = await session.get(CONFIRM);
  const { decision } = await rt.check({ item: item(d), state: INSECURE, protection: NO_PROTECTION, decisionOnly: true, savedSummaries: session, ...(confirmed !== undefined ? { confirmedKey: confirmed } : {}), ...(readers !== undefined ? { readers } : {}) });
  if (decision.action === "block" && decision.confirmKey !== undefined) await session.set(CONFIRM, decision.confirmKey);
  return decision;
}

/** A status check (on attaching, on a recipient change): it saves the summaries a new runtime takes. */
async function statusCheck(rt: DraftChecker, d: Draft, session: SessionStore): Promise<void> {
  const check = await rt.check({ item: item(d), state: INSECURE, protection: NO_PROTECTION, decisionOnly: true, savedSummaries: session });
  await check.saveSummaries();
}

const codes = (d: Decision): string[] => d.reasons.map((r) => r.code);
const newRuntime = (): DraftChecker => new DraftChecker(POLICY, { pdfReader: null });
// One runtime for the tests that do not restart it: building the term automaton is the slow part.
const runtime = newRuntime();

let made = 0;
/** A case file with a sensitive term about a person; `variant` gives other content under the same name. */
const caseFile = (variant = "", id = "sag"): Attached => attached(`${id}-${++made}`, "sag.docx", sag(`Borgeren er i misbrugsbehandling${variant}.`));
const cleanFile = (text = "Mødet er flyttet til torsdag."): Attached => attached(`referat-${++made}`, "referat.docx", sag(text));

function baseDraft(): Draft {
  return {
    subject: "Opfølgning på sagen",
    paragraphs: ["Hej", "Borgeren er i misbrugsbehandling og har brug for støtte.", "Venlig hilsen Jens"],
    recipients: [firm],
    files: [caseFile()],
  };
}

/** Warns, and the warning is confirmed by the next send: the situation every case starts from. */
async function confirmed(d: Draft, session: SessionStore, rt = runtime): Promise<void> {
  expect(codes(await send(rt, d, session))).toEqual(["SENSITIVE_CONFIRM"]);
  expect((await send(rt, d, session)).action).toBe("allow");
}

describe("a confirmed warning covers what it confirmed", () => {
  it("sends again with nothing changed", async () => {
    const d = baseDraft();
    const session = memorySession();
    await confirmed(d, session);
    expect((await send(runtime, d, session)).action).toBe("allow");
  });

  it("warns again for a new paragraph with a sensitive term, the same term or another", async () => {
    for (const paragraph of ["Hun er også i misbrugsbehandling.", "Han har desuden en depression."]) {
      const d = baseDraft();
      const session = memorySession();
      await confirmed(d, session);
      d.paragraphs.push(paragraph);
      expect(codes(await send(runtime, d, session))).toEqual(["SENSITIVE_CONFIRM"]);
      // And that new confirmation holds.
      expect((await send(runtime, d, session)).action).toBe("allow");
    }
  });

  it("warns again when the words around a warned term change", async () => {
    const d = baseDraft();
    const session = memorySession();
    await confirmed(d, session);
    d.paragraphs[1] = "Borgeren er fortsat i misbrugsbehandling og har brug for støtte.";
    expect(codes(await send(runtime, d, session))).toEqual(["SENSITIVE_CONFIRM"]);
  });

  it("stays confirmed after edits in text that holds no finding: the subject, another paragraph, a clean attachment", async () => {
    const d = baseDraft();
    const session = memorySession();
    await confirmed(d, session);
    d.subject = "Opfølgning på sagen (rettet)";
    d.paragraphs[0] = "Hej Lise";
    d.paragraphs.push("PS: Mødet er flyttet til torsdag kl. 10.");
    d.files.push(cleanFile());
    expect((await send(runtime, d, session)).action).toBe("allow");
    // A clean attachment changed is still clean, and not what was confirmed.
    d.files[1] = cleanFile("Mødet er flyttet til fredag.");
    expect((await send(runtime, d, session)).action).toBe("allow");
  });

  it("warns again when an attachment is swapped for another with the same name", async () => {
    const d = baseDraft();
    const session = memorySession();
    await confirmed(d, session);
    d.files[0] = caseFile(" og har fået en ny sagsbehandler");
    const again = await send(runtime, d, session);
    expect(codes(again)).toEqual(["SENSITIVE_CONFIRM"]);
    // The same file attached again (another id, the same bytes) is what was confirmed.
    const same = baseDraft();
    const s2 = memorySession();
    await confirmed(same, s2);
    same.files[0] = attached("again", "sag.docx", (same.files[0] as Attached).bytes);
    expect((await send(runtime, same, s2)).action).toBe("allow");
  });

  it("warns again for a new external recipient, not for a colleague", async () => {
    const d = baseDraft();
    const session = memorySession();
    await confirmed(d, session);
    d.recipients.push(colleague);
    expect((await send(runtime, d, session)).action).toBe("allow");
    d.recipients.push(other);
    expect(codes(await send(runtime, d, session))).toEqual(["SENSITIVE_CONFIRM"]);
  });

  it("warns again when an unreadable attachment is swapped for another with the same name", async () => {
    const scan = (text: string): Attached => attached(`pdf-${++made}`, "scanning.pdf", pdf([[{ x: 50, y: 700, text }]]));
    const d: Draft = { subject: "Bilag", paragraphs: ["Se vedhæftede."], recipients: [firm], files: [scan("Side 1")] };
    const session = memorySession();
    expect(codes(await send(runtime, d, session))).toEqual(["UNREADABLE_CONFIRM"]);
    expect((await send(runtime, d, session)).action).toBe("allow");
    d.files[0] = scan("Side 2");
    expect(codes(await send(runtime, d, session))).toEqual(["UNREADABLE_CONFIRM"]);
  });
});

describe("the same key from whole results and from saved summaries", () => {
  it("a send in a newly started runtime takes the summaries, reads nothing, and the confirmation holds", async () => {
    const d = baseDraft();
    d.files.push(attached("liste", "liste.docx", sag("Klienten har en diagnose: depression.")));
    const session = memorySession();
    const first = newRuntime();
    await statusCheck(first, d, session);
    const warned = await send(first, d, session);
    expect(codes(warned)).toEqual(["SENSITIVE_CONFIRM"]);
    expect(session.values.get(SUMMARIES_KEY)).toBeDefined();
    // Classic Outlook ended the runtime; the confirming send starts a new one.
    const { inflater, count } = countingInflater();
    const later = await send(newRuntime(), d, session, { inflater });
    expect(count()).toBe(0);
    expect(later.action).toBe("allow");
    expect(later.confirmKey).toBe(warned.confirmKey);
    // The session data holds the key and the summaries, no text of the mail.
    const stored = JSON.stringify([...session.values]);
    expect(stored).not.toContain("misbrugsbehandling");
    expect(stored).not.toContain("Borgeren");
  });

  it("random edits between the warning and the confirming send, in the same or a new runtime: warned again exactly when warned content changed", async () => {
    type Edit = { readonly name: string; readonly covered: boolean; readonly apply: (d: Draft) => void };
    const edits: Edit[] = [
      { name: "clean paragraph", covered: false, apply: (d) => d.paragraphs.push("Mødet er flyttet til torsdag.") },
      { name: "greeting", covered: false, apply: (d) => (d.paragraphs[0] = "Kære Lise") },
      { name: "subject", covered: false, apply: (d) => (d.subject += " – rettet") },
      { name: "colleague", covered: false, apply: (d) => d.recipients.push(colleague) },
      { name: "clean attachment", covered: false, apply: (d) => d.files.push(cleanFile(`Referat ${++made}.`)) },
      { name: "paragraph with a term", covered: true, apply: (d) => d.paragraphs.push("Hun har også en depression.") },
      { name: "warned paragraph edited", covered: true, apply: (d) => (d.paragraphs[1] = "Borgeren er nu i misbrugsbehandling og har brug for støtte.") },
      { name: "external recipient", covered: true, apply: (d) => d.recipients.push(other) },
      { name: "case file swapped", covered: true, apply: (d) => (d.files[0] = caseFile(` (version ${++made})`)) },
    ];
    const second = newRuntime();
    await fc.assert(
      fc.asyncProperty(fc.subarray(edits, { minLength: 1, maxLength: 3 }), fc.boolean(), async (chosen, restart) => {
        const d = baseDraft();
        const session = memorySession();
        await statusCheck(runtime, d, session);
        expect(codes(await send(runtime, d, session))).toEqual(["SENSITIVE_CONFIRM"]);
        for (const e of chosen) e.apply(d);
        // A status check after the edit saves what the next runtime takes (as Outlook's events do).
        if (restart) await statusCheck(runtime, d, session);
        const after = await send(restart ? second : runtime, d, session);
        const expected = chosen.some((e) => e.covered) ? "block" : "allow";
        expect({ edits: chosen.map((e) => e.name), action: after.action }).toEqual({ edits: chosen.map((e) => e.name), action: expected });
      }),
      { numRuns: 40 },
    );
  });
});
