/**
 * The three inflaters against fflate, an independent DEFLATE implementation: pako (the portable
 * one, classic Outlook's), the browser's DecompressionStream (here Node's, the same standard API)
 * used by the handler and the pane in Outlook's HTML runtime, and Node's zlib used by the CLI.
 */
import fc from "fast-check";
import { deflateSync, inflateSync } from "fflate";
import { extractAttachment } from "../../src/core/extract/extract-mail";
import { pakoInflater, INFLATE_STEP, type RawInflater } from "../../src/core/extract/inflate";
import { nodeInflater } from "../../src/platform/node-inflater";
import { webInflater } from "../../src/platform/web-inflater";
import { docx, pptx, wPara, xlsx, zip } from "../helpers/make-documents";

const web = webInflater();

/** Bytes that do not pack (xorshift32): every input step of the packed stream holds ~64 KB of output. */
function noise(length: number): Uint8Array {
  let x = 2463534242;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

function joined(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Byte equality as a boolean: Jest's toEqual walks a megabyte array element by element. */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
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

// The two inflaters that are told the entry's declared size and fill at most one byte more.
describe.each([
  ["nodeInflater", nodeInflater],
  ["pakoInflater", pakoInflater],
])("%s", (_name, inflater) => {
  it("makes at most maxOutput + 1 bytes of a bomb, and onGrow judges that total", async () => {
    const packed = deflateSync(new Uint8Array(64 * 1024 * 1024)); // 64 MiB of zeros, ~64 KB packed
    const totals: number[] = [];
    const stop = new Error("more than declared");
    await expect(
      inflater(
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
    const out = await inflater(deflateSync(plain), (t) => totals.push(t), plain.length);
    expect(joined(out)).toEqual(plain);
    expect(totals).toEqual([plain.length]);
  });
});

describe("pakoInflater", () => {
  it("hands an honest entry over as one piece of exactly its size: nothing to join", async () => {
    const plain = new TextEncoder().encode("Sagsakt 010190-1234 ".repeat(20000));
    const pieces = await pakoInflater(deflateSync(plain), () => undefined, plain.length);
    expect(pieces).toHaveLength(1);
    expect(same(pieces[0], plain)).toBe(true);
  });

  it("looks at the clock (onGrow) after every input step, also while no piece is full", async () => {
    const plain = noise(1024 * 1024);
    const packed = deflateSync(plain);
    const steps = Math.ceil(packed.length / INFLATE_STEP);
    expect(steps).toBeGreaterThan(3);
    const totals: number[] = [];
    const pieces = await pakoInflater(packed, (t) => totals.push(t), plain.length);
    expect(same(joined(pieces), plain)).toBe(true);
    expect(totals.length).toBeGreaterThanOrEqual(steps);
    expect(totals.slice(0, -1).every((t) => t === 0)).toBe(true); // the one piece fills only at the end
    expect(totals.at(-1)).toBe(plain.length);
  });

  it("stops at the step where onGrow throws (the time limit), long before the end", async () => {
    const plain = noise(1024 * 1024);
    let calls = 0;
    const late = new Error("time");
    await expect(
      pakoInflater(
        deflateSync(plain),
        () => {
          if (++calls === 2) throw late;
        },
        plain.length,
      ),
    ).rejects.toBe(late);
    expect(calls).toBe(2);
  });

  it("splits output larger than its largest piece into pieces, in order", async () => {
    const plain = new Uint8Array(80 * 1024 * 1024).fill(65);
    const pieces = await pakoInflater(deflateSync(plain), () => undefined, plain.length);
    expect(pieces.length).toBe(2);
    expect(pieces.reduce((n, p) => n + p.length, 0)).toBe(plain.length);
    expect(same(joined(pieces), plain)).toBe(true);
  });
});

describe.each([
  ["pako", (): RawInflater => pakoInflater],
  ["DecompressionStream", webOrFail],
  ["node:zlib", (): RawInflater => nodeInflater],
])("the %s inflater", (_name, inflater) => {
  it("inflates exactly what fflate inflates, at every compression level", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 40 }), async (bytes, level, repeat) => {
        const plain = Uint8Array.from({ length: bytes.length * repeat }, (_, i) => bytes[i % Math.max(1, bytes.length)] ?? 0);
        const packed = deflateSync(plain, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });
        expect(inflateSync(packed)).toEqual(plain);
        expect(await inflateAll(inflater(), packed, plain.length)).toEqual(plain);
      }),
      { numRuns: 150 },
    );
  });

  it("rejects broken, truncated and empty data", async () => {
    const packed = deflateSync(new TextEncoder().encode("Sagsakt ".repeat(5000)));
    await expect(inflateAll(inflater(), packed.subarray(0, packed.length >> 1))).rejects.toThrow();
    await expect(inflateAll(inflater(), Uint8Array.of(0xff, 0xff, 0xff, 0xff))).rejects.toThrow();
    await expect(inflateAll(inflater(), new Uint8Array(0))).rejects.toThrow();
  });

  it("gives Office documents and archives the same text as the default (pako) inflater", async () => {
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
