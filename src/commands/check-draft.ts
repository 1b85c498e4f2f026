/** Reads the draft through the ComposeItem interface, scans it with the core and decides. */
import { base64ToBytes, lazyBase64, utf8Bytes } from "../core/extract/base64";
import type { ExtractLimits } from "../core/extract/extract-limits";
import { extractAttachments, HEAD_BYTES, unreadableByHead, type AttachmentFile, type ExtractOptions } from "../core/extract/extract-mail";
import type { RawInflater } from "../core/extract/inflate";
import type { PdfTextReader } from "../core/extract/pdf-text";
import { decideSend, decidingParts, type Decision, type Recipient, type SecureState } from "../core/policy/decide-send";
import type { Policy } from "../core/policy/policy";
import type { ScanResult, UnreadablePart } from "../core/scan/findings";
import { Scanner, type MailText } from "../core/scan/scanner";
import type { AttachmentRef, ComposeItem } from "../office/compose-item";
import { canPrefetch, hostPdfReader } from "../office/pdf-reader-loader";
import { webInflater } from "../platform/web-inflater";

export interface DraftCheck {
  readonly decision: Decision;
  readonly result: ScanResult;
  readonly recipients: readonly Recipient[];
  readonly state: SecureState;
}

export interface CheckDeps {
  readonly item: ComposeItem;
  readonly policy: Policy;
  readonly state: SecureState;
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
}

/** The global that pdf-reader.js sets; classic Outlook's JavaScript-only runtime never loads it. */
export { PDF_READER_GLOBAL } from "../office/pdf-reader-loader";

const scanners = new WeakMap<Policy, Scanner>();

/** One scanner per policy: building the term automaton is the expensive part. */
export function scannerFor(policy: Policy): Scanner {
  let s = scanners.get(policy);
  if (s === undefined) {
    s = new Scanner(policy);
    scanners.set(policy, s);
  }
  return s;
}

function unreadable(a: AttachmentRef, reason: UnreadablePart["reason"], detail: string): UnreadablePart {
  return { part: "attachment", path: [a.name], reason, detail };
}

/** A listed attachment that is a PDF by its name or type. */
function listedPdf(a: AttachmentRef): boolean {
  return a.kind === "file" && (/\.pdf$/i.test(a.name) || /\bpdf\b/i.test(a.contentType ?? ""));
}

/**
 * Attachment contents as files for the extractors; what cannot be fetched becomes unreadable,
 * never skipped. `listed` sees the list before any content is fetched. Base64 is decoded where
 * it is read (lazyBase64): a document's pictures are never decoded, and an attachment whose
 * first bytes already show it cannot be read here (a PDF without a PDF reader) is reported so
 * without decoding the rest (a 5 MB file is ~60 ms of base64 in classic Outlook).
 */
async function readAttachments(item: ComposeItem, limits: ExtractLimits, options: ExtractOptions, listed: (refs: readonly AttachmentRef[]) => void): Promise<{ files: AttachmentFile[]; unreadable: UnreadablePart[] }> {
  const refs = await item.attachments();
  listed(refs);
  const files: AttachmentFile[] = [];
  const bad: UnreadablePart[] = [];
  await Promise.all(
    refs.map(async (a) => {
      if (a.kind === "cloud") {
        bad.push(unreadable(a, "no_content", "delt som link (OneDrive/SharePoint); indholdet kan ikke kontrolleres"));
        return;
      }
      if (a.size > limits.maxBytes) {
        bad.push(unreadable(a, "over_limit", `larger than ${limits.maxBytes} bytes (limits.maxBytes)`));
        return;
      }
      let content;
      try {
        content = await item.attachmentContent(a.id);
      } catch (e) {
        bad.push(unreadable(a, "read_failed", e instanceof Error ? e.message : String(e)));
        return;
      }
      if (content.format === "base64") {
        try {
          // Base64 with whitespace or padding inside (Outlook sends neither) is decoded whole.
          const lazy = lazyBase64(content.content, HEAD_BYTES);
          const bytes = lazy?.bytes ?? base64ToBytes(content.content);
          const verdict = unreadableByHead(bytes.subarray(0, HEAD_BYTES), options);
          if (verdict !== undefined) {
            bad.push(unreadable(a, verdict.reason, verdict.detail));
            return;
          }
          files.push({ name: a.name, ...(a.contentType !== undefined ? { contentType: a.contentType } : {}), bytes, ...(lazy !== undefined ? { load: lazy.load } : {}) });
        } catch {
          bad.push(unreadable(a, "corrupt", "Outlook returned content that is not base64"));
        }
      } else if (content.format === "eml") {
        files.push({ name: a.name.toLowerCase().endsWith(".eml") ? a.name : `${a.name}.eml`, contentType: "message/rfc822", bytes: utf8Bytes(content.content) });
      } else {
        bad.push(unreadable(a, "unsupported_type", `Outlook returned the attachment as ${content.format}`));
      }
    }),
  );
  return { files, unreadable: bad };
}

export async function checkDraft(deps: CheckDeps): Promise<DraftCheck> {
  const { item, policy, state } = deps;
  const pdfReader = deps.pdfReader === null ? undefined : (deps.pdfReader ?? hostPdfReader());
  // A script-loaded PDF reader (1.6 MB) starts loading as soon as a PDF is listed: the load then
  // overlaps fetching and reading the other attachments instead of waiting for the PDF's turn.
  const prefetchIfPdf = (refs: readonly AttachmentRef[]): void => {
    if (pdfReader !== undefined && canPrefetch(pdfReader) && refs.some(listedPdf)) pdfReader.prefetch();
  };
  const inflater = deps.inflater ?? webInflater();
  const options: ExtractOptions = {
    limits: policy.limits,
    ...(pdfReader !== undefined ? { pdfReader } : {}),
    ...(inflater !== undefined ? { inflater } : {}),
  };
  const subjectOnly = deps.decisionOnly === true && decidingParts(state) === "subject";
  const [subject, html, recipients, attached] = await Promise.all([
    item.subject(),
    subjectOnly ? "" : item.bodyHtml(),
    item.recipients(),
    subjectOnly ? { files: [], unreadable: [] } : readAttachments(item, policy.limits, options, prefetchIfPdf),
  ]);
  const extracted = await extractAttachments(attached.files, options);
  const texts: MailText[] = [
    { part: "subject", format: "text", content: subject },
    { part: "body", format: "html", content: html },
    ...extracted.texts,
  ];
  const scanner = scannerFor(policy);
  const result = scanner.scan(texts, [...attached.unreadable, ...extracted.unreadable]);
  const decision = decideSend({
    findings: result.findings,
    unreadable: result.unreadable,
    recipients,
    state,
    policy: policy.send,
    countedConfidence: policy.detection.cpr.countedConfidence,
    ...(deps.confirmedKey !== undefined ? { confirmedKey: deps.confirmedKey } : {}),
  });
  return { decision, result, recipients, state };
}
