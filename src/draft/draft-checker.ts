/**
 * The draft check: reads the draft through the ComposeItem interface, scans it with the core
 * and decides. One DraftChecker per runtime and policy owns everything a runtime keeps between
 * checks (the scanner, the attachment results read in this runtime, their digests); the
 * handlers' and the pane's entry points make it and pass it in. Nothing is kept at module level.
 *
 * Glossary:
 *  - attachment results: what reading and scanning one attachment on its own gave, kept in this
 *    runtime for exactly the same content (attachment-results.ts);
 *  - saved summaries: the least of those results that gives the same decision and message,
 *    saved in the draft's session data for a newly started runtime (saved-summaries.ts);
 *  - read alike together (readAlikeTogether, core): the attachments' own readings, put together,
 *    are what one shared budget would have read; else the mail is read again with one budget.
 */
import { base64ToBytes, lazyBase64, utf8Bytes } from "../core/extract/base64";
import type { ExtractLimits } from "../core/extract/extract-limits";
import { extractAttachments, HEAD_BYTES, readAlikeTogether, readAttachmentAlone, unreadableByHead, type AttachmentFile, type ExtractOptions } from "../core/extract/extract-mail";
import type { RawInflater } from "../core/extract/inflate";
import type { PdfTextReader } from "../core/extract/pdf-text";
import { cidReferences, isInlinePicture } from "../core/extract/inline-images";
import { calendarDateOf } from "../core/cpr/cpr-rules";
import { attachmentNameKey, type WarnEvidence } from "../core/policy/confirm-key";
import { decideSend, decidingParts, type Decision, type Recipient, type SecureState } from "../core/policy/decide-send";
import type { Policy } from "../core/policy/policy";
import type { Protection } from "../core/secure/protection";
import { summariseForSend } from "../core/policy/send-summary";
import type { ScanResult, UnreadablePart } from "../core/scan/findings";
import { Scanner, type MailText } from "../core/scan/scanner";
import { termKey } from "../core/terms/term-detector";
import { contentDigest } from "../core/text/content-digest";
import type { AttachmentRef, ComposeItem } from "../office/compose-item";
import { canPrefetch, hostPdfReader } from "../pdf/script-loader";
import { webInflater } from "../platform/web-inflater";
import { AttachmentResults, reusable, type AttachmentResult } from "./attachment-results";
import { SUMMARIES_KEY, parseSummaries, serialiseSummaries, type SavedSummary, type SessionStore } from "./saved-summaries";

export interface DraftCheck {
  readonly decision: Decision;
  readonly result: ScanResult;
  readonly recipients: readonly Recipient[];
  readonly state: SecureState;
  /**
   * Saves summaries of this check's attachment results in the session data (see
   * CheckRequest.savedSummaries). Apart from the check, so that the send check need not pay for
   * it: the digests of a 15 MB mail's attachments take ~60 ms in a new runtime. Never fails.
   */
  readonly saveSummaries: () => Promise<void>;
}

export interface CheckerOptions {
  /**
   * Reads PDFs. By default the runtime's own (hostPdfReader): in Outlook's HTML runtime and the
   * task pane, dist-addin/pdf-reader.js, loaded on the first PDF; none in classic Outlook's
   * JavaScript-only runtime, where a PDF is then unreadable. null: no PDF reader, whatever the runtime.
   */
  readonly pdfReader?: PdfTextReader | null;
  /** Inflates ZIP entries (docx, xlsx …). By default the runtime's native one where it has one, else pako. */
  readonly inflater?: RawInflater;
}

export interface CheckRequest {
  readonly item: ComposeItem;
  readonly state: SecureState;
  /** What protects the draft (protection-of-draft.ts); decides what must be read and whether it may go. */
  readonly protection: Protection;
  readonly confirmedKey?: string;
  /**
   * Read only what the decision needs (decidingParts): a secured mail's subject. The send and
   * status handlers ask this; the pane, which shows everything found, does not. The result then
   * holds the findings of what was read.
   */
  readonly decisionOnly?: boolean;
  /**
   * The draft's session data: summaries an earlier runtime saved there stand in for reading
   * unchanged attachments, and this check's are saved (saveSummaries). The send and status
   * handlers give it; the pane, which shows every finding, never does.
   */
  readonly savedSummaries?: SessionStore;
  /** This check's own readers instead of the checker's (tests compare readers within one runtime). */
  readonly readers?: CheckerOptions;
}

function unreadable(a: AttachmentRef, reason: UnreadablePart["reason"], detail: string): UnreadablePart {
  return { part: "attachment", path: [a.name], reason, detail };
}

const PICTURE_NAME = /\.(?:png|jpe?g|gif|bmp|tiff?|webp|emf|wmf)$/i;

/** A listed attachment that is a PDF by its name or type. */
function listedPdf(a: AttachmentRef): boolean {
  return a.kind === "file" && (/\.pdf$/i.test(a.name) || /\bpdf\b/i.test(a.contentType ?? ""));
}

/** Extraction options with the policy's limits always set. */
type ReadOptions = ExtractOptions & { readonly limits: ExtractLimits };

/** One listed attachment as fetched: unreadable already, or content to read (decoded only if it must be read). */
type Fetched =
  | { readonly kind: "unreadable"; readonly part: UnreadablePart }
  | { readonly kind: "content"; readonly key: string; readonly content: string; readonly file: () => AttachmentFile | UnreadablePart };

const isFile = (f: AttachmentFile | UnreadablePart): f is AttachmentFile => "bytes" in f;

/**
 * Fetches one attachment's content; what cannot be fetched becomes unreadable, never skipped.
 * Base64 is decoded where it is read (lazyBase64): a document's pictures are never decoded, and
 * an attachment whose first bytes already show it cannot be read here (a PDF without a PDF
 * reader) is reported so without decoding the rest (a 5 MB file is ~60 ms of base64 in classic Outlook).
 */
async function fetchAttachment(item: ComposeItem, a: AttachmentRef, options: ReadOptions, runtimeKey: string, cids: Promise<ReadonlySet<string>>): Promise<Fetched> {
  const gone = (reason: UnreadablePart["reason"], detail: string): Fetched => ({ kind: "unreadable", part: unreadable(a, reason, detail) });
  if (a.kind === "cloud") return gone("no_content", "delt som link (OneDrive/SharePoint); indholdet kan ikke kontrolleres");
  if (a.size > options.limits.maxBytes) return gone("over_limit", `larger than ${options.limits.maxBytes} bytes (limits.maxBytes)`);
  let content;
  try {
    content = await item.attachmentContent(a.id);
  } catch (e) {
    return gone("read_failed", e instanceof Error ? e.message : String(e));
  }
  // Shown in the body: the policy's images.inline applies if it is a picture (inline-images.ts).
  const inline = isInlinePicture(a, await cids);
  const key = [runtimeKey, a.name, a.contentType ?? "", content.format, inline ? "inline" : ""].join("\u0000");
  const text = content.content;
  // Outlook on the web sometimes answers an inline signature picture with empty content
  // (OfficeDev/office-js#6098): nothing can be in it, and it is a picture by its name.
  if (text === "" && inline && options.images?.inline === "ignore" && PICTURE_NAME.test(a.name)) {
    return gone("image_ignored", "a picture in the body; Outlook gave no content for it (policy images.inline)");
  }
  if (content.format === "base64") {
    return {
      kind: "content",
      key,
      content: text,
      file: () => {
        try {
          // Base64 with whitespace or padding inside (Outlook sends neither) is decoded whole.
          const lazy = lazyBase64(text, HEAD_BYTES);
          const bytes = lazy?.bytes ?? base64ToBytes(text);
          const verdict = unreadableByHead(bytes.subarray(0, HEAD_BYTES), options);
          if (verdict !== undefined) return unreadable(a, verdict.reason, verdict.detail);
          return { name: a.name, ...(a.contentType !== undefined ? { contentType: a.contentType } : {}), bytes, inline, ...(lazy !== undefined ? { load: lazy.load } : {}) };
        } catch {
          return unreadable(a, "corrupt", "Outlook returned content that is not base64");
        }
      },
    };
  }
  if (content.format === "eml") {
    const name = a.name.toLowerCase().endsWith(".eml") ? a.name : `${a.name}.eml`;
    return { kind: "content", key, content: text, file: () => ({ name, contentType: "message/rfc822", bytes: utf8Bytes(text) }) };
  }
  return gone("unsupported_type", `Outlook returned the attachment as ${content.format}`);
}

/** Attachments whose findings would share a path ("bilag.pdf" twice): scanned together, they are reported once. */
function namesRepeat(refs: readonly AttachmentRef[]): boolean {
  const names = refs.map((a) => a.name.toLowerCase().replace(/\.eml$/, ""));
  return new Set(names).size < names.length;
}

/** Content kept for comparison in one runtime, at most (base64 characters; the realistic 15 MB mail is ~20 M). */
const MAX_KEPT_CHARS = 64 * 1024 * 1024;

/** Reads and scans one attachment on its own: the result a later check of the same file can use. */
async function readAndScan(file: AttachmentFile, options: ExtractOptions, scanner: Scanner): Promise<AttachmentResult> {
  const reading = await readAttachmentAlone(file, options);
  const { findings } = scanner.scan(reading.texts);
  return { findings, unreadable: reading.unreadable, entries: reading.entries, totalBytes: reading.totalBytes, refused: reading.refused };
}

/** All attachments read with one shared budget and scanned, as the CLI reads a mail's. */
async function scanTogether(fetched: readonly Fetched[], options: ExtractOptions, scanner: Scanner, decoded: ReadonlyMap<Fetched, AttachmentFile>): Promise<ScanResult> {
  const files: AttachmentFile[] = [];
  const bad: UnreadablePart[] = [];
  for (const f of fetched) {
    if (f.kind === "unreadable") {
      bad.push(f.part);
      continue;
    }
    const file = decoded.get(f) ?? f.file();
    if (isFile(file)) files.push(file);
    else bad.push(file);
  }
  const extracted = await extractAttachments(files, options);
  return scanner.scan(extracted.texts, [...bad, ...extracted.unreadable]);
}

/** A saved summary as the result of its attachment (its findings are the summary's, masked). */
function restored(r: SavedSummary): AttachmentResult {
  return { findings: r.summary.findings, unreadable: r.summary.unreadable, entries: r.entries, totalBytes: r.totalBytes, refused: [], moreCprs: r.summary.moreCprs };
}

/** The summary that takes a result to a newly started runtime; none for a result that cannot stand for its file. */
function recordOf(key: string, contentDigestOf: () => string, r: AttachmentResult, policy: Policy, digests: WeakMap<AttachmentResult, string>): SavedSummary | undefined {
  if (!reusable(r)) return undefined;
  let digest = digests.get(r);
  if (digest === undefined) {
    digest = contentDigestOf();
    digests.set(r, digest);
  }
  const summary = r.moreCprs !== undefined ? { findings: r.findings, unreadable: r.unreadable, moreCprs: r.moreCprs } : summariseForSend(r, policy.detection.cpr.countedConfidence);
  return { key, digest, entries: r.entries, totalBytes: r.totalBytes, summary };
}

const NOTHING_TO_SAVE = (): Promise<void> => Promise.resolve();

/** Saves these summaries where they changed. Failing to save only means reading again next time. */
async function save(store: SessionStore, scope: string, stored: string | undefined, records: readonly (SavedSummary | undefined)[]): Promise<void> {
  const kept = records.filter((r): r is SavedSummary => r !== undefined);
  // Nothing to save and nothing saved before (a mail without attachments): no write.
  if (kept.length === 0 && stored === undefined) return;
  const text = serialiseSummaries(scope, kept);
  if (text === stored) return;
  await store.set(SUMMARIES_KEY, text).catch(() => undefined);
}

type AttachmentsScan = ScanResult & {
  readonly moreCprs: number;
  readonly saveSummaries: () => Promise<void>;
  /** An attachment's size and content digest by the name its findings stand under (WarnEvidence.attachment). */
  readonly identity: (name: string) => string | undefined;
};

/**
 * The listed attachments' identities, by name key: size and a digest of the content as Outlook
 * gave it (the digest a saved summary holds), so a file swapped for another of the same name
 * differs. Digested only when a warning asks, once per content.
 */
function identities(refs: readonly AttachmentRef[], fetched: readonly Fetched[], digestOf: (f: Fetched & { kind: "content" }) => string): (name: string) => string | undefined {
  const known = new Map<string, string>();
  return (name) => {
    const key = attachmentNameKey(name);
    let id = known.get(key);
    if (id === undefined) {
      const ids: string[] = [];
      refs.forEach((a, i) => {
        const f = fetched[i];
        if (attachmentNameKey(a.name) === key) ids.push(`${a.size}:${f?.kind === "content" ? digestOf(f) : "-"}`);
      });
      id = ids.sort().join(",");
      known.set(key, id);
    }
    return id;
  };
}

/** What a runtime keeps between checks under one policy (owned by a DraftChecker). */
interface Runtime {
  readonly policy: Policy;
  readonly scanner: Scanner;
  /** Results read in this runtime: another policy may read and judge the same file otherwise. */
  readonly kept: AttachmentResults;
  /** Digests of contents whose results were read in this runtime, by result: the summary to save needs it. */
  readonly digests: WeakMap<AttachmentResult, string>;
  /** What saved summaries are valid for: the policy, the lexicon the scanner built from it, and today. */
  readonly summariesScope: () => string;
}

/**
 * The findings and unreadable parts of the draft's attachments. Each attachment is read and
 * scanned on its own and its result kept (AttachmentResults): a later check of the same content
 * takes it instead of reading the file again. That equals reading them all with one budget
 * unless together they run into the mail's limits (readAlikeTogether), or two share a name; then
 * they are read together, as before. With `summaries`, a summary saved by an earlier runtime
 * for the same content stands in too, and this check's are saved.
 */
async function scanAttachments(rt: Runtime, item: ComposeItem, options: ReadOptions, runtimeKey: string, listed: (refs: readonly AttachmentRef[]) => void, summaries: SessionStore | undefined, html: Promise<string>): Promise<AttachmentsScan> {
  const { policy, scanner, kept, digests } = rt;
  const refs = await item.attachments();
  listed(refs);
  // A body that cannot be read fails the whole check through the check's own read of it.
  const cids = html.then(cidReferences, () => new Set<string>());
  const fetching = Promise.all(refs.map((a) => fetchAttachment(item, a, options, runtimeKey, cids)));
  const storing = summaries?.get(SUMMARIES_KEY).catch(() => undefined);
  const fetched = await fetching;
  const contentDigests = new Map<Fetched, string>();
  const digestOf = (f: Fetched & { kind: "content" }): string => {
    let d = contentDigests.get(f);
    if (d === undefined) {
      d = contentDigest(f.content);
      contentDigests.set(f, d);
    }
    return d;
  };
  const identity = identities(refs, fetched, digestOf);
  const decoded = new Map<Fetched, AttachmentFile>();
  if (namesRepeat(refs)) return { ...(await scanTogether(fetched, options, scanner, decoded)), moreCprs: 0, saveSummaries: NOTHING_TO_SAVE, identity };
  const scope = summaries !== undefined ? rt.summariesScope() : "";
  const stored = await storing;
  const records = parseSummaries(stored, scope);
  const bad: UnreadablePart[] = [];
  const results: { readonly fetched: Fetched & { kind: "content" }; readonly result: Promise<AttachmentResult> }[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  for (const f of fetched) {
    if (f.kind === "unreadable") {
      bad.push(f.part);
      continue;
    }
    const take = (result: Promise<AttachmentResult>): void => {
      results.push({ fetched: f, result });
    };
    const known = kept.find(f.key, f.content);
    if (known !== undefined) {
      take(known);
      continue;
    }
    const record = records.get(f.key);
    if (record !== undefined && record.digest === digestOf(f)) {
      // Not kept in this runtime's results: those are whole, for the pane where it shares the runtime.
      const result = restored(record);
      digests.set(result, record.digest);
      take(Promise.resolve(result));
      continue;
    }
    const file = f.file();
    if (!isFile(file)) {
      bad.push(file);
      continue;
    }
    decoded.set(f, file);
    // One at a time, as extractAttachments reads them: each attachment's time limit is its own.
    const result = queue.then(() => readAndScan(file, options, scanner));
    queue = result.catch(() => undefined);
    kept.keep(f.key, f.content, result);
    take(result);
  }
  kept.keepOnly(new Set(fetched.flatMap((f) => (f.kind === "content" ? [f.key] : []))));
  const done = await Promise.all(results.map((r) => r.result));
  const saveSummaries =
    summaries === undefined
      ? NOTHING_TO_SAVE
      : () => save(summaries, scope, stored, results.map((r, i) => recordOf(r.fetched.key, () => digestOf(r.fetched), done[i] as AttachmentResult, policy, digests))).catch(() => undefined);
  if (!readAlikeTogether(done, policy.limits)) return { ...(await scanTogether(fetched, options, scanner, decoded)), moreCprs: 0, saveSummaries, identity };
  return { findings: done.flatMap((r) => r.findings), unreadable: [...bad, ...done.flatMap((r) => r.unreadable)], moreCprs: done.reduce((n, r) => n + (r.moreCprs ?? 0), 0), saveSummaries, identity };
}

export class DraftChecker {
  readonly scanner: Scanner;
  private readonly runtime: Runtime;
  private readonly pdfReader: PdfTextReader | undefined;
  private readonly inflater: RawInflater | undefined;
  private scope: string | undefined;

  constructor(
    readonly policy: Policy,
    options: CheckerOptions = {},
  ) {
    // Building the term automaton is the expensive part (~50-140 ms in a new runtime): once per checker.
    this.scanner = new Scanner(policy);
    this.pdfReader = options.pdfReader === null ? undefined : (options.pdfReader ?? hostPdfReader());
    // The runtime's native inflater, probed once (the probe makes a stream).
    this.inflater = options.inflater ?? webInflater();
    this.runtime = {
      policy,
      scanner: this.scanner,
      kept: new AttachmentResults(MAX_KEPT_CHARS),
      digests: new WeakMap(),
      summariesScope: () => {
        this.scope ??= contentDigest(JSON.stringify([policy, this.scanner.lexicon]));
        // Today too: no CPR number may be born after it, so a summary from yesterday may differ.
        return `${this.scope}:${JSON.stringify(calendarDateOf(new Date()))}`;
      },
    };
  }

  async check(req: CheckRequest): Promise<DraftCheck> {
    const { item, state } = req;
    const { policy } = this;
    const pdfReader = req.readers?.pdfReader === null ? undefined : (req.readers?.pdfReader ?? this.pdfReader);
    const inflater = req.readers?.inflater ?? this.inflater;
    // A script-loaded PDF reader (1.6 MB) starts loading as soon as a PDF is listed: the load then
    // overlaps fetching and reading the other attachments instead of waiting for the PDF's turn.
    const prefetchIfPdf = (refs: readonly AttachmentRef[]): void => {
      if (pdfReader !== undefined && canPrefetch(pdfReader) && refs.some(listedPdf)) pdfReader.prefetch();
    };
    const options: ReadOptions = {
      limits: policy.limits,
      images: policy.images,
      ...(pdfReader !== undefined ? { pdfReader } : {}),
      ...(inflater !== undefined ? { inflater } : {}),
    };
    const subjectOnly = req.decisionOnly === true && decidingParts(req.protection, policy.send) === "subject";
    // Results are kept per runtime reader: a PDF read here is unreadable where there is no reader.
    const runtimeKey = pdfReader !== undefined ? "pdf" : "no-pdf";
    const body = subjectOnly ? Promise.resolve("") : item.bodyHtml();
    const [subject, html, recipients, attached] = await Promise.all([
      item.subject(),
      body,
      item.recipients(),
      subjectOnly ? { findings: [], unreadable: [], moreCprs: 0, saveSummaries: NOTHING_TO_SAVE, identity: () => undefined } : scanAttachments(this.runtime, item, options, runtimeKey, prefetchIfPdf, req.savedSummaries, body),
    ]);
    const texts: MailText[] = [
      { part: "subject", format: "text", content: subject },
      { part: "body", format: "html", content: html },
    ];
    const scanned = this.scanner.scan(texts);
    // Every match of a term in the subject and body, read again only when a warning asks (confirm-key.ts).
    const occurrences = new Map<MailText, Map<string, string[]>>();
    const evidence: WarnEvidence = {
      occurrences: (f) => {
        const text = texts.find((t) => t.part === f.where.part);
        if (text === undefined) return undefined;
        let found = occurrences.get(text);
        if (found === undefined) {
          found = this.scanner.termOccurrences(text);
          occurrences.set(text, found);
        }
        return found.get(termKey(f.category, f.term));
      },
      attachment: attached.identity,
    };
    const result: ScanResult = { findings: [...scanned.findings, ...attached.findings], unreadable: attached.unreadable };
    const decision = decideSend({
      findings: result.findings,
      unreadable: result.unreadable,
      recipients,
      protection: req.protection,
      policy: policy.send,
      countedConfidence: policy.detection.cpr.countedConfidence,
      moreCprs: attached.moreCprs,
      evidence,
      ...(req.confirmedKey !== undefined ? { confirmedKey: req.confirmedKey } : {}),
    });
    return { decision, result, recipients, state, saveSummaries: attached.saveSummaries };
  }
}
