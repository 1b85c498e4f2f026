/** The draft checker over a small typed compose item: when the PDF reader starts loading. */
import { ATTESTED_GATEWAY } from "../helpers/protections";
import { NO_PROTECTION } from "../../src/core/secure/protection";
import type { PdfReadOutcome } from "../../src/core/extract/pdf-text";
import { INSECURE } from "../../src/core/policy/decide-send";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { DraftChecker } from "../../src/draft/draft-checker";
import { draft } from "../helpers/draft-with-files";
import type { AttachmentRef } from "../../src/office/compose-item";
import type { PrefetchingPdfReader } from "../../src/pdf/script-loader";
import { docx, pdf, wPara } from "../helpers/make-documents";

function loggingReader(log: string[]): PrefetchingPdfReader {
  const outcome: PdfReadOutcome = { kind: "text", pageCount: 1, pages: ["Afgørelse"] };
  return Object.assign(
    () => {
      log.push("read pdf");
      return Promise.resolve(outcome);
    },
    {
      prefetch: () => {
        log.push("prefetch");
      },
    },
  );
}

const file = (id: string, name: string, bytes: Uint8Array, contentType?: string): { ref: AttachmentRef; bytes: Uint8Array } => ({
  ref: { id, name, kind: "file", size: bytes.length, ...(contentType !== undefined ? { contentType } : {}) },
  bytes,
});

describe("the draft checker and the PDF reader", () => {
  it("starts loading the PDF reader as soon as a PDF is listed, before any attachment is fetched", async () => {
    const log: string[] = [];
    const files = [file("a", "referat.docx", docx({ body: wPara("Mødet flyttes.") })), file("b", "Afgørelse.PDF", pdf([[{ x: 50, y: 700, text: "Afgoerelse" }]]))];
    await new DraftChecker(DEFAULT_POLICY, { pdfReader: loggingReader(log) }).check({ item: draft(files, log), state: INSECURE, protection: NO_PROTECTION });
    expect(log[0]).toBe("prefetch");
    expect(log.filter((l) => l === "prefetch")).toHaveLength(1);
    expect(log).toContain("read pdf");
  });

  it("knows a PDF by its content type too", async () => {
    const log: string[] = [];
    await new DraftChecker(DEFAULT_POLICY, { pdfReader: loggingReader(log) }).check({ item: draft([file("b", "scan0001", pdf([[{ x: 50, y: 700, text: "x" }]]), "application/pdf")], log), state: INSECURE, protection: NO_PROTECTION });
    expect(log[0]).toBe("prefetch");
  });

  it("loads no PDF reader for a mail without PDFs", async () => {
    const log: string[] = [];
    await new DraftChecker(DEFAULT_POLICY, { pdfReader: loggingReader(log) }).check({ item: draft([file("a", "referat.docx", docx({ body: wPara("Mødet flyttes.") }))], log), state: INSECURE, protection: NO_PROTECTION });
    expect(log).toEqual(["content a"]);
  });
});

describe("the draft checker on a protected mail", () => {
  const secured = { sign: true, encrypt: true };
  const withCpr = [{ ref: { id: "a1", name: "sag.docx", kind: "file" as const, size: 1000 }, bytes: docx({ body: wPara("CPR 010190-1234") }) }];

  it("for the pane (which shows everything found) reads the attachments as ever", async () => {
    const log: string[] = [];
    const check = await new DraftChecker(DEFAULT_POLICY).check({ item: draft(withCpr, log), state: secured, protection: ATTESTED_GATEWAY });
    expect(log).toEqual(["content a1"]);
    expect(check.result.findings.map((f) => f.where.part)).toContain("attachment");
    expect(check.decision.action).toBe("allow");
  });

  it("for the handlers (decisionOnly) reads the subject and recipients only, and decides the same", async () => {
    const log: string[] = [];
    const check = await new DraftChecker(DEFAULT_POLICY).check({ item: draft(withCpr, log), state: secured, protection: ATTESTED_GATEWAY, decisionOnly: true });
    expect(log).toEqual([]);
    expect(check.result.findings).toEqual([]);
    expect(check.decision.action).toBe("allow");
    // Not secured: decisionOnly changes nothing, everything is read.
    const open = await new DraftChecker(DEFAULT_POLICY).check({ item: draft(withCpr, log), state: INSECURE, protection: NO_PROTECTION, decisionOnly: true });
    expect(log).toEqual(["content a1"]);
    expect(open.decision.action).toBe("block");
  });
});
