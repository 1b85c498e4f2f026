import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import type { Io } from "../../src/cli/scan-command";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { TS_SCAN_WORKER } from "../helpers/scan-worker";

// Folders are scanned on worker threads that load the TypeScript sources; the first start transpiles them.
jest.setTimeout(60_000);

interface Run {
  code: number;
  out: string[];
  err: string[];
  progress: string[];
}

/** A fake terminal on stderr: what a real one is when `process.stderr.isTTY`. */
async function run(args: string[], withProgress = false): Promise<Run> {
  const r: Run = { code: -1, out: [], err: [], progress: [] };
  const io: Io = {
    out: (l) => r.out.push(l),
    err: (l) => r.err.push(l),
    ...(withProgress ? { progress: { write: (text: string) => r.progress.push(text), columns: 120 } } : {}),
  };
  r.code = await main(args, io, { pool: { workerScript: TS_SCAN_WORKER } });
  return r;
}

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));

function crlf(lines: string[]): string {
  return lines.join("\r\n");
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sikker-post-cli-"));
  writeFileSync(join(dir, "clean.txt"), "Mødet flyttes til torsdag kl. 10. Mvh. Sekretariatet");
  writeFileSync(
    join(dir, "case.eml"),
    crlf([
      "From: a@kommune.example.dk",
      "To: b@gmail.com",
      "Subject: Sag",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="B"',
      "",
      "--B",
      "Content-Type: text/html; charset=utf-8",
      "",
      `<p>CPR: <b>${CPR.slice(0, 4)}</b>${CPR.slice(4)}</p><p>Borgeren er i misbrugsbehandling.</p>`,
      "--B",
      "Content-Type: text/csv; name=liste.csv",
      "Content-Disposition: attachment; filename=liste.csv",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(`navn;cpr\nA;${CPR}\n`).toString("base64"),
      "--B",
      "Content-Type: message/rfc822",
      'Content-Disposition: attachment; filename="videresendt.eml"',
      "",
      "Subject: Indre",
      "Content-Type: text/plain",
      "",
      `Indre mail med ${CPR}.`,
      "--B",
      "Content-Type: application/octet-stream; name=data.bin",
      "Content-Disposition: attachment; filename=data.bin",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from([0, 1, 2, 3]).toString("base64"),
      "--B--",
      "",
    ]),
  );
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "sub", "note.txt"), `Notat: personnummer ${CPR}`);
  writeFileSync(join(dir, "sub", "ignored.jpg"), "not scanned in a folder walk");
  return dir;
}

describe("sikker-post scan", () => {
  it("prints one JSON object per file with findings, paths and errors", async () => {
    const dir = tempDir();
    const r = await run(["scan", "--json", dir]);
    expect(r.code).toBe(1);
    const reports = r.out.map((l) => JSON.parse(l) as { file: string; findings: Record<string, unknown>[]; unreadable: Record<string, unknown>[]; errors: string[] });
    expect(reports.map((x) => x.file.slice(dir.length + 1))).toEqual(["case.eml", "clean.txt", "sub/note.txt"]);
    const caseReport = reports[0];
    const cprs = caseReport?.findings.filter((f) => f.kind === "cpr").map((f) => [f.masked, f.where, f.path, f.counts]);
    expect(cprs).toEqual([
      [`${CPR.slice(0, 6)}-XXXX`, "body", undefined, true],
      [`${CPR.slice(0, 6)}-XXXX`, "attachment", ["liste.csv"], true],
      [`${CPR.slice(0, 6)}-XXXX`, "attachment", ["videresendt.eml"], true],
    ]);
    // Masked only: the full number is nowhere in the output.
    expect(r.out.join("\n")).not.toContain(CPR);
    expect(r.out.join("\n")).not.toContain(CPR.replace("-", ""));
    expect(caseReport?.findings.find((f) => f.kind === "term" && f.matched === "misbrugsbehandling")).toMatchObject({ category: "social", counts: true, standing: "reference" });
    expect(caseReport?.unreadable).toEqual([{ where: "attachment", path: ["data.bin"], reason: "unsupported_type", detail: "cannot read application/octet-stream" }]);
    expect(reports[1]).toEqual({ file: join(dir, "clean.txt"), findings: [], unreadable: [], errors: [] });
  });

  it("prints a readable table with masked numbers only, and a summary", async () => {
    const r = await run(["scan", tempDir()]);
    const text = r.out.join("\n");
    expect(text).toContain(`${CPR.slice(0, 6)}-XXXX`);
    expect(text).not.toContain(CPR);
    expect(text).toMatch(/3 filer scannet .*: 2 med fund, 0 kunne ikke læses/);
  });

  it("exits 0 when nothing is found", async () => {
    const dir = tempDir();
    expect((await run(["scan", join(dir, "clean.txt")])).code).toBe(0);
  });

  it("exits 2 on usage errors", async () => {
    expect((await run(["scan"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["scan", "--nope", "x"])).code).toBe(2);
    const missing = await run(["scan", "/no/such/path"]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain("/no/such/path");
  });

  it("rejects a broken policy file with the setting named", async () => {
    const dir = tempDir();
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ version: 1, detection: { cpr: { countedConfidence: ["medium"] } } }));
    const r = await run(["scan", "--policy", policy, dir]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain("policy.detection.cpr.countedConfidence");
    writeFileSync(policy, "{ not json");
    expect((await run(["scan", "--policy", policy, dir])).code).toBe(2);
  });

  it("checks the policy's domains against the public suffix list, which the send handler does not carry", async () => {
    const dir = tempDir();
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ version: 1, send: { internalDomains: ["kk.dk", "co.uk"] } }));
    const r = await run(["scan", "--policy", policy, dir]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('policy.send.internalDomains: "co.uk" is a public suffix');
  });

  it("says on stderr what an administrator should know about a valid policy file", async () => {
    const dir = tempDir();
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ version: 1, send: { internalDomains: [] } }));
    const noted = await run(["scan", "--policy", policy, dir]);
    expect(noted.err.join("\n")).toContain("internalDomains is empty");
    expect(noted.out.join("\n")).not.toContain("internalDomains");
    writeFileSync(policy, JSON.stringify({ version: 1, send: { internalDomains: ["kk.dk"] } }));
    expect((await run(["scan", "--policy", policy, dir])).err.join("\n")).not.toContain("Bemærk");
  });

  it("applies an admin policy: extra terms and counted confidence", async () => {
    const dir = tempDir();
    const policy = join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ version: 1, detection: { terms: { addTerms: [{ term: "torsdag", category: "social" }] } } }));
    // A term counts only where the text ties it to a person, as in Outlook.
    const topic = await run(["scan", "--json", "--policy", policy, join(dir, "clean.txt")]);
    expect(topic.code).toBe(0);
    expect(topic.out[0]).toContain('"term":"torsdag"');
    expect(topic.out[0]).toContain('"counts":false,"standing":"topic"');
    writeFileSync(join(dir, "person.txt"), "Borgeren kommer torsdag.");
    const person = await run(["scan", "--json", "--policy", policy, join(dir, "person.txt")]);
    expect(person.code).toBe(1);
    expect(person.out[0]).toContain('"counts":true,"standing":"reference"');
  });

  it("reports a broken or binary file and goes on with the rest", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "binary.eml"), Buffer.from([0, 159, 146, 150, 0, 1, 2]));
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0, 0, 0, 1]));
    const r = await run(["scan", "--json", dir]);
    const reports = r.out.map((l) => JSON.parse(l) as { file: string; errors: string[]; findings: unknown[] });
    expect(reports.find((x) => x.file.endsWith("binary.eml"))?.errors[0]).toContain("binary");
    expect(reports.find((x) => x.file.endsWith("binary.txt"))?.errors[0]).toContain("binary");
    expect(reports.find((x) => x.file.endsWith("note.txt"))?.findings.length).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });

  it("names an unsupported file given directly", async () => {
    const dir = tempDir();
    const r = await run(["scan", "--json", join(dir, "sub", "ignored.jpg")]);
    expect(r.out[0]).toContain("unsupported file type");
    expect(r.code).toBe(1);
  });

  it("shows progress on a terminal only, and clears it at the end", async () => {
    const dir = tempDir();
    const r = await run(["scan", "--jobs", "1", dir], true);
    const CLEAR = "\r\x1b[K";
    const drawn = r.progress.filter((t) => t !== CLEAR);
    expect(drawn.every((t) => t.startsWith(CLEAR))).toBe(true);
    expect(drawn[0]?.slice(CLEAR.length)).toMatch(/^0\/3 filer · 0,0\/0,0 MB · /);
    expect(r.progress.at(-1)).toBe("\r\x1b[K");
    // Nothing of it on stdout, whose lines are as without a terminal.
    expect(r.out).toEqual((await run(["scan", "--jobs", "1", dir])).out);
    expect((await run(["scan", "--jobs", "1", "--quiet", dir], true)).progress).toEqual([]);
  });
});
