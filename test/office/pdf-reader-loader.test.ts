/** The lazy pdf-reader.js loader, with a fake document: load, error, time-out, retry, one script. */
import type { PdfReadOptions, PdfReadOutcome, PdfTextReader } from "../../src/core/extract/pdf-text";
import { PDF_READER_GLOBAL, PDF_READER_SCRIPT, hostPdfReader, paneReaderLikeSendHandler, scriptPdfReader, type DocumentLike, type ScriptLike } from "../../src/pdf/script-loader";

class FakeScript implements ScriptLike {
  src = "";
  async = false;
  removed = false;
  private readonly listeners = new Map<string, (() => void)[]>();
  addEventListener(type: "load" | "error", listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  remove(): void {
    this.removed = true;
  }
  fire(type: "load" | "error"): void {
    for (const l of this.listeners.get(type) ?? []) l();
  }
}

class FakeDocument implements DocumentLike {
  /** Scripts appended to <head>, in order. */
  readonly scripts: FakeScript[] = [];
  private readonly created: FakeScript[] = [];
  /** What "loading" the script does: install a reader, fail, or nothing (it hangs). */
  constructor(private readonly onAppend: (script: FakeScript) => void) {}
  createElement(): FakeScript {
    const script = new FakeScript();
    this.created.push(script);
    return script;
  }
  readonly head = {
    appendChild: (node: ScriptLike): unknown => {
      const script = this.created.find((s) => s === node);
      if (script === undefined) throw new Error("not a script this document created");
      this.scripts.push(script);
      queueMicrotask(() => {
        this.onAppend(script);
      });
      return node;
    },
  };
}

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
const OPTIONS: PdfReadOptions = { maxPages: 10, checkTime: () => undefined };
const TEXT: PdfReadOutcome = { kind: "text", pageCount: 1, pages: ["Afgørelse"] };
const fakeReader: PdfTextReader = () => Promise.resolve(TEXT);

/** A document whose script installs the reader on the global and then fires load. */
function loadingDocument(global: Record<string, unknown>): FakeDocument {
  return new FakeDocument((script) => {
    global[PDF_READER_GLOBAL] = fakeReader;
    script.fire("load");
  });
}

/** A document whose script fails to load until `recover()`, then installs the reader. */
function failingDocument(global: Record<string, unknown>): { doc: FakeDocument; recover: () => void } {
  let fail = true;
  const doc = new FakeDocument((script) => {
    if (fail) {
      script.fire("error");
      return;
    }
    global[PDF_READER_GLOBAL] = fakeReader;
    script.fire("load");
  });
  return {
    doc,
    recover: () => {
      fail = false;
    },
  };
}

describe("scriptPdfReader", () => {
  it("injects pdf-reader.js on the first PDF only, once, and reads with the reader it installs", async () => {
    const global: Record<string, unknown> = {};
    const doc = loadingDocument(global);
    const reader = scriptPdfReader({ document: doc, global });
    expect(doc.scripts).toHaveLength(0); // nothing is loaded before a PDF needs it
    const [a, b] = await Promise.all([reader(PDF, OPTIONS), reader(PDF, OPTIONS)]);
    expect(a).toEqual(TEXT);
    expect(b).toEqual(TEXT);
    expect(await reader(PDF, OPTIONS)).toEqual(TEXT);
    expect(doc.scripts).toHaveLength(1);
    expect(doc.scripts[0]?.src).toBe(PDF_READER_SCRIPT);
    expect(doc.scripts[0]?.async).toBe(true);
  });

  it("passes the bytes and the page limit and time check through to the loaded reader", async () => {
    const global: Record<string, unknown> = {};
    const seen: [Uint8Array, PdfReadOptions][] = [];
    const doc = new FakeDocument((script) => {
      global[PDF_READER_GLOBAL] = (bytes: Uint8Array, o: PdfReadOptions) => {
        seen.push([bytes, o]);
        return Promise.resolve(TEXT);
      };
      script.fire("load");
    });
    await scriptPdfReader({ document: doc, global })(PDF, OPTIONS);
    expect(seen).toEqual([[PDF, OPTIONS]]);
  });

  it("makes the PDF unreadable (read_failed, with the cause) when the script fails to load, and tries again on the next PDF", async () => {
    const global: Record<string, unknown> = {};
    const { doc, recover } = failingDocument(global);
    const reader = scriptPdfReader({ document: doc, global });
    const outcome = await reader(PDF, OPTIONS);
    expect(outcome).toEqual({ kind: "unreadable", reason: "read_failed", detail: expect.stringContaining("pdf-reader.js failed to load") as unknown });
    expect(doc.scripts[0]?.removed).toBe(true);
    recover();
    expect(await reader(PDF, OPTIONS)).toEqual(TEXT);
    expect(doc.scripts).toHaveLength(2);
  });

  it("makes the PDF unreadable when the script loads but sets no reader", async () => {
    const global: Record<string, unknown> = {};
    const doc = new FakeDocument((script) => {
      script.fire("load");
    });
    const outcome = await scriptPdfReader({ document: doc, global })(PDF, OPTIONS);
    expect(outcome).toMatchObject({ kind: "unreadable", reason: "read_failed", detail: expect.stringContaining("set no reader") as unknown });
  });

  it("makes the PDF unreadable when the script does not load in time; a late load serves the next PDF without a second script", async () => {
    const global: Record<string, unknown> = {};
    const pending: FakeScript[] = [];
    const doc = new FakeDocument((script) => {
      pending.push(script); // hangs until the test lets it load
    });
    // A fake clock: the time-out fires when the test says so.
    const timers: (() => void)[] = [];
    const reader = scriptPdfReader({
      document: doc,
      global,
      timeoutMs: 2500,
      setTimeout: (handler) => timers.push(handler),
      clearTimeout: () => undefined,
    });
    const first = reader(PDF, OPTIONS);
    await Promise.resolve();
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(await first).toEqual({ kind: "unreadable", reason: "read_failed", detail: expect.stringContaining("no answer within 2500 ms") as unknown });

    const second = reader(PDF, OPTIONS);
    await new Promise((r) => setTimeout(r, 0));
    global[PDF_READER_GLOBAL] = fakeReader;
    pending[0]?.fire("load");
    expect(await second).toEqual(TEXT);
    expect(doc.scripts).toHaveLength(1);
  });

  it("makes the PDF unreadable when the page has no <head>", async () => {
    const doc: DocumentLike = { createElement: () => new FakeScript(), head: null };
    const outcome = await scriptPdfReader({ document: doc, global: {} })(PDF, OPTIONS);
    expect(outcome).toMatchObject({ kind: "unreadable", reason: "read_failed" });
  });

  it("starts loading on prefetch, before any PDF, and the first PDF uses that same script", async () => {
    const global: Record<string, unknown> = {};
    const pending: FakeScript[] = [];
    const doc = new FakeDocument((script) => {
      pending.push(script);
    });
    const reader = scriptPdfReader({ document: doc, global });
    reader.prefetch();
    reader.prefetch();
    await Promise.resolve();
    expect(doc.scripts).toHaveLength(1);
    const read = reader(PDF, OPTIONS);
    global[PDF_READER_GLOBAL] = fakeReader;
    pending[0]?.fire("load");
    expect(await read).toEqual(TEXT);
    expect(doc.scripts).toHaveLength(1);
  });

  it("keeps a failed prefetch to itself: nothing is thrown, and the next PDF loads again", async () => {
    const global: Record<string, unknown> = {};
    const { doc, recover } = failingDocument(global);
    const reader = scriptPdfReader({ document: doc, global });
    reader.prefetch();
    await new Promise((r) => setTimeout(r, 0));
    expect(doc.scripts[0]?.removed).toBe(true);
    recover();
    expect(await reader(PDF, OPTIONS)).toEqual(TEXT);
    expect(doc.scripts).toHaveLength(2);
  });

  it("loads nothing on prefetch when a reader is already on the global", () => {
    const global: Record<string, unknown> = { [PDF_READER_GLOBAL]: fakeReader };
    const doc = loadingDocument(global);
    scriptPdfReader({ document: doc, global }).prefetch();
    expect(doc.scripts).toHaveLength(0);
  });

  it("uses a reader already on the global without loading anything", async () => {
    const global: Record<string, unknown> = { [PDF_READER_GLOBAL]: fakeReader };
    const doc = loadingDocument(global);
    expect(await scriptPdfReader({ document: doc, global })(PDF, OPTIONS)).toEqual(TEXT);
    expect(doc.scripts).toHaveLength(0);
  });
});

describe("the runtime's reader", () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, PDF_READER_GLOBAL);
  });

  it("is none without a document (classic Outlook's JavaScript-only runtime), so a PDF stays unsupported there", () => {
    expect(hostPdfReader()).toBeUndefined();
    expect(paneReaderLikeSendHandler("OfficeOnline")).toBeNull();
  });

  it("gives the pane the reader the send handler has: one in Outlook on the web, new Outlook and Mac; none in classic Outlook (PC)", () => {
    (globalThis as unknown as Record<string, unknown>)[PDF_READER_GLOBAL] = fakeReader;
    expect(hostPdfReader()).toBe(fakeReader);
    expect(paneReaderLikeSendHandler("OfficeOnline")).toBe(fakeReader);
    expect(paneReaderLikeSendHandler("Mac")).toBe(fakeReader);
    expect(paneReaderLikeSendHandler("PC")).toBeNull();
  });
});
