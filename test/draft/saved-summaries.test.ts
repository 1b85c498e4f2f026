/**
 * Attachment results carried across runtimes in the draft's session data: a send in a newly
 * started runtime takes what the check on attaching read, decides and words its message exactly
 * as reading everything again would, and reads again whatever the carried value cannot vouch for.
 */
import { NO_PROTECTION } from "../../src/core/secure/protection";
import { SUMMARIES_KEY, MAX_SUMMARIES_CHARS, parseSummaries, serialiseSummaries, type SavedSummary, type SessionStore } from "../../src/draft/saved-summaries";
import type { CheckerOptions, DraftChecker } from "../../src/draft/draft-checker";
import { blockMessage } from "../../src/core/i18n/block-message";
import { da } from "../../src/core/i18n/strings";
import { INSECURE } from "../../src/core/policy/decide-send";
import { parsePolicy, type Policy } from "../../src/core/policy/policy";
import { attached, attachmentPool, countingInflater, CPR, draft, freshPolicy, newRuntime, readAgain, sag, seeded, type Attached } from "../helpers/draft-with-files";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { xlsx, zip } from "../helpers/make-documents";

/** item.sessionData as the fake mailbox keeps it, with a count of writes. */
function memorySession(): SessionStore & { readonly values: Map<string, string>; writes: number } {
  const values = new Map<string, string>();
  const s = {
    values,
    writes: 0,
    get: (key: string) => Promise.resolve(values.get(key)),
    set: (key: string, value: string) => {
      s.writes++;
      values.set(key, value);
      return Promise.resolve();
    },
  };
  return s;
}

/** Many CPR numbers in one sheet: the summary must stay small however many there are. */
const caseList = (n: number): Uint8Array => xlsx([Array.from({ length: n }, (_, i) => [{ ref: `A${i + 1}`, s: `Borger ${i}` }, { ref: `B${i + 1}`, s: dashed(makeCpr(1950 + (i % 50), (i % 12) + 1, (i % 28) + 1, 1, i % 500)) }])]);

/** A check as the send handler makes it, in the given runtime (a DraftChecker: what a runtime keeps). */
async function send(files: Attached[], rt: DraftChecker, summaries: SessionStore, readers: CheckerOptions = {}) {
  const check = await rt.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, decisionOnly: true, savedSummaries: summaries, readers });
  await check.saveSummaries();
  return check;
}

const POLICY_SOURCE = { version: 1, limits: { maxEntries: 5000 } };
/** A newly started runtime under the same policy. */
const runtime = (policy: Policy = parsePolicy(POLICY_SOURCE)): DraftChecker => newRuntime(policy);

describe("results carried to a newly started runtime", () => {
  it("the send in a new runtime reads nothing the check on attaching read, and decides and words it as reading again would", async () => {
    const session = memorySession();
    const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`)), attached("b", "liste.xlsx", caseList(300)), attached("c", "referat.docx", sag("Mødet er flyttet."))];
    // The check decides without carrying anything: the send handler answers Outlook first.
    const deciding = await runtime().check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, decisionOnly: true, savedSummaries: session });
    expect(session.writes).toBe(0);
    await deciding.saveSummaries();
    expect(session.writes).toBe(1);
    const attaching = await send(files, runtime(), session);
    expect(attaching.decision.action).toBe("block");
    expect(session.writes).toBe(1);
    const { inflater, count } = countingInflater();
    const rt = runtime();
    const later = await send(files, rt, session, { inflater });
    expect(count()).toBe(0);
    const reference = await readAgain(files, rt.policy);
    expect(later.decision.action).toBe(reference.action);
    expect(blockMessage(later.decision, da)).toBe(blockMessage(attaching.decision, da));
    expect(blockMessage(later.decision, da)).toMatch(/og \d+ mere/);
    expect(later.decision.reasons.map((r) => r.code)).toEqual(attaching.decision.reasons.map((r) => r.code));
    // Nothing changed: nothing is written again.
    expect(session.writes).toBe(1);
  });

  it("keeps no full CPR number and no text of the mail in the session data, and stays within its size", async () => {
    const session = memorySession();
    await send([attached("a", "sag.docx", sag(`Borgeren ${CPR} har en diagnose`)), attached("b", "liste.xlsx", caseList(2000))], runtime(), session);
    const value = session.values.get(SUMMARIES_KEY) ?? "";
    expect(value.length).toBeGreaterThan(0);
    expect(value.length).toBeLessThanOrEqual(MAX_SUMMARIES_CHARS);
    // Digests are hexadecimal and may hold ten digits in a row; nothing else may.
    expect(value.replace(/"(digest|policy)":"[^"]*"/g, "")).not.toMatch(/\d{6}-?\d{4}/);
    expect(value).not.toContain("Borgeren");
    expect(value).toContain(`${CPR.slice(0, 6)}-XXXX`);
  });

  it("reads an attachment again whose content changed under the same name and id", async () => {
    const session = memorySession();
    const files = [attached("a", "sag.docx", sag("Mødet er flyttet."))];
    expect((await send(files, runtime(), session)).decision.action).toBe("allow");
    files[0] = attached("a", "sag.docx", sag(`CPR ${CPR}`));
    const { inflater, count } = countingInflater();
    const later = await send(files, runtime(), session, { inflater });
    expect(count()).toBeGreaterThan(0);
    expect(later.decision.action).toBe("block");
  });

  it("reads again under another policy, and when the stored value is malformed or holds a full number", async () => {
    const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`))];
    const session = memorySession();
    await send(files, runtime(), session);
    const good = session.values.get(SUMMARIES_KEY) ?? "";
    const readsWith = async (value: string | undefined, policy: Policy): Promise<number> => {
      const s = memorySession();
      if (value !== undefined) s.values.set(SUMMARIES_KEY, value);
      const { inflater, count } = countingInflater();
      expect((await send(files, runtime(policy), s, { inflater })).decision.action).toBe("block");
      return count();
    };
    expect(await readsWith(good, parsePolicy(POLICY_SOURCE))).toBe(0);
    expect(await readsWith(good, parsePolicy({ ...POLICY_SOURCE, detection: { terms: { removeTerms: ["misbrug"] } } }))).toBeGreaterThan(0);
    expect(await readsWith(good, parsePolicy({ version: 1, limits: { maxEntries: 4999 } }))).toBeGreaterThan(0);
    expect(await readsWith(good.slice(0, -1), parsePolicy(POLICY_SOURCE))).toBeGreaterThan(0);
    expect(await readsWith(good.replace(/"value":"\d{6}-XXXX"/, `"value":"${CPR}"`), parsePolicy(POLICY_SOURCE))).toBeGreaterThan(0);
    expect(await readsWith(good.replace(/"v":1/, '"v":2'), parsePolicy(POLICY_SOURCE))).toBeGreaterThan(0);
    expect(await readsWith("", parsePolicy(POLICY_SOURCE))).toBeGreaterThan(0);
  });

  it("is taken only by a check that is given the session data (the handlers'): the pane's reads everything and shows every finding", async () => {
    const session = memorySession();
    const files = [attached("b", "liste.xlsx", caseList(40))];
    await send(files, runtime(), session);
    const { inflater, count } = countingInflater();
    const pane = await runtime().check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater } });
    expect(count()).toBeGreaterThan(0);
    expect(pane.result.findings.filter((f) => f.kind === "cpr")).toHaveLength(40);
  });

  it("writes nothing for a mail without attachments, and forgets what was carried once they are removed", async () => {
    const session = memorySession();
    await send([], runtime(), session);
    expect(session.writes).toBe(0);
    await send([attached("a", "sag.docx", sag(`CPR ${CPR}`))], runtime(), session);
    expect(session.values.get(SUMMARIES_KEY)).toContain("sag.docx");
    await send([], runtime(), session);
    expect(session.values.get(SUMMARIES_KEY)).not.toContain("sag.docx");
  });

  it("decides as before when the session data cannot be read or written", async () => {
    const broken: SessionStore = { get: () => Promise.reject(new Error("sessionData.getAsync failed")), set: () => Promise.reject(new Error("over the limit")) };
    const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`))];
    expect((await send(files, runtime(), broken)).decision.action).toBe("block");
    expect((await send(files, runtime(), broken)).decision.action).toBe("block");
  });

  it("carries nothing for a result that ran into the time limit", async () => {
    const session = memorySession();
    const policy = freshPolicy({ maxMillisPerAttachment: 100 });
    const files = [attached("a", "bilag.zip", zip({ "a.txt": "Notat", "b.txt": "Notat", "c.txt": CPR }))];
    const slow = countingInflater();
    const result = await send(files, runtime(policy), session, {
      inflater: async (data, onGrow, max) => {
        await new Promise((r) => setTimeout(r, 60));
        return slow.inflater(data, onGrow, max);
      },
    });
    expect(result.result.unreadable.map((u) => u.reason)).toEqual(["over_limit"]);
    expect(session.values.get(SUMMARIES_KEY) ?? "").not.toContain("bilag.zip");
  });

  it("decides as reading everything again would, over random changes to a draft and runtime restarts (property)", async () => {
    const pool = attachmentPool(attached("p6", "stor.xlsx", caseList(30)));
    const rand = seeded(7);
    const source = { version: 1, limits: { maxEntries: 14 } };
    let rt = runtime(parsePolicy(source));
    const session = memorySession();
    let files: Attached[] = [];
    let restarts = 0;
    for (let step = 0; step < 30; step++) {
      const pick = pool[Math.floor(rand() * pool.length)] as Attached;
      if (files.includes(pick)) files = files.filter((f) => f !== pick);
      else files = [...files, pick];
      if (rand() < 0.2) files = files.map((f) => (f.ref.id === "p2" ? attached("p2", "referat.docx", sag(rand() < 0.5 ? `Nyt ${CPR}` : `Nyt ${rand()}`)) : f));
      if (rand() < 0.5) {
        rt = runtime(parsePolicy(source));
        restarts++;
      }
      const check = await send(files, rt, session);
      const reference = await readAgain(files, rt.policy);
      expect(check.decision.action).toBe(reference.action);
      const whole = await runtime(parsePolicy(source)).check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION });
      expect(blockMessage(check.decision, da)).toBe(blockMessage(whole.decision, da));
    }
    expect(restarts).toBeGreaterThan(5);
  });
});

describe("serialiseSummaries and parseSummaries", () => {
  const record = (key: string, terms: number): SavedSummary => ({
    key,
    digest: "0123456789abcdef-1",
    entries: 1,
    totalBytes: 10,
    summary: {
      findings: Array.from({ length: terms }, (_, i) => ({ kind: "term" as const, term: `t${i}`, category: "health", lang: "da", weight: 1, matched: `t${i}`, where: { part: "attachment" as const, path: [key], start: i, end: i + 1, snippet: "" } })),
      unreadable: [],
      moreCprs: 0,
    },
  });

  it("round-trips records under the policy they were made with, and none under another", () => {
    const records = [record("a", 2), record("b", 0)];
    const text = serialiseSummaries("p1", records);
    expect([...parseSummaries(text, "p1").values()]).toEqual(records);
    expect(parseSummaries(text, "p2").size).toBe(0);
  });

  it("leaves out the largest records where not all fit, never going over the size", () => {
    const records = [record("big", 400), record("small", 1), record("middle", 40)];
    const all = serialiseSummaries("p", records, 1_000_000).length;
    const text = serialiseSummaries("p", records, all - 1);
    expect(text.length).toBeLessThan(all);
    expect([...parseSummaries(text, "p").keys()]).toEqual(["small", "middle"]);
    expect(parseSummaries(serialiseSummaries("p", records, 10), "p").size).toBe(0);
  });
});
