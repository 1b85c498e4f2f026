/**
 * Reading attachments one by one, each with a budget of its own (readAttachmentAlone), is what
 * one shared budget gives (extractAttachments) wherever readAlikeTogether says so.
 */
import { extractAttachments, readAlikeTogether, readAttachmentAlone, type AttachmentFile, type AttachmentReading } from "../../src/core/extract/extract-mail";
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from "../../src/core/extract/extract-limits";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, rtf, setDeclaredSize, wPara, xlsx, zip } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));
const clock = (): number => 0;

/** A pool of attachments that use the budget in different amounts. */
function pool(): AttachmentFile[] {
  const sag = docx({ body: wPara(`CPR ${CPR}`), footer: wPara("Sagsbehandler") });
  const liste = xlsx([[[{ ref: "A1", s: "Navn" }, { ref: "B1", n: "101901234" }]]]);
  return [
    { name: "sag.docx", bytes: sag },
    { name: "liste.xlsx", bytes: liste },
    { name: "noter.txt", bytes: new TextEncoder().encode(`Notat om ${CPR} og misbrug`) },
    { name: "bilag.zip", bytes: zip({ "a/sag.docx": sag, "b.txt": "Psykiatrisk udredning", "c.rtf": rtf("Anbringelse") }) },
    { name: "dybt.zip", bytes: zip({ "inner.zip": zip({ "inner2.zip": zip({ "x.txt": CPR }) }) }) },
    { name: "løgn.zip", bytes: setDeclaredSize(zip({ "big.txt": "x".repeat(200_000) }), 100) },
    { name: "tom.txt", bytes: new Uint8Array(0) },
  ];
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

function together(readings: readonly AttachmentReading[]): { texts: unknown[]; unreadable: unknown[] } {
  return { texts: readings.flatMap((r) => r.texts), unreadable: readings.flatMap((r) => r.unreadable) };
}

describe("readAttachmentAlone", () => {
  it("says what it used of the budget and which of the mail's limits it ran into", async () => {
    const [sag] = pool();
    if (sag === undefined) throw new Error("pool");
    const r = await readAttachmentAlone(sag, { now: clock });
    expect(r.entries).toBeGreaterThan(1); // the attachment and the parts read
    expect(r.totalBytes).toBeGreaterThan(sag.bytes.length);
    expect(r.refused).toEqual([]);
    const small = await readAttachmentAlone(sag, { now: clock, limits: { ...DEFAULT_EXTRACT_LIMITS, maxTotalBytes: sag.bytes.length + 10 } });
    expect(small.refused).toEqual(["maxTotalBytes"]);
    expect(small.unreadable.map((u) => u.reason)).toEqual(["over_limit"]);
  });

  it("does not count an archive's own limits as the mail's", async () => {
    const bomb = pool().find((f) => f.name === "løgn.zip");
    if (bomb === undefined) throw new Error("pool");
    const r = await readAttachmentAlone(bomb, { now: clock });
    expect(r.unreadable.map((u) => u.reason)).toEqual(["corrupt"]);
    const capped = await readAttachmentAlone({ name: "bilag.zip", bytes: zip({ "a.txt": "x".repeat(5000) }) }, { now: clock, limits: { ...DEFAULT_EXTRACT_LIMITS, maxArchiveBytes: 1000 } });
    expect(capped.unreadable.map((u) => u.reason)).toEqual(["over_limit"]);
    expect(capped.refused).toEqual([]);
  });

  it("counts a time-out as the mail's limit", async () => {
    let t = 0;
    const r = await readAttachmentAlone(pool()[3] as AttachmentFile, { now: () => (t += 10), limits: { ...DEFAULT_EXTRACT_LIMITS, maxMillisPerAttachment: 15 } });
    expect(r.refused).toEqual(["maxMillisPerAttachment"]);
  });
});

describe("readAlikeTogether", () => {
  it("holds exactly where one shared budget reads the attachments as their own budgets did (random mails and limits)", async () => {
    const files = pool();
    const rand = random(7);
    let alike = 0;
    let notAlike = 0;
    for (let round = 0; round < 60; round++) {
      const picked = files.filter(() => rand() < 0.6);
      const limits: ExtractLimits = {
        ...DEFAULT_EXTRACT_LIMITS,
        maxEntries: 2 + Math.floor(rand() * 14),
        maxTotalBytes: 2000 + Math.floor(rand() * 30_000),
        maxDepth: 1 + Math.floor(rand() * 4),
      };
      const readings = await Promise.all(picked.map((f) => readAttachmentAlone(f, { limits, now: clock })));
      const shared = await extractAttachments(picked, { limits, now: clock });
      if (readAlikeTogether(readings, limits)) {
        alike++;
        expect(together(readings)).toEqual(shared);
      } else notAlike++;
    }
    // Both answers came up: the property was tested on both sides of the limits.
    expect(alike).toBeGreaterThan(5);
    expect(notAlike).toBeGreaterThan(5);
  });

  it("is false when the readings together pass a limit that none passed alone", async () => {
    const files = pool().slice(0, 3);
    const readings = await Promise.all(files.map((f) => readAttachmentAlone(f, { now: clock })));
    const entries = readings.reduce((n, r) => n + r.entries, 0);
    const bytes = readings.reduce((n, r) => n + r.totalBytes, 0);
    expect(readAlikeTogether(readings, DEFAULT_EXTRACT_LIMITS)).toBe(true);
    expect(readAlikeTogether(readings, { ...DEFAULT_EXTRACT_LIMITS, maxEntries: entries - 1 })).toBe(false);
    expect(readAlikeTogether(readings, { ...DEFAULT_EXTRACT_LIMITS, maxTotalBytes: bytes - 1 })).toBe(false);
    expect(readAlikeTogether(readings, { ...DEFAULT_EXTRACT_LIMITS, maxEntries: entries, maxTotalBytes: bytes })).toBe(true);
  });
});
