/** Drafts whose attachments a test changes between checks, and an inflater that counts what it reads. */
import { DraftChecker } from "../../src/draft/draft-checker";
import { NO_PROTECTION } from "../../src/core/secure/protection";
import { extractAttachments, type AttachmentFile } from "../../src/core/extract/extract-mail";
import { pakoInflater, type RawInflater } from "../../src/core/extract/inflate";
import { decideSend } from "../../src/core/policy/decide-send";
import { parsePolicy, type Policy } from "../../src/core/policy/policy";
import { Scanner } from "../../src/core/scan/scanner";
import type { AttachmentContent, AttachmentRef, ComposeItem } from "../../src/office/compose-item";
import type { Recipient } from "../../src/core/policy/decide-send";
import { dashed, makeCpr } from "./cpr-gen";
import { docx, wPara, xlsx, zip } from "./make-documents";

export const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));
export const RECIPIENTS = [{ address: "borger@gmail.com", recipientType: "externalUser" as const, field: "to" as const }];

export interface Attached {
  ref: AttachmentRef;
  bytes: Uint8Array;
}

/** What a test's draft holds; `files` is read at each call, so a test may change it between checks. */
export interface DraftParts {
  subject: string;
  bodyHtml: string;
  recipients: readonly Recipient[];
  files: readonly Attached[];
}

/** A ComposeItem over plain parts, for tests that drive the draft checker without the fake mailbox. */
export function composeItem(parts: () => DraftParts, log?: string[]): ComposeItem {
  return {
    subject: () => Promise.resolve(parts().subject),
    setSubject: () => Promise.resolve(),
    bodyHtml: () => Promise.resolve(parts().bodyHtml),
    recipients: () => Promise.resolve([...parts().recipients]),
    attachments: () => Promise.resolve(parts().files.map((f) => f.ref)),
    attachmentContent: (id: string): Promise<AttachmentContent> => {
      log?.push(`content ${id}`);
      const f = parts().files.find((x) => x.ref.id === id);
      return f === undefined ? Promise.reject(new Error("no such attachment")) : Promise.resolve({ format: "base64", content: Buffer.from(f.bytes).toString("base64") });
    },
    setHeaders: () => Promise.resolve(),
    removeHeaders: () => Promise.resolve(),
    showStatus: () => Promise.resolve(),
    sensitivityLabel: () => Promise.resolve(""),
    setSensitivityLabel: () => Promise.resolve(),
    labelCatalog: () => Promise.resolve({ enabled: false, ids: [] }),
  };
}

/** A draft whose attachments the test changes between checks, as a caseworker does. */
export function draft(files: Attached[], log?: string[]): ComposeItem {
  return composeItem(() => ({ subject: "Sag", bodyHtml: "<p>Se bilag</p>", recipients: RECIPIENTS, files }), log);
}

export const attached = (id: string, name: string, bytes: Uint8Array): Attached => ({ ref: { id, name, kind: "file", size: bytes.length }, bytes });

/** pako, counting the ZIP entries it inflates: how the tests see whether a file was read again. */
export function countingInflater(): { inflater: RawInflater; count: () => number } {
  let n = 0;
  return {
    inflater: (data, onGrow, max) => {
      n++;
      return pakoInflater(data, onGrow, max);
    },
    count: () => n,
  };
}

/** A policy object of its own: results are kept per policy, so each test starts with none. */
/**
 * A new runtime: one draft checker is what a runtime keeps between checks (Outlook ends it
 * ~300 s after the last event, or at event.completed in classic Outlook). No PDF reader unless a
 * check names its own, as in classic Outlook.
 */
export function newRuntime(policy: Policy = freshPolicy()): DraftChecker {
  return new DraftChecker(policy, { pdfReader: null });
}

export function freshPolicy(limits: Partial<Policy["limits"]> = {}): Policy {
  return parsePolicy({ version: 1, limits });
}

/** What reading every attachment again with one shared budget gives: the reference. */
export async function readAgain(files: readonly Attached[], policy: Policy): Promise<{ findings: unknown[]; unreadable: unknown[]; action: string }> {
  const scanner = new Scanner(policy);
  const extracted = await extractAttachments(
    files.map((f): AttachmentFile => ({ name: f.ref.name, bytes: f.bytes })),
    { limits: policy.limits, inflater: pakoInflater },
  );
  const result = scanner.scan([{ part: "subject", format: "text", content: "Sag" }, { part: "body", format: "html", content: "<p>Se bilag</p>" }, ...extracted.texts], extracted.unreadable);
  const decision = decideSend({ findings: result.findings, unreadable: result.unreadable, recipients: RECIPIENTS, protection: NO_PROTECTION, policy: policy.send, countedConfidence: policy.detection.cpr.countedConfidence });
  return { findings: [...result.findings], unreadable: [...result.unreadable], action: decision.action };
}

export const sag = (text: string): Uint8Array => docx({ body: wPara(text), footer: wPara("Sagsbehandler: Jens") });
export const liste = (cpr: string): Uint8Array => xlsx([[[{ ref: "A1", s: "Navn" }, { ref: "B1", s: cpr }]]]);


/** What the property tests add, remove and change: CPR numbers in a docx, a sheet and a text file, terms in a nested zip, and `last`. */
export function attachmentPool(last: Attached): Attached[] {
  return [
    attached("p1", "sag.docx", sag(`CPR ${CPR}`)),
    attached("p2", "referat.docx", sag("Mødet er flyttet.")),
    attached("p3", "liste.xlsx", liste(CPR)),
    attached("p4", "bilag.zip", zip({ "a/sag.docx": sag("Psykiatrisk udredning"), "b.txt": "misbrug" })),
    attached("p5", "noter.txt", new TextEncoder().encode(`Notat ${CPR}`)),
    last,
  ];
}

/** A seeded generator, so that a property test's draft changes are the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}
