/** `sikker-post scan` reports findings inside attached archives and documents, with their inner paths. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TS_SCAN_WORKER } from "../helpers/scan-worker";
import { main } from "../../src/cli/main";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, wPara, zip } from "../helpers/make-documents";

// Folders are scanned on worker threads that load the TypeScript sources; the first start transpiles them.
jest.setTimeout(60_000);

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));

function mailWithZip(dir: string): string {
  const archive = Buffer.from(zip({ "sag.docx": docx({ body: wPara("Afgørelse"), footer: wPara(`CPR ${CPR}`) }) })).toString("base64");
  const eml = [
    "From: a@kommune.example.dk",
    "To: b@gmail.com",
    "Subject: Sagen",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Se bilag.",
    "--b1",
    'Content-Type: application/zip; name="bilag.zip"',
    "Content-Transfer-Encoding: base64",
    'Content-Disposition: attachment; filename="bilag.zip"',
    "",
    ...(archive.match(/.{1,76}/g) ?? []),
    "--b1--",
    "",
  ].join("\r\n");
  const file = join(dir, "sag.eml");
  writeFileSync(file, eml);
  return file;
}

/** stdout and stderr apart: --json output must parse whatever notes stderr carries. */
async function scan(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { pool: { workerScript: TS_SCAN_WORKER } });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("sikker-post scan with attachments", () => {
  it("names the document inside the archive where the CPR number is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sikker-post-att-"));
    const r = await scan(["scan", mailWithZip(dir)]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`CPR   ${CPR.slice(0, 6)}-XXXX`);
    expect(r.out).toContain("bilag: bilag.zip › sag.docx");
    expect(r.out + r.err).not.toContain(CPR);
  });

  it("applies the policy's limits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sikker-post-att-"));
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ version: 1, limits: { maxDepth: 1 } }));
    const r = await scan(["scan", "--json", "--policy", policy, mailWithZip(dir)]);
    const report = JSON.parse(r.out) as { findings: unknown[]; unreadable: { path: string[]; reason: string; detail: string }[] };
    expect(report.findings).toEqual([]);
    expect(report.unreadable).toEqual([{ where: "attachment", path: ["bilag.zip", "sag.docx"], reason: "over_limit", detail: expect.stringContaining("limits.maxDepth") as unknown }]);
  });

  it("scans documents given on their own, and picks them up in a folder walk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sikker-post-doc-"));
    writeFileSync(join(dir, "afgørelse.docx"), docx({ body: wPara("Afgørelse"), footer: wPara(`CPR ${CPR}`) }));
    writeFileSync(join(dir, "ren.docx"), docx({ body: wPara("Mødeindkaldelse til budgetopfølgning") }));
    writeFileSync(join(dir, "ødelagt.docx"), "PK\u0003\u0004 not really a zip");
    const r = await scan(["scan", "--json", dir]);
    expect(r.code).toBe(1);
    const reports = r.out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { file: string; findings: { masked?: string; path?: string[] }[]; unreadable: { reason: string }[] });
    const byName = (n: string) => reports.find((x) => x.file.endsWith(n));
    expect(byName("afgørelse.docx")?.findings).toEqual([expect.objectContaining({ masked: `${CPR.slice(0, 6)}-XXXX`, path: ["afgørelse.docx"] })]);
    expect(byName("ren.docx")?.findings).toEqual([]);
    expect(byName("ødelagt.docx")?.unreadable).toEqual([expect.objectContaining({ reason: "corrupt" })]);
  });
});
