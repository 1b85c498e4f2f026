/**
 * The CLI and the add-in agree on the same mail: `sikker-post scan` over a folder of .eml files
 * flags a mail exactly when the draft check (DraftChecker and decideSend, as the send handler
 * and the pane run it) blocks it unprotected to its recipients, and counts the same CPR numbers
 * and terms. The mails: the labelled term evaluation set (business mails that only name a topic
 * included), a few of them sent to a webmail address instead, and the sample mails.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { loadEvaluationSet } from "../../bench/term-evaluation";
import { main } from "../../src/cli/main";
import { INSECURE, type Recipient } from "../../src/core/policy/decide-send";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { NO_PROTECTION } from "../../src/core/secure/protection";
import { DraftChecker } from "../../src/draft/draft-checker";
import type { AttachmentRef, ComposeItem } from "../../src/office/compose-item";
import { TS_SCAN_WORKER } from "../helpers/scan-worker";
import { composeItem } from "../helpers/draft-with-files";

jest.setTimeout(120_000);

const SAMPLES = join(__dirname, "..", "..", "samples", "mails");

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A plain-text mail as Outlook gives its body to the add-in: HTML, one paragraph per line. */
function textAsHtml(text: string): string {
  return `<html><body>${text
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line) || "&nbsp;"}</p>`)
    .join("")}</body></html>`;
}

function emlOf(to: string, subject: string, body: string): string {
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  return [
    "From: sagsbehandler@kommune.example.dk",
    `To: ${to}`,
    `Subject: =?utf-8?B?${b64(subject)}?=`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    ...(b64(body).match(/.{1,76}/g) ?? []),
    "",
  ].join("\r\n");
}

/** The draft the add-in would see for this mail: subject, HTML body, recipients and attachments. */
async function draftOf(eml: Buffer): Promise<ComposeItem> {
  const email = await PostalMime.parse(eml, { attachmentEncoding: "arraybuffer" });
  const recipients: Recipient[] = [];
  for (const [field, list] of [["to", email.to], ["cc", email.cc], ["bcc", email.bcc]] as const) {
    for (const a of list ?? []) for (const m of a.group ?? [a]) if (m.address) recipients.push({ address: m.address, field, recipientType: "externalUser" });
  }
  const files = email.attachments.map((a, i) => {
    const bytes = new Uint8Array(a.content as ArrayBuffer);
    return { ref: { id: `a${i}`, name: a.filename ?? `bilag-${i + 1}`, kind: "file", contentType: a.mimeType, size: bytes.length } satisfies AttachmentRef, bytes };
  });
  const parts = { subject: email.subject ?? "", bodyHtml: email.html ?? textAsHtml(email.text ?? ""), recipients, files };
  return composeItem(() => parts);
}

interface Verdict {
  readonly stopped: boolean;
  /** Counted findings as "cpr 150372-XXXX body" and "term health depression body", sorted. */
  readonly counted: readonly string[];
}

const where = (part: string, path: readonly string[] | undefined) => [part, ...(path ?? [])].join("/");

async function addInVerdict(checker: DraftChecker, eml: Buffer): Promise<Verdict> {
  const { decision } = await checker.check({ item: await draftOf(eml), state: INSECURE, protection: NO_PROTECTION });
  const counted = new Set<string>();
  for (const r of decision.reasons) {
    for (const c of r.cprs ?? []) counted.add(`cpr ${c.masked} ${where(c.where.part, c.where.path)}`);
    for (const t of r.terms ?? []) counted.add(`term ${t.category} ${t.matched} ${where(t.where.part, t.where.path)}`);
  }
  return { stopped: decision.action === "block", counted: [...counted].sort() };
}

interface JsonFinding {
  kind: string;
  masked?: string;
  category?: string;
  matched?: string;
  where: string;
  path?: string[];
  counts: boolean;
}

function cliVerdicts(lines: readonly string[]): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const line of lines) {
    const r = JSON.parse(line) as { file: string; findings: JsonFinding[]; unreadable: { reason: string }[]; errors: string[] };
    const counted = r.findings.filter((f) => f.counts).map((f) => (f.kind === "cpr" ? `cpr ${f.masked ?? ""} ${where(f.where, f.path)}` : `term ${f.category ?? ""} ${f.matched ?? ""} ${where(f.where, f.path)}`));
    const stopped = counted.length > 0 || r.errors.length > 0 || r.unreadable.some((u) => u.reason !== "image_ignored");
    out.set(r.file.replace(/^.*\//, ""), { stopped, counted: [...new Set(counted)].sort() });
  }
  return out;
}

describe("the CLI and the add-in agree", () => {
  it("on the verdict and the counted findings of the same mails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sikker-post-agree-"));
    const mails = loadEvaluationSet();
    for (const m of mails) writeFileSync(join(dir, `${m.id}.eml`), emlOf(m.to, m.subject, m.body));
    // A mail to a private person: a topic counts there (webmail), in both.
    for (const m of mails.filter((x) => x.label === "business").slice(0, 5)) writeFileSync(join(dir, `${m.id}-webmail.eml`), emlOf("borger@gmail.com", m.subject, m.body));
    for (const f of readdirSync(SAMPLES).filter((n) => n.endsWith(".eml"))) writeFileSync(join(dir, `sample-${f}`), readFileSync(join(SAMPLES, f)));

    const out: string[] = [];
    const code = await main(["scan", "--json", "--jobs", "2", dir], { out: (l) => out.push(l), err: (l) => out.push(l) }, { pool: { workerScript: TS_SCAN_WORKER } });
    const cli = cliVerdicts(out);
    const files = readdirSync(dir).sort();
    expect([...cli.keys()].sort()).toEqual(files);

    const checker = new DraftChecker(DEFAULT_POLICY, { pdfReader: null });
    const disagree: string[] = [];
    let stopped = 0;
    let topicsOnly = 0;
    for (const f of files) {
      const addIn = await addInVerdict(checker, readFileSync(join(dir, f)));
      const mine = cli.get(f);
      if (JSON.stringify(mine) !== JSON.stringify(addIn)) disagree.push(`${f}: CLI ${JSON.stringify(mine)} add-in ${JSON.stringify(addIn)}`);
      if (addIn.stopped) stopped++;
      const report = out.find((l) => l.includes(`/${f}"`)) ?? "";
      if (!addIn.stopped && report.includes('"standing":"topic"')) topicsOnly++;
    }
    expect(disagree).toEqual([]);
    // The comparison covers both outcomes, and mails that only name a topic.
    expect(stopped).toBeGreaterThan(100);
    expect(files.length - stopped).toBeGreaterThan(50);
    expect(topicsOnly).toBeGreaterThan(20);
    expect(code).toBe(1);
  });
});
