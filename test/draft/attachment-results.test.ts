/**
 * Attachments read once per runtime: a later check of the same draft (the send after the check
 * on attaching) takes the kept results, and decides exactly as reading everything again would.
 */
import { NO_PROTECTION } from "../../src/core/secure/protection";
import { newRuntime } from "../helpers/draft-with-files";
import { AttachmentResults, reusable, type AttachmentResult } from "../../src/draft/attachment-results";
import { pakoInflater, type RawInflater } from "../../src/core/extract/inflate";
import { INSECURE } from "../../src/core/policy/decide-send";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { attached, attachmentPool, countingInflater, CPR, draft, freshPolicy, liste, readAgain, sag, seeded, type Attached } from "../helpers/draft-with-files";
import { zip } from "../helpers/make-documents";

describe("a runtime keeps what it read of each attachment", () => {
  it("reads an unchanged attachment once: the send after the check on attaching takes the result", async () => {
    const runtime = newRuntime(freshPolicy());
    const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`)), attached("b", "liste.xlsx", liste("Ingen"))];
    const { inflater, count } = countingInflater();
    const first = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater, pdfReader: null } });
    const read = count();
    expect(read).toBeGreaterThan(0);
    const second = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater, pdfReader: null } });
    expect(count()).toBe(read);
    expect(second.result).toEqual(first.result);
    expect(second.decision).toEqual(first.decision);
    expect(first.decision.action).toBe("block");
  });

  it("reads an attachment again when its content changed under the same name and id", async () => {
    const runtime = newRuntime(freshPolicy());
    const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`))];
    const { inflater, count } = countingInflater();
    expect((await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater, pdfReader: null } })).decision.action).toBe("block");
    const before = count();
    files[0] = attached("a", "sag.docx", sag("Mødet er flyttet."));
    const after = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater, pdfReader: null } });
    expect(count()).toBeGreaterThan(before);
    expect(after.decision.action).toBe("allow");
    expect(after.result).toEqual({ findings: [], unreadable: [] });
  });

  it("shares a reading still under way: a send during the check on attaching reads nothing twice", async () => {
    const runtime = newRuntime(freshPolicy());
    const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`)), attached("b", "liste.xlsx", liste(CPR))];
    const alone = countingInflater();
    await newRuntime().check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater: alone.inflater, pdfReader: null } });
    const { inflater, count } = countingInflater();
    const [status, send] = await Promise.all([
      runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, decisionOnly: true, readers: { inflater, pdfReader: null } }),
      runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, decisionOnly: true, readers: { inflater, pdfReader: null } }),
    ]);
    expect(count()).toBe(alone.count());
    expect(send.result).toEqual(status.result);
  });

  it("keeps results apart per runtime reader: a PDF read where there is a reader is unreadable where there is none", async () => {
    const runtime = newRuntime(freshPolicy());
    const files = [attached("a", "afgørelse.pdf", new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF"))];
    const reader = Object.assign(() => Promise.resolve({ kind: "text" as const, pageCount: 1, pages: [`CPR ${CPR}`] }), {});
    const withReader = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: reader } });
    expect(withReader.result.findings.map((f) => f.kind)).toEqual(["cpr"]);
    const without = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: null } });
    expect(without.result.findings).toEqual([]);
    expect(without.result.unreadable.map((u) => u.reason)).toEqual(["unsupported_type"]);
  });

  it("does not keep a result that ran into the time limit: the next check reads the file again", async () => {
    const runtime = newRuntime(freshPolicy({ maxMillisPerAttachment: 100 }));
    const files = [attached("a", "bilag.zip", zip({ "a.txt": "Notat", "b.txt": "Notat", "c.txt": CPR }))];
    let n = 0;
    const slow: RawInflater = async (data, onGrow, max) => {
      n++;
      await new Promise((r) => setTimeout(r, 60));
      return pakoInflater(data, onGrow, max);
    };
    const first = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater: slow, pdfReader: null } });
    expect(first.result.unreadable.map((u) => u.detail)).toEqual([expect.stringContaining("limits.maxMillisPerAttachment")]);
    const read = n;
    await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater: slow, pdfReader: null } });
    expect(n).toBeGreaterThan(read);
  });

  it("reads the attachments one at a time, so that each one's time limit measures only its own reading", async () => {
    const runtime = newRuntime(freshPolicy());
    const files = [attached("a", "a.zip", zip({ "1.txt": "Notat", "2.txt": CPR })), attached("b", "b.zip", zip({ "1.txt": "Notat", "2.txt": "Notat" }))];
    let running = 0;
    let most = 0;
    const slow: RawInflater = async (data, onGrow, max) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return pakoInflater(data, onGrow, max);
    };
    await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater: slow, pdfReader: null } });
    expect(most).toBe(1);
  });

  it("reads two attachments of the same name together, as one mail, and reports a finding in both once", async () => {
    const runtime = newRuntime(freshPolicy());
    const { policy } = runtime;
    const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`)), attached("b", "SAG.docx", sag(`CPR ${CPR}`)), attached("c", "sag.docx", sag(`CPR ${CPR}`))];
    const check = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: null } });
    expect(check.result.findings).toEqual((await readAgain(files, policy)).findings);
    expect(check.result.findings.filter((f) => f.kind === "cpr" && f.where.path?.[0] === "sag.docx")).toHaveLength(1);
  });

  it("reads everything together when the kept results would pass the mail's limits together", async () => {
    const a = attached("a", "sag.docx", sag(`CPR ${CPR}`));
    const b = attached("b", "notat.docx", sag("Mødet er flyttet."));
    const single = await readAgain([a], freshPolicy());
    expect(single.unreadable).toEqual([]);
    // Room for one of them, not both.
    const runtime = newRuntime(freshPolicy({ maxEntries: 4 }));
    const { policy } = runtime;
    await runtime.check({ item: draft([a]), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: null } });
    await runtime.check({ item: draft([b]), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: null } });
    const both = await runtime.check({ item: draft([a, b]), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: null } });
    const reference = await readAgain([a, b], policy);
    expect(reference.unreadable).not.toEqual([]);
    expect(both.result).toEqual({ findings: reference.findings, unreadable: reference.unreadable });
  });

  it("decides as reading everything again would, over random changes to a draft (property)", async () => {
    const pool = attachmentPool(attached("p6", "tom.txt", new Uint8Array(0)));
    const rand = seeded(11);
    const runtime = newRuntime(freshPolicy({ maxEntries: 12 }));
    const { policy } = runtime;
    let files: Attached[] = [];
    const actions = new Set<string>();
    for (let step = 0; step < 25; step++) {
      const pick = pool[Math.floor(rand() * pool.length)] as Attached;
      if (files.includes(pick)) files = files.filter((f) => f !== pick);
      else files = [...files, pick];
      if (rand() < 0.2) files = files.map((f) => (f.ref.id === "p2" ? attached("p2", "referat.docx", sag(`Nyt ${rand()}`)) : f));
      const check = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: null } });
      const reference = await readAgain(files, policy);
      expect(check.result).toEqual({ findings: reference.findings, unreadable: reference.unreadable });
      expect(check.decision.action).toBe(reference.action);
      actions.add(check.decision.action);
    }
    expect([...actions].sort()).toEqual(["allow", "block"]);
  });
});

describe("AttachmentResults", () => {
  const result = (over: Partial<AttachmentResult> = {}): AttachmentResult => ({ findings: [], unreadable: [], entries: 1, totalBytes: 10, refused: [], ...over });

  it("gives a result back only for exactly the same content under the same key", () => {
    const kept = new AttachmentResults(1000);
    const r = Promise.resolve(result());
    kept.keep("k", "QUJD", r);
    expect(kept.find("k", "QUJD")).toBe(r);
    expect(kept.find("k", "QUJE")).toBeUndefined();
    expect(kept.find("other", "QUJD")).toBeUndefined();
  });

  it("keeps no more content than its size, and forgets attachments no longer listed", () => {
    const kept = new AttachmentResults(10);
    kept.keep("a", "123456", Promise.resolve(result()));
    kept.keep("b", "123456", Promise.resolve(result()));
    expect(kept.size).toBe(1);
    kept.keep("a", "12", Promise.resolve(result()));
    kept.keep("b", "123456", Promise.resolve(result()));
    expect(kept.size).toBe(2);
    kept.keepOnly(new Set(["b"]));
    expect(kept.find("a", "12")).toBeUndefined();
    expect(kept.find("b", "123456")).toBeDefined();
  });

  it("drops a result that failed or cannot stand for the file next time", async () => {
    const kept = new AttachmentResults(1000);
    const failed = Promise.reject(new Error("boom"));
    kept.keep("a", "x", failed);
    kept.keep("b", "x", Promise.resolve(result({ refused: ["maxMillisPerAttachment"] })));
    kept.keep("c", "x", Promise.resolve(result({ unreadable: [{ part: "attachment", path: ["c.pdf"], reason: "read_failed", detail: "pdf-reader.js" }] })));
    kept.keep("d", "x", Promise.resolve(result()));
    await failed.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(["a", "b", "c", "d"].filter((k) => kept.find(k, "x") !== undefined)).toEqual(["d"]);
    expect(reusable(result())).toBe(true);
  });
});

it("the default policy keeps results too (the handlers' case)", async () => {
  const files = [attached("a", "sag.docx", sag(`CPR ${CPR}`))];
  const runtime = newRuntime(DEFAULT_POLICY);
  const first = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { pdfReader: null } });
  const { inflater, count } = countingInflater();
  const second = await runtime.check({ item: draft(files), state: INSECURE, protection: NO_PROTECTION, readers: { inflater, pdfReader: null } });
  expect(count()).toBe(0);
  expect(second.decision).toEqual(first.decision);
});
