/** Hostile and broken attachments: each ends as an explicit unreadable part within the limits. */
import { lazyBase64 } from "../../src/core/extract/base64";
import { extractAttachment, extractAttachments, HEAD_BYTES, type AttachmentFile, type ExtractOptions } from "../../src/core/extract/extract-mail";
import { DEFAULT_EXTRACT_LIMITS } from "../../src/core/extract/extract-limits";
import type { RawInflater } from "../../src/core/extract/inflate";
import { listZip } from "../../src/core/extract/zip-archive";
import { DEFAULT_POLICY, parsePolicy, PolicyError } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { nodeInflater } from "../../src/platform/node-inflater";
import { webInflater } from "../../src/platform/web-inflater";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, encryptedDocx, legacyDoc, markEncrypted, setDeclaredSize, wPara, xlsx, zip, type Cell } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));

let currentInflater: RawInflater | undefined;
let currentLazy = false;

/** The file as the handler gives it: from base64 decoded only where it is read, or whole. */
function fileOf(name: string, bytes: Uint8Array): AttachmentFile {
  if (!currentLazy) return { name, bytes };
  const lazy = lazyBase64(Buffer.from(bytes).toString("base64"), HEAD_BYTES);
  if (lazy === undefined) throw new Error("Node's base64 is canonical");
  return { name, bytes: lazy.bytes, load: lazy.load };
}

async function unreadable(name: string, bytes: Uint8Array, options: ExtractOptions = {}): Promise<{ list: string[]; details: string[]; texts: string[] }> {
  const r = await extractAttachment(fileOf(name, bytes), { ...(currentInflater !== undefined ? { inflater: currentInflater } : {}), ...options });
  return { list: r.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}`), details: r.unreadable.map((u) => u.detail), texts: r.texts.map((t) => t.content) };
}

// The ZIP rules hold whichever inflater reads the entries: pako (classic Outlook), the
// browser's native DecompressionStream (Outlook on the web, new Outlook, Mac; Node has it too)
// or Node's zlib (the CLI).
describe.each([
  ["pako (classic Outlook's)", undefined, false],
  ["pako, reading base64 decoded only where it is read (classic Outlook's handler)", undefined, true],
  ["native DecompressionStream", webInflater(), false],
  ["Node zlib (the CLI's)", nodeInflater, false],
])("with the %s inflater", (_name, inflater, lazy) => {
  beforeAll(() => {
    currentInflater = inflater;
    currentLazy = lazy;
  });
  afterAll(() => {
    currentInflater = undefined;
    currentLazy = false;
  });

  describe("zip bombs", () => {
    const zeros = new Uint8Array(16 * 1024 * 1024); // 16 MiB of zeros deflate to about 16 KB

    it("stops an entry whose declared size gives away the bomb, before inflating", async () => {
      const bomb = zip({ "data.txt": zeros });
      expect(bomb.length).toBeLessThan(200_000);
      const r = await unreadable("bilag.zip", bomb);
      expect(r.list).toEqual(["bilag.zip › data.txt: over_limit"]);
      expect(r.details[0]).toContain("limits.maxCompressionRatio");
    });

    it("stops a bomb whose headers lie about its size while inflating", async () => {
      const liar = setDeclaredSize(zip({ "data.txt": zeros }), 100);
      expect(listZip(liar)[0]?.size).toBe(100);
      const r = await unreadable("bilag.zip", liar);
      expect(r.list).toHaveLength(1);
      expect(r.list[0]).toMatch(/^bilag\.zip › data\.txt: (over_limit|corrupt)$/);
      const big = setDeclaredSize(zip({ "data.txt": zeros }), 0xfffffffe);
      const limited = await unreadable("bilag.zip", big, { limits: { ...DEFAULT_EXTRACT_LIMITS, maxCompressionRatio: 100000, maxArchiveBytes: 8 * 1024 * 1024 } });
      expect(limited.list).toEqual(["bilag.zip: over_limit"]);
      expect(limited.details[0]).toContain("limits.maxArchiveBytes");
    });

    it("stops when an archive's entries together exceed the archive limit", async () => {
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < 5; i++) files[`del${i}.txt`] = new TextEncoder().encode(`${"Sagsakt ".repeat(40000)}${i}`);
      const r = await unreadable("bilag.zip", zip(files), { limits: { ...DEFAULT_EXTRACT_LIMITS, maxArchiveBytes: 1_000_000 } });
      expect(r.list).toEqual(["bilag.zip: over_limit"]);
      expect(r.texts.length).toBeGreaterThan(0); // what was read before the limit is still scanned
    });

    it("stops a worksheet whose cells repeat one long shared string past the archive limit (a bomb in text, not in deflate)", async () => {
      const long = `${"Sagsakt ".repeat(1250)}${CPR}`; // 10 KB of text, stored once
      const rows: Cell[][] = [];
      for (let r = 1; r <= 400; r++) rows.push([{ ref: `A${r}`, s: long }]);
      const book = xlsx([rows]);
      expect(book.length).toBeLessThan(50_000);
      const r = await unreadable("liste.xlsx", book, { limits: { ...DEFAULT_EXTRACT_LIMITS, maxArchiveBytes: 2_000_000 } });
      expect(r.list).toEqual(["liste.xlsx: over_limit"]);
      expect(r.details[0]).toContain("limits.maxArchiveBytes");
      // The same workbook within the limit reads whole.
      const whole = await unreadable("liste.xlsx", book, { limits: { ...DEFAULT_EXTRACT_LIMITS, maxArchiveBytes: 5_000_000 } });
      expect(whole.list).toEqual([]);
      expect(whole.texts[0]?.split(CPR)).toHaveLength(401);
    });
  });

  describe("nesting", () => {
    it("ends a deep chain of archives (as a zip quine would make) at the depth limit", async () => {
      let bytes = zip({ "sag.txt": CPR });
      for (let i = 0; i < 40; i++) bytes = zip({ [`lag${i}.zip`]: bytes });
      const r = await unreadable("bilag.zip", bytes);
      expect(r.list).toHaveLength(1);
      expect(r.list[0]).toMatch(/: over_limit$/);
      expect(r.details[0]).toContain("limits.maxDepth");
      expect(r.list[0]?.split(" › ")).toHaveLength(DEFAULT_EXTRACT_LIMITS.maxDepth + 1);
    });

    it("ends an archive that multiplies into many entries at the entry limit", async () => {
      let bytes = zip({ "a.txt": "x" });
      for (let i = 0; i < 6; i++) {
        const files: Record<string, Uint8Array> = {};
        for (let k = 0; k < 8; k++) files[`${k}.zip`] = bytes;
        bytes = zip(files);
      }
      const r = await unreadable("bilag.zip", bytes);
      expect(r.list).toEqual(["bilag.zip: over_limit"]);
      expect(r.details[0]).toContain("limits.maxEntries");
    });
  });

  describe("encrypted, broken and unknown files", () => {
    it("reports a password-protected docx as encrypted", async () => {
      expect((await unreadable("sag.docx", encryptedDocx())).list).toEqual(["sag.docx: encrypted"]);
    });

    it("reports a legacy .doc as unsupported, with what to do", async () => {
      const r = await unreadable("sag.doc", legacyDoc());
      expect(r.list).toEqual(["sag.doc: unsupported_type"]);
      expect(r.details[0]).toContain("Word 97-2003");
    });

    it("reports an encrypted ZIP entry, and still reads the others", async () => {
      const plain = zip({ "åben.txt": CPR });
      const locked = markEncrypted(zip({ "låst.txt": "hemmeligt" }));
      const r = await unreadable("bilag.zip", zip({ "a.zip": plain, "b.zip": locked }, 0));
      expect(r.list).toEqual(["bilag.zip › b.zip › låst.txt: encrypted"]);
      expect(r.texts.join("")).toContain(CPR);
    });

    it("reports truncated docx and zip files as corrupt", async () => {
      const whole = docx({ body: wPara(CPR) });
      for (const cut of [whole.length - 30, Math.floor(whole.length / 2), 10]) {
        expect((await unreadable("sag.docx", whole.subarray(0, cut))).list).toEqual(["sag.docx: corrupt"]);
      }
      expect((await unreadable("bilag.zip", new Uint8Array([0x50, 0x4b, 3, 4, 20]))).list).toEqual(["bilag.zip: corrupt"]);
    });

    it("reports a docx whose compressed data is damaged as corrupt", async () => {
      const bytes = docx({ body: wPara(`${CPR} `.repeat(200)) });
      const damaged = bytes.slice();
      const entry = listZip(bytes).find((e) => e.name === "word/document.xml");
      const at = (entry?.localHeaderOffset ?? 0) + 30 + "word/document.xml".length + 5;
      for (let i = at; i < at + 40; i++) damaged[i] = 0xff;
      expect((await unreadable("sag.docx", damaged)).list).toEqual(["sag.docx: corrupt"]);
    });

    it("reports images, empty files, unknown types and a .docx that is no ZIP", async () => {
      expect((await unreadable("foto.jpg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).list).toEqual(["foto.jpg: image_only"]);
      expect((await unreadable("tom.txt", new Uint8Array(0))).list).toEqual(["tom.txt: no_content"]);
      expect((await unreadable("program.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0]))).list).toEqual(["program.exe: unsupported_type"]);
      expect((await unreadable("sag.docx", new TextEncoder().encode("hello"))).list).toEqual(["sag.docx: corrupt"]);
    });
  });
});

describe("limits", () => {
  it("stops an attachment that takes too long, on a simulated clock", async () => {
    let t = 0;
    const now = (): number => (t += 1000); // every look at the clock costs a second
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`${i}.txt`] = `del ${i}`;
    const r = await unreadable("bilag.zip", zip(files), { now, limits: { ...DEFAULT_EXTRACT_LIMITS, maxMillisPerAttachment: 2500 } });
    expect(r.list).toEqual(["bilag.zip: over_limit"]);
    expect(r.details[0]).toContain("limits.maxMillisPerAttachment");
  });

  it("gives each attachment its own time, and the mail one byte budget", async () => {
    let t = 0;
    const now = (): number => (t += 1000);
    const files = [0, 1].map((i) => ({ name: `${i}.zip`, bytes: zip({ "a.txt": "x", "b.txt": "y" }) }));
    const timed = await extractAttachments(files, { now, limits: { ...DEFAULT_EXTRACT_LIMITS, maxMillisPerAttachment: 2500 } });
    expect(timed.unreadable).toEqual([]);
    const big = [0, 1, 2].map((i) => ({ name: `${i}.txt`, bytes: new TextEncoder().encode("x".repeat(6000)) }));
    const bytes = await extractAttachments(big, { limits: { ...DEFAULT_EXTRACT_LIMITS, maxTotalBytes: 15000 } });
    expect(bytes.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}`)).toEqual(["2.txt: over_limit"]);
    expect(bytes.unreadable[0]?.detail).toContain("limits.maxTotalBytes");
  });

  it("takes limits from the policy, with defaults and clear errors", () => {
    expect(parsePolicy({ version: 1 }).limits).toEqual(DEFAULT_EXTRACT_LIMITS);
    expect(DEFAULT_POLICY.limits).toEqual(DEFAULT_EXTRACT_LIMITS);
    const p = parsePolicy({ version: 1, limits: { maxDepth: 3, maxPdfPages: 50, maxMillisPerAttachment: 1500 } });
    expect(p.limits).toEqual({ ...DEFAULT_EXTRACT_LIMITS, maxDepth: 3, maxPdfPages: 50, maxMillisPerAttachment: 1500 });
    expect(() => parsePolicy({ version: 1, limits: { maxDepht: 3 } })).toThrow(new PolicyError("policy.limits.maxDepht: unknown setting (allowed: maxDepth, maxBytes, maxTotalBytes, maxArchiveBytes, maxCompressionRatio, maxEntries, maxPdfPages, maxMillisPerAttachment)"));
    expect(() => parsePolicy({ version: 1, limits: { maxCompressionRatio: 0 } })).toThrow("policy.limits.maxCompressionRatio: must be a whole number of times from 10 to 10000");
    expect(() => parsePolicy({ version: 1, limits: { maxEntries: "many" } })).toThrow(PolicyError);
    expect(() => parsePolicy({ version: 1, limits: [] })).toThrow("policy.limits: must be an object");
  });

  it("applies policy limits end to end: a shallower depth ends nesting sooner", async () => {
    const limits = parsePolicy({ version: 1, limits: { maxDepth: 2 } }).limits;
    const nested = zip({ "a.zip": zip({ "b.zip": zip({ "c.txt": CPR }) }) });
    const r = await unreadable("bilag.zip", nested, { limits });
    expect(r.list).toEqual(["bilag.zip › a.zip › b.zip: over_limit"]);
  });
});
