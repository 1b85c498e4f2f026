/**
 * The native inflaters against fflate: the browser's DecompressionStream (here Node's, the same
 * standard API) used by the handler and the pane, and Node's zlib used by the CLI.
 */
import fc from "fast-check";
import { deflateSync } from "fflate";
import { extractAttachment } from "../../src/core/extract/extract-mail";
import { fflateInflater, INFLATE_STEP, type RawInflater } from "../../src/core/extract/inflate";
import { nodeInflater } from "../../src/platform/node-inflater";
import { webInflater } from "../../src/platform/web-inflater";
import { docx, pptx, wPara, xlsx, zip } from "../helpers/make-documents";

const web = webInflater();

function joined(chunks: Uint8Array[]): Uint8Array {
  return Uint8Array.from(chunks.flatMap((c) => [...c]));
}

async function inflateAll(inflater: RawInflater, data: Uint8Array, maxOutput = 1 << 30): Promise<Uint8Array> {
  return joined(await inflater(data, () => undefined, maxOutput));
}

function webOrFail(): RawInflater {
  if (web === undefined) throw new Error("this Node has no DecompressionStream");
  return web;
}

describe("webInflater", () => {
  it("is there where the runtime has DecompressionStream with deflate-raw, and not elsewhere", () => {
    expect(web).toBeDefined();
    expect(webInflater({})).toBeUndefined();
    // An engine that knows only "gzip" and "deflate" (as browsers before "deflate-raw").
    function OnlyGzip(format: string): void {
      if (format !== "gzip" && format !== "deflate") throw new TypeError(`unsupported ${format}`);
    }
    expect(webInflater({ DecompressionStream: OnlyGzip })).toBeUndefined();
  });

  it("stops as soon as onGrow throws: a bomb is never inflated whole", async () => {
    const packed = deflateSync(new Uint8Array(64 * 1024 * 1024)); // 64 MiB of zeros, ~64 KB packed
    let seen = 0;
    const stop = new Error("limit");
    await expect(
      webOrFail()(
        packed,
        (total) => {
          seen = total;
          if (total > 1024 * 1024) throw stop;
        },
        packed.length * 2000,
      ),
    ).rejects.toBe(stop);
    expect(seen).toBeGreaterThan(1024 * 1024);
    // At most one step of input more than needed: ~1032 bytes out per byte in.
    expect(seen).toBeLessThan(1024 * 1024 + INFLATE_STEP * 1032);
  });
});

describe("nodeInflater", () => {
  it("makes at most maxOutput + 1 bytes of a bomb, and onGrow judges that total", async () => {
    const packed = deflateSync(new Uint8Array(64 * 1024 * 1024));
    const totals: number[] = [];
    const stop = new Error("more than declared");
    await expect(
      nodeInflater(
        packed,
        (total) => {
          totals.push(total);
          if (total > 1024 * 1024) throw stop;
        },
        1024 * 1024,
      ),
    ).rejects.toBe(stop);
    expect(totals).toEqual([1024 * 1024 + 1]);
  });

  it("reports the whole output once when it fits", async () => {
    const plain = new TextEncoder().encode("Sagsakt ".repeat(5000));
    const totals: number[] = [];
    const out = await nodeInflater(deflateSync(plain), (t) => totals.push(t), plain.length);
    expect(joined(out)).toEqual(plain);
    expect(totals).toEqual([plain.length]);
  });
});

describe.each([
  ["DecompressionStream", webOrFail],
  ["node:zlib", (): RawInflater => nodeInflater],
])("the %s inflater", (_name, inflater) => {
  it("inflates exactly what fflate inflates, at every compression level", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 40 }), async (bytes, level, repeat) => {
        const plain = Uint8Array.from({ length: bytes.length * repeat }, (_, i) => bytes[i % Math.max(1, bytes.length)] ?? 0);
        const packed = deflateSync(plain, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });
        const [a, b] = await Promise.all([inflateAll(inflater(), packed), inflateAll(fflateInflater, packed)]);
        expect(a).toEqual(plain);
        expect(b).toEqual(plain);
      }),
      { numRuns: 150 },
    );
  });

  it("rejects broken and truncated data", async () => {
    const packed = deflateSync(new TextEncoder().encode("Sagsakt ".repeat(5000)));
    await expect(inflateAll(inflater(), packed.subarray(0, packed.length >> 1))).rejects.toThrow();
    await expect(inflateAll(inflater(), Uint8Array.of(0xff, 0xff, 0xff, 0xff))).rejects.toThrow();
  });

  it("gives Office documents and archives the same text as fflate", async () => {
    const files = [
      { name: "sag.docx", bytes: docx({ body: wPara("Borger 010190-1234 har en diagnose."), footer: wPara("Side 1") }) },
      { name: "liste.xlsx", bytes: xlsx([[[{ ref: "A1", s: "CPR" }, { ref: "B1", n: "101901234", style: 1 }]]], [{ id: 164, code: "0000000000" }]) },
      { name: "møde.pptx", bytes: pptx(["Dagsorden"], ["Note om 010190-1234"]) },
      { name: "bilag.zip", bytes: zip({ "mappe/sag.docx": docx({ body: wPara("Sygemelding") }), "notat.txt": "Misbrug" }) },
    ];
    for (const file of files) {
      const [a, b] = await Promise.all([extractAttachment(file, { inflater: inflater() }), extractAttachment(file)]);
      expect(a).toEqual(b);
      expect(a.texts.length).toBeGreaterThan(0);
      expect(a.unreadable).toEqual([]);
    }
  });
});
