/** Send-check time of the built handler bundle (read + scan + decide) against the fake mailbox, no artificial delays. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { FakeAttachment, FakeDraft } from "../src/fake-office/fake-office";
import { coldAndKeptSends, describeBareRuntime } from "./bare-runtime";
import { danishMailCorpus } from "./corpus";

const BUNDLE = join(__dirname, "..", "..", "dist-addin", "commands.js");

async function sendTime(name: string, draft: Partial<FakeDraft>): Promise<void> {
  const code = readFileSync(BUNDLE, "utf8");
  const { cold, coldLoads, kept, afterAttach, outcome } = await coldAndKeptSends(code, draft, 5, 60_000);
  const sorted = [...cold].sort((a, b) => a - b);
  const loads = [...coldLoads].sort((a, b) => a - b);
  const later = Math.min(...kept);
  console.log(
    `${name.padEnd(44)} newly started runtime (load + send): median ${(sorted[2] ?? 0).toFixed(0).padStart(5)} ms, fastest ${(sorted[0] ?? 0).toFixed(0).padStart(5)} ms (load ${(loads[2] ?? 0).toFixed(0)} ms)   kept runtime (browser runtimes only): fastest ${later.toFixed(0).padStart(5)} ms   after the check on attaching: fastest ${Math.min(...afterAttach).toFixed(0).padStart(5)} ms   (${outcome})`,
  );
}

function html(chars: number, seed: number): string {
  return danishMailCorpus(chars, seed)
    .split("\n\n")
    .map((p) => `<p><span style="font-family:Calibri">${p}</span></p>`)
    .join("");
}

function textAttachment(i: number, chars: number): FakeAttachment {
  const text = danishMailCorpus(chars, 100 + i);
  return { id: `a${i}`, name: `bilag-${i}.txt`, attachmentType: "file", size: text.length, content: { format: "base64", content: Buffer.from(text).toString("base64") } };
}

export async function runHandlerBench(): Promise<void> {
  const code = readFileSync(BUNDLE);
  console.log(`\nHandler bundle dist-addin/commands.js: ${(code.length / 1024).toFixed(0)} KiB minified, ${(gzipSync(code).length / 1024).toFixed(0)} KiB gzipped`);
  console.log(`Send check of the built bundle (fake mailbox, external recipient) in ${describeBareRuntime()}`);
  // Microsoft's runtimes doc: classic Outlook's JavaScript-only runtime ends when the handler calls
  // event.completed, so only a newly started runtime is classic Outlook's case; "kept" is the
  // browser runtime's (web, new Outlook, Mac), which lives on between events for up to ~300 s.
  console.log("  (classic Outlook: every event starts a new runtime, the first column; kept runtimes are Outlook on the web, new Outlook and Mac)");
  const to = [{ emailAddress: "borger@gmail.com", recipientType: "externalUser" as const }];
  await sendTime("50 KB HTML body", { subject: "Sag", bodyHtml: html(50_000, 11), to });
  await sendTime("1 MB HTML body", { subject: "Sag", bodyHtml: html(1_000_000, 12), to });
  await sendTime("short body + five 2 MB text attachments", {
    subject: "Sag",
    bodyHtml: "<p>Se bilag.</p>",
    to,
    attachments: [0, 1, 2, 3, 4].map((i) => textAttachment(i, 2_000_000)),
  });
}
