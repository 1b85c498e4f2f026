/**
 * Outlook .msg files attached in Outlook: read by the core (msg-file.ts on cfb-reader.ts), as
 * the CLI reads .msg files: subject, bodies (text, HTML bytes, compressed RTF) and attachments,
 * nested under the depth limit. Broken files are unreadable, never an exception.
 */
import MsgReader from "@kenjiuno/msgreader";
import fc from "fast-check";
import { CfbError, CfbReader } from "../../src/core/extract/cfb-reader";
import { DEFAULT_EXTRACT_LIMITS } from "../../src/core/extract/extract-limits";
import { extractAttachment, extractMsg } from "../../src/core/extract/extract-mail";
import { readMsgFile } from "../../src/core/extract/msg-file";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { describePath } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { compressedRtf, jpegLike, outlookMsg } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));
const OTHER = dashed(makeCpr(1972, 3, 15, 3, 400));
const scanner = new Scanner(DEFAULT_POLICY);

async function attached(name: string, bytes: Uint8Array, limits = DEFAULT_EXTRACT_LIMITS): Promise<{ cprs: string[][]; unreadable: string[] }> {
  const extracted = await extractAttachment({ name, bytes }, { limits });
  const result = scanner.scan(extracted.texts, extracted.unreadable);
  return {
    cprs: result.findings.flatMap((f) => (f.kind === "cpr" && scanner.counts(f) ? [[f.value, f.where.part, describePath(f.where.path)]] : [])),
    unreadable: result.unreadable.map((u) => `${describePath(u.path)}: ${u.reason}`),
  };
}

describe("a .msg file attached in Outlook", () => {
  it("reads a body kept only as HTML bytes", async () => {
    const html = Buffer.from(`<html><body><p>Borgeren Søren, CPR <b>${CPR.slice(0, 6)}</b>-${CPR.slice(7)}</p></body></html>`, "latin1");
    const r = await attached("sag.msg", outlookMsg({ subject: "Sagen", htmlBytes: html, codePage: 1252 }));
    expect(r).toEqual({ cprs: [[CPR, "attachment", "sag.msg"]], unreadable: [] });
  });

  it("reads the subject, a plain body and a compressed RTF body", async () => {
    expect((await attached("a.msg", outlookMsg({ subject: `Vedr. ${CPR}`, body: "Hej" }))).cprs).toEqual([[CPR, "attachment", "a.msg"]]);
    const rtf = compressedRtf(`{\\rtf1\\ansi\\pard Borgeren CPR ${CPR}.\\par}`);
    expect(await attached("b.msg", outlookMsg({ subject: "Sagen", compressedRtf: rtf }))).toEqual({ cprs: [[CPR, "attachment", "b.msg"]], unreadable: [] });
  });

  it("reads its attachments, and the attachments of items attached to it", async () => {
    const msg = outlookMsg({
      subject: "Fwd: Sagen",
      body: "Se vedhæftede",
      files: [{ name: "liste.csv", bytes: Buffer.from(`Navn;CPR\nJens;${CPR}\n`), mime: "text/csv" }],
      items: [{ subject: "Sagen", body: "Indre mail", files: [{ name: `Notat ${OTHER}.txt`, bytes: Buffer.from("intet her") }] }],
    });
    const r = await attached("fwd.msg", msg);
    expect(r.unreadable).toEqual([]);
    expect(r.cprs).toEqual([
      [CPR, "attachment", "fwd.msg › liste.csv"],
      [OTHER, "attachment", `fwd.msg › Sagen › Notat ${OTHER}.txt`],
    ]);
  });

  it("takes a picture its HTML body shows (cid:) as inline, an attached photo as attached", async () => {
    const html = Buffer.from(`<p>Hej</p><p><img src="cid:logo001@kommune"></p>`, "utf8");
    const logo = { name: "image001.jpg", bytes: jpegLike(3000), contentId: "logo001@kommune" };
    const inBody = await attached("hilsen.msg", outlookMsg({ subject: "Hilsen", htmlBytes: html, codePage: 65001, files: [logo] }));
    expect(inBody).toEqual({ cprs: [], unreadable: ["hilsen.msg › image001.jpg: image_ignored"] });
    const photo = await attached("foto.msg", outlookMsg({ subject: "Foto", htmlBytes: html, codePage: 65001, files: [{ ...logo, contentId: "other" }] }));
    expect(photo.unreadable).toEqual(["foto.msg › image001.jpg: image_only"]);
  });

  it("stops at the depth limit and says so", async () => {
    const deep = (n: number): Parameters<typeof outlookMsg>[0] => ({ subject: `Niveau ${n}`, body: n === 0 ? `CPR ${CPR}` : "Videresendt", ...(n > 0 ? { items: [deep(n - 1)] } : {}) });
    const r = await attached("dyb.msg", outlookMsg(deep(6)), { ...DEFAULT_EXTRACT_LIMITS, maxDepth: 3 });
    expect(r.cprs).toEqual([]);
    expect(r.unreadable).toEqual(["dyb.msg › Niveau 5 › Niveau 4 › Niveau 3: over_limit"]);
  });

  it("says so when no body can be read, and when the file is broken", async () => {
    expect((await attached("tom.msg", outlookMsg({ subject: "Sagen" }))).unreadable).toEqual(["tom.msg: no_content"]);
    const whole = outlookMsg({ subject: "Sagen", body: `CPR ${CPR}`, files: [{ name: "stor.txt", bytes: Buffer.from("x".repeat(20000)) }] });
    const r = await attached("brudt.msg", whole.slice(0, 3000));
    expect(r.unreadable).toEqual(["brudt.msg: corrupt"]);
  });

  it("reads large streams (regular sectors) and many attachments (a directory of several sectors)", async () => {
    const big = `${"Lorem ipsum dolor sit amet. ".repeat(800)}CPR ${CPR}`;
    const files = Array.from({ length: 12 }, (_, k) => ({ name: `bilag-${k}.txt`, bytes: Buffer.from(k === 11 ? big : `nr. ${k}`) }));
    const r = await attached("mange.msg", outlookMsg({ subject: "Mange", body: "Se bilag", files }));
    expect(r).toEqual({ cprs: [[CPR, "attachment", "mange.msg › bilag-11.txt"]], unreadable: [] });
  });
});

describe("the reader agrees with @kenjiuno/msgreader", () => {
  it("on subject, bodies and attachment names", () => {
    const html = Buffer.from(`<p>Hej ${CPR}</p>`, "utf8");
    const bytes = outlookMsg({ subject: "Sagen æøå", body: "Brødtekst ".repeat(600), htmlBytes: html, codePage: 65001, files: [{ name: "a.txt", bytes: Buffer.from("x".repeat(5000)) }], items: [{ subject: "Indre", body: "Indre tekst" }] });
    const ours = readMsgFile(bytes, DEFAULT_EXTRACT_LIMITS.maxBytes);
    const reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const theirs = reader.getFileData();
    expect(ours.subject).toBe(theirs.subject);
    expect(ours.bodies.find((b) => b.format === "text")?.content).toBe(theirs.body);
    expect(ours.bodies.find((b) => b.format === "html")?.content).toBe(Buffer.from(theirs.html ?? []).toString("utf8"));
    const file = theirs.attachments?.find((a) => a.innerMsgContent !== true);
    if (file === undefined) throw new Error("msgreader found no file attachment");
    expect(ours.attachments[0]?.name).toBe(file.fileName);
    expect(Buffer.from(ours.attachments[0]?.bytes ?? []).equals(Buffer.from(reader.getAttachment(file).content))).toBe(true);
    expect(ours.attachments[1]?.item?.().subject).toBe(theirs.attachments?.find((a) => a.innerMsgContent === true)?.innerMsgContentFields?.subject);
  });
});

describe("a broken compound file", () => {
  const valid = outlookMsg({ subject: "Sagen", body: `CPR ${CPR}`, files: [{ name: "a.txt", bytes: Buffer.from("y".repeat(6000)) }], items: [{ subject: "Indre", body: "x" }] });

  it("is a CfbError or a reading, never another exception or a hang", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 12 }), (edits) => {
        const bytes = valid.slice();
        for (const [at, v] of edits) bytes[at] = v;
        try {
          const item = readMsgFile(bytes, 1 << 20);
          for (const a of item.attachments) a.item?.();
        } catch (e) {
          if (!(e instanceof CfbError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("ends a sector chain that loops", () => {
    const bytes = valid.slice();
    // The first FAT sector (from the header's DIFAT); make its first entry point to itself.
    const fatSector = bytes[76] ?? 0;
    const at = (fatSector + 1) * 512;
    bytes.set([0, 0, 0, 0], at);
    const dirStart = (bytes[48] ?? 0) | ((bytes[49] ?? 0) << 8);
    bytes.set([dirStart & 0xff, dirStart >> 8, 0, 0], at + 4 * dirStart);
    expect(() => new CfbReader(bytes)).toThrow(CfbError);
  });

  it("reads as a whole .msg in the CLI's way: unreadable body part, no exception", async () => {
    const r = await extractMsg(new Uint8Array(600).fill(7));
    expect(r.unreadable.map((u) => [u.part, u.reason])).toEqual([["body", "corrupt"]]);
  });
});
