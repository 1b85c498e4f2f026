/** Reads the draft through the ComposeItem interface, scans it with the core and decides. */
import { base64ToBytes, lazyBase64, utf8Bytes } from "../core/extract/base64";
import type { ExtractLimits } from "../core/extract/extract-limits";
import { extractAttachments, HEAD_BYTES, readAlikeTogether, readAttachmentAlone, unreadableByHead, type AttachmentFile, type ExtractOptions } from "../core/extract/extract-mail";
import type { RawInflater } from "../core/extract/inflate";
import type { PdfTextReader } from "../core/extract/pdf-text";
import { cidReferences, isInlinePicture } from "../core/extract/inline-images";
import { calendarDateOf } from "../core/cpr/cpr-rules";
import { decideSend, decidingParts, type Decision, type Recipient, type SecureState } from "../core/policy/decide-send";
import type { Policy } from "../core/policy/policy";
import type { Protection } from "../core/secure/protection";
import { summariseForSend } from "../core/policy/send-summary";
import type { ScanResult, UnreadablePart } from "../core/scan/findings";
import { Scanner, type MailText } from "../core/scan/scanner";
import { contentDigest } from "../core/text/content-digest";
import type { AttachmentRef, ComposeItem } from "../office/compose-item";
import { canPrefetch, hostPdfReader } from "../office/pdf-reader-loader";
import { webInflater } from "../platform/web-inflater";
import { AttachmentResults, reusable, type AttachmentResult } from "./attachment-results";
import { CARRIED_KEY, parseCarried, serialiseCarried, type CarriedRecord, type SessionStore } from "./carried-results";

export interface DraftCheck {
  readonly decision: Decision;
  readonly result: ScanResult;
  readonly recipients: readonly Recipient[];
  readonly state: SecureState;
  /**
   * Carries this check's attachment results on in the session data (see CheckDeps.carried).
   * Apart from the check, so that the send check need not pay for it: the digests of a 15 MB
   * mail's attachments take ~60 ms in a new runtime. Never fails.
   */
  readonly carryOn: () => Promise<void>;
}

export interface CheckDeps {
  readonly item: ComposeItem;
  readonly policy: Policy;
  readonly state: SecureState;
  /** What protects the draft (protection-of-draft.ts); decides what must be read and whether it may go. */
  readonly protection: Protection;
  readonly confirmedKey?: string;
  /**
   * Reads PDFs. By default the runtime's own (hostPdfReader): in Outlook's HTML runtime and the
   * task pane, dist-addin/pdf-reader.js, loaded on the first PDF; none in classic Outlook's
   * JavaScript-only runtime, where a PDF is then unreadable. null: no PDF reader, whatever the runtime.
   */
  readonly pdfReader?: PdfTextReader | null;
  /** Inflates ZIP entries (docx, xlsx …). By default the runtime's native one where it has one, else pako. */
  readonly inflater?: RawInflater;
  /**
   * Read only what the decision needs (decidingParts): a secured mail's subject. The send and
   * status handlers ask this; the pane, which shows everything found, does not. The result then
   * holds the findings of what was read.
   */
  readonly decisionOnly?: boolean;
  /**
   * The draft's session data. With decisionOnly, attachment results are carried there for a
   * newly started runtime (carried-results.ts) as summaries that give the same decision; the
   * pane, which shows every finding, never takes them.
   */
  readonly carried?: SessionStore;
}

/** The global that pdf-reader.js sets; classic Outlook's JavaScript-only runtime never loads it. */
export { PDF_READER_GLOBAL } from "../office/pdf-reader-loader";

/** One `make(policy)` per policy object, kept as long as the policy is. */
function perPolicy<T>(make: (policy: Policy) => T): (policy: Policy) => T {
  const made = new WeakMap<Policy, T>();
  return (policy) => {
    let v = made.get(policy);
    if (v === undefined) {
      v = make(policy);
      made.set(policy, v);
    }
    return v;
  };
}

/** One scanner per policy: building the term automaton is the expensive part. */
export const scannerFor = perPolicy((policy) => new Scanner(policy));

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

let probedInflater: { readonly inflater: RawInflater | undefined } | undefined;

/** The runtime's native inflater, probed once (the probe makes a stream). */
function nativeInflater(): RawInflater | undefined {
  probedInflater ??= { inflater: webInflater() };
  return probedInflater.inflater;
}

/** Content kept for comparison in one runtime, at most (base64 characters; the realistic 15 MB mail is ~20 M). */
const MAX_KEPT_CHARS = 64 * 1024 * 1024;
/** Results read under one policy: another policy may read and judge the same file otherwise. */
const resultsFor = perPolicy(() => new AttachmentResults(MAX_KEPT_CHARS));

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

/** What carried results are valid for: the policy, the lexicon the scanner built from it, and today (no CPR number may be born after it). */
const scopeOf = perPolicy((policy) => contentDigest(JSON.stringify([policy, scannerFor(policy).lexicon])));
const carriedScope = (policy: Policy): string => `${scopeOf(policy)}:${JSON.stringify(calendarDateOf(new Date()))}`;

/** Digests of contents whose results were read in this runtime, by result: the record to carry needs it. */
const digestOf = new WeakMap<AttachmentResult, string>();

/** A carried summary as the result of its attachment (its findings are the summary's, masked). */
function restored(r: CarriedRecord): AttachmentResult {
  return { findings: r.summary.findings, unreadable: r.summary.unreadable, entries: r.entries, totalBytes: r.totalBytes, refused: [], moreCprs: r.summary.moreCprs };
}

/** The record that carries a result to a newly started runtime; none for a result that cannot stand for its file. */
function recordOf(key: string, content: string, r: AttachmentResult, policy: Policy): CarriedRecord | undefined {
  if (!reusable(r)) return undefined;
  let digest = digestOf.get(r);
  if (digest === undefined) {
    digest = contentDigest(content);
    digestOf.set(r, digest);
  }
  const summary = r.moreCprs !== undefined ? { findings: r.findings, unreadable: r.unreadable, moreCprs: r.moreCprs } : summariseForSend(r, policy.detection.cpr.countedConfidence);
  return { key, digest, entries: r.entries, totalBytes: r.totalBytes, summary };
}

const NOTHING_TO_CARRY = (): Promise<void> => Promise.resolve();

/** Stores the records of these results where they changed. Failing to store only means reading again next time. */
async function carry(carried: SessionStore, scope: string, stored: string | undefined, records: readonly (CarriedRecord | undefined)[]): Promise<void> {
  const kept = records.filter((r): r is CarriedRecord => r !== undefined);
  // Nothing to carry and nothing carried before (a mail without attachments): no write.
  if (kept.length === 0 && stored === undefined) return;
  const text = serialiseCarried(scope, kept);
  if (text === stored) return;
  await carried.set(CARRIED_KEY, text).catch(() => undefined);
}

type AttachmentsScan = ScanResult & { readonly moreCprs: number; readonly carryOn: () => Promise<void> };

/**
 * The findings and unreadable parts of the draft's attachments. Each attachment is read and
 * scanned on its own and its result kept (AttachmentResults): a later check of the same content
 * takes it instead of reading the file again. That equals reading them all with one budget
 * unless together they run into the mail's limits (readAlikeTogether), or two share a name; then
 * they are read together, as before. With `carried`, a result carried from an earlier runtime
 * for the same content stands in too, and this check's results are carried on.
 */
async function scanAttachments(item: ComposeItem, policy: Policy, options: ReadOptions, runtimeKey: string, listed: (refs: readonly AttachmentRef[]) => void, carried: SessionStore | undefined, html: Promise<string>): Promise<AttachmentsScan> {
  const refs = await item.attachments();
  listed(refs);
  // A body that cannot be read fails the whole check through checkDraft's own read of it.
  const cids = html.then(cidReferences, () => new Set<string>());
  const fetching = Promise.all(refs.map((a) => fetchAttachment(item, a, options, runtimeKey, cids)));
  const storing = carried?.get(CARRIED_KEY).catch(() => undefined);
  // Built (the first time: ~50-140 ms) while Outlook gets the contents ready.
  const scanner = scannerFor(policy);
  const fetched = await fetching;
  const decoded = new Map<Fetched, AttachmentFile>();
  if (namesRepeat(refs)) return { ...(await scanTogether(fetched, options, scanner, decoded)), moreCprs: 0, carryOn: NOTHING_TO_CARRY };
  const scope = carried !== undefined ? carriedScope(policy) : "";
  const stored = await storing;
  const records = parseCarried(stored, scope);
  const kept = resultsFor(policy);
  const bad: UnreadablePart[] = [];
  const results: { readonly key: string; readonly content: string; readonly result: Promise<AttachmentResult> }[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  for (const f of fetched) {
    if (f.kind === "unreadable") {
      bad.push(f.part);
      continue;
    }
    const take = (result: Promise<AttachmentResult>): void => {
      results.push({ key: f.key, content: f.content, result });
    };
    const known = kept.find(f.key, f.content);
    if (known !== undefined) {
      take(known);
      continue;
    }
    const record = records.get(f.key);
    if (record !== undefined && record.digest === contentDigest(f.content)) {
      // Not kept in this runtime's results: those are whole, for the pane where it shares the runtime.
      const result = restored(record);
      digestOf.set(result, record.digest);
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
  const carryOn =
    carried === undefined
      ? NOTHING_TO_CARRY
      : () =>
          carry(carried, scope, stored, results.map((r, i) => recordOf(r.key, r.content, done[i] as AttachmentResult, policy))).catch(() => undefined);
  if (!readAlikeTogether(done, policy.limits)) return { ...(await scanTogether(fetched, options, scanner, decoded)), moreCprs: 0, carryOn };
  return { findings: done.flatMap((r) => r.findings), unreadable: [...bad, ...done.flatMap((r) => r.unreadable)], moreCprs: done.reduce((n, r) => n + (r.moreCprs ?? 0), 0), carryOn };
}

export async function checkDraft(deps: CheckDeps): Promise<DraftCheck> {
  const { item, policy, state } = deps;
  const pdfReader = deps.pdfReader === null ? undefined : (deps.pdfReader ?? hostPdfReader());
  // A script-loaded PDF reader (1.6 MB) starts loading as soon as a PDF is listed: the load then
  // overlaps fetching and reading the other attachments instead of waiting for the PDF's turn.
  const prefetchIfPdf = (refs: readonly AttachmentRef[]): void => {
    if (pdfReader !== undefined && canPrefetch(pdfReader) && refs.some(listedPdf)) pdfReader.prefetch();
  };
  const inflater = deps.inflater ?? nativeInflater();
  const options: ReadOptions = {
    limits: policy.limits,
    images: policy.images,
    ...(pdfReader !== undefined ? { pdfReader } : {}),
    ...(inflater !== undefined ? { inflater } : {}),
  };
  const subjectOnly = deps.decisionOnly === true && decidingParts(deps.protection, policy.send) === "subject";
  // Results are kept per runtime reader: a PDF read here is unreadable where there is no reader.
  const runtimeKey = pdfReader !== undefined ? "pdf" : "no-pdf";
  const body = subjectOnly ? Promise.resolve("") : item.bodyHtml();
  const [subject, html, recipients, attached] = await Promise.all([
    item.subject(),
    body,
    item.recipients(),
    subjectOnly ? { findings: [], unreadable: [], moreCprs: 0, carryOn: NOTHING_TO_CARRY } : scanAttachments(item, policy, options, runtimeKey, prefetchIfPdf, deps.decisionOnly === true ? deps.carried : undefined, body),
  ]);
  const texts: MailText[] = [
    { part: "subject", format: "text", content: subject },
    { part: "body", format: "html", content: html },
  ];
  const scanned = scannerFor(policy).scan(texts);
  const result: ScanResult = { findings: [...scanned.findings, ...attached.findings], unreadable: attached.unreadable };
  const decision = decideSend({
    findings: result.findings,
    unreadable: result.unreadable,
    recipients,
    protection: deps.protection,
    policy: policy.send,
    countedConfidence: policy.detection.cpr.countedConfidence,
    moreCprs: attached.moreCprs,
    ...(deps.confirmedKey !== undefined ? { confirmedKey: deps.confirmedKey } : {}),
  });
  return { decision, result, recipients, state, carryOn: attached.carryOn };
}
