/**
 * Where the PDF reader is loaded in Outlook's HTML runtime (Outlook on the web, new Outlook, Mac)
 * and the task pane: dist-addin/pdf-reader.js, the separate pdf.js bundle (bundle-entry.ts), is
 * loaded on the first PDF and its PdfTextReader handed to the core. The handler bundle stays small and fast to start on every send;
 * only a mail that holds a PDF pays for pdf.js.
 *
 * Classic Outlook's JavaScript-only runtime has no `document`: there is no reader at all, and the
 * core reports a PDF as `unsupported_type` (NO_PDF_READER_DETAIL). Where there is a document but
 * the script cannot be loaded (error, time-out), each PDF becomes `read_failed` with the cause:
 * never skipped, never allowed silently.
 *
 * Typed without DOM types: the send handler's path is type-checked without them
 * (tsconfig.handler.json). The DOM is reached only through the small interfaces below.
 */
import type { PdfReadOptions, PdfReadOutcome, PdfTextReader } from "../core/extract/pdf-text";

/** The global that pdf-reader.js sets to its PdfTextReader. */
export const PDF_READER_GLOBAL = "__sikkerPostPdfReader";
/** Beside commands.html and taskpane.html, so a relative URL is same-origin under their CSP. */
export const PDF_READER_SCRIPT = "pdf-reader.js";
/**
 * Load time allowed for pdf-reader.js. Below the policy's default per-attachment time
 * (limits.maxMillisPerAttachment, 3000 ms) and send time (send.scanTimeoutMs, 4000 ms), so a
 * stuck load ends as this PDF's own `read_failed` rather than a time-out of the whole check.
 */
export const PDF_READER_LOAD_TIMEOUT_MS = 2500;

/** What the loader needs of a <script> element. */
export interface ScriptLike {
  src: string;
  async: boolean;
  addEventListener(type: "load" | "error", listener: () => void): void;
  remove(): void;
}

/** What the loader needs of the document. */
export interface DocumentLike {
  createElement(tag: "script"): ScriptLike;
  readonly head: { appendChild(node: ScriptLike): unknown } | null;
}

export interface ScriptPdfReaderOptions {
  readonly document: DocumentLike;
  /** Where pdf-reader.js puts its reader; globalThis in a page. */
  readonly global: Record<string, unknown>;
  readonly src?: string;
  readonly timeoutMs?: number;
  readonly setTimeout?: (handler: () => void, ms: number) => unknown;
  readonly clearTimeout?: (id: unknown) => void;
}

function installed(global: Record<string, unknown>): PdfTextReader | undefined {
  const reader = global[PDF_READER_GLOBAL];
  return typeof reader === "function" ? (reader as PdfTextReader) : undefined;
}

function unreadable(detail: string): PdfReadOutcome {
  return { kind: "unreadable", reason: "read_failed", detail: `the PDF reader (${PDF_READER_SCRIPT}) could not be loaded: ${detail}` };
}

/** A PDF reader that can start loading itself before the first PDF needs it. */
export type PrefetchingPdfReader = PdfTextReader & {
  /** Starts loading now; a failure is not reported here but by the next read, which tries again. */
  readonly prefetch: () => void;
};

export function canPrefetch(reader: PdfTextReader): reader is PrefetchingPdfReader {
  return typeof (reader as Partial<PrefetchingPdfReader>).prefetch === "function";
}

/**
 * A PdfTextReader that injects `<script src="pdf-reader.js">` once, on its first call (or on
 * prefetch), and then delegates to the reader the script installs. A load error is not kept: the
 * next PDF tries again with a new element. A time-out ends only this call's wait; the load goes
 * on, and the next call waits for the same element.
 */
export function scriptPdfReader(options: ScriptPdfReaderOptions): PrefetchingPdfReader {
  const { document: doc, global } = options;
  const src = options.src ?? PDF_READER_SCRIPT;
  const timeoutMs = options.timeoutMs ?? PDF_READER_LOAD_TIMEOUT_MS;
  const arm = options.setTimeout ?? ((handler: () => void, ms: number): unknown => setTimeout(handler, ms));
  const disarm = options.clearTimeout ?? ((id: unknown): void => { clearTimeout(id as number | undefined); });
  let loading: Promise<PdfTextReader> | null = null;

  function inject(): Promise<PdfTextReader> {
    return new Promise<PdfTextReader>((resolve, reject) => {
      const head = doc.head;
      if (head === null) {
        reject(new Error("the page has no <head>"));
        return;
      }
      const script = doc.createElement("script");
      script.async = true;
      script.addEventListener("load", () => {
        const reader = installed(global);
        if (reader !== undefined) resolve(reader);
        else reject(new Error(`${src} loaded but set no reader`));
      });
      script.addEventListener("error", () => {
        script.remove();
        reject(new Error(`${src} failed to load`));
      });
      script.src = src;
      head.appendChild(script);
    });
  }

  function load(): Promise<PdfTextReader> {
    loading ??= inject().catch((e: unknown) => {
      loading = null; // not cached: the next PDF tries again
      throw e;
    });
    return loading;
  }

  async function withTimeout(pending: Promise<PdfTextReader>): Promise<PdfTextReader> {
    let timer: unknown;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = arm(() => {
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      disarm(timer);
    }
  }

  const read = async (bytes: Uint8Array, readOptions: PdfReadOptions): Promise<PdfReadOutcome> => {
    let reader = installed(global);
    if (reader === undefined) {
      try {
        reader = await withTimeout(load());
      } catch (e) {
        return unreadable(e instanceof Error ? e.message : String(e));
      }
    }
    return reader(bytes, readOptions);
  };
  const prefetch = (): void => {
    if (installed(global) === undefined) load().catch(() => undefined);
  };
  return Object.assign(read, { prefetch });
}

let hostReader: PdfTextReader | null | undefined;

/**
 * The PDF reader of this runtime: one already installed on the global (a page that loaded
 * pdf-reader.js itself, or a test), else in a runtime with a document the lazy script reader,
 * else none (classic Outlook's JavaScript-only runtime). One per runtime, so the handler and the
 * pane in one page share the loaded script.
 */
export function hostPdfReader(): PdfTextReader | undefined {
  const global = globalThis as unknown as Record<string, unknown>;
  const ready = installed(global);
  if (ready !== undefined) return ready;
  if (hostReader === undefined) {
    const doc = global.document;
    hostReader = typeof doc === "object" && doc !== null ? scriptPdfReader({ document: doc as DocumentLike, global }) : null;
  }
  return hostReader ?? undefined;
}

/**
 * The PDF reader for the task pane: the one the send handler of this Outlook has, so the pane
 * and Send agree on PDFs. Classic Outlook on Windows (platform "PC") runs the handler in its
 * JavaScript-only runtime, without a PDF reader; its pane (a browser) could read PDFs, but would
 * then call a PDF fine that Send blocks as unreadable. There the pane reads none either (null).
 * `platform` is Office.context.platform: the string "PC", "OfficeOnline", "Mac" … at run time.
 */
export function paneReaderLikeSendHandler(platform: unknown): PdfTextReader | null {
  return platform === "PC" ? null : (hostPdfReader() ?? null);
}
