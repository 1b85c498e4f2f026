/**
 * The send check in real Chromium: the playground serves the built add-in, whose hidden
 * commands.html frame runs the handler as Outlook on the web and new Outlook do (HTML runtime:
 * native TextDecoder and DecompressionStream, pdf-reader.js loaded on the first PDF).
 */
import type { AttachmentFile } from "../src/core/extract/extract-mail";
import { attachFile, compose, send, type Session } from "../test/e2e/playground-browser";

const MIME: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

export interface BrowserSend {
  /** The first send after the checks on attaching ended: they read the files, and the send takes their results. */
  readonly firstMs: number;
  /** The sends after it. */
  readonly laterMs: readonly number[];
  /** Sends in a new handler runtime (as Outlook starts one more than ~300 s after the last event): everything read and compiled afresh. */
  readonly newRuntimeMs: readonly number[];
  /** Loading the handler runtime (commands.html, commands.js) before each of those. */
  readonly newRuntimeLoadMs: readonly number[];
  readonly outcome: "allow" | "block";
}

const mimeOf = (name: string): string => MIME[name.slice(name.lastIndexOf(".") + 1)] ?? "application/octet-stream";

/** Times Send with the files attached, from the click to the dialog (Playwright's polling adds a few ms). */
export async function browserSend(session: Session, files: readonly AttachmentFile[], runs: number): Promise<BrowserSend> {
  const { context, page } = await session.newPage();
  const closeAlert = async (): Promise<void> => {
    if (await page.isVisible("#alert-close")) await page.click("#alert-close");
  };
  try {
    await compose(page, { to: "borger@gmail.com", subject: "Sag", body: "Se vedhæftede bilag." });
    for (const f of files) await attachFile(page, f.name, mimeOf(f.name), f.bytes);
    // Each attachment fires OnMessageAttachmentsChanged, whose status check reads the mail too:
    // the timed sends start once those have ended, as when a caseworker sends a moment later.
    await page.waitForFunction(() => document.documentElement.dataset.statusChecks === "0", undefined, { timeout: 60_000 });
    const firstMs = await send(page);
    const laterMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await closeAlert();
      laterMs.push(await send(page));
    }
    const newRuntimeMs: number[] = [];
    const newRuntimeLoadMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await closeAlert();
      newRuntimeLoadMs.push(await page.evaluate(() => (window as unknown as { __sikkerPostPlayground: { restartHandlerRuntime: () => Promise<number> } }).__sikkerPostPlayground.restartHandlerRuntime()));
      newRuntimeMs.push(await send(page));
    }
    const blocked = await page.evaluate(() => document.querySelector<HTMLDialogElement>("#alert")?.open === true);
    return { firstMs, laterMs, newRuntimeMs, newRuntimeLoadMs, outcome: blocked ? "block" : "allow" };
  } finally {
    await context.close();
  }
}
