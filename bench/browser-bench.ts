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
  /** Sends in a new handler runtime on the results carried in the draft's session data (the send more than ~300 s after attaching). */
  readonly carriedMs: readonly number[];
  readonly carriedLoadMs: readonly number[];
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
    const carriedMs: number[] = [];
    const carriedLoadMs: number[] = [];
    type Host = { __sikkerPostPlayground: { restartHandlerRuntime: () => Promise<number>; fake: { draft: { sessionData: Record<string, string> } } } };
    // What the checks on attaching carried in the draft's session data.
    const carried = await page.evaluate(() => (window as unknown as Host).__sikkerPostPlayground.fake.draft.sessionData.sikkerPostRead ?? null);
    if (carried === null) throw new Error("the checks on attaching carried nothing in the session data");
    const restart = (value: string | null): Promise<number> =>
      page.evaluate((v) => {
        const host = (window as unknown as Host).__sikkerPostPlayground;
        // null: a reopened draft, or attachments no check read: nothing carried.
        if (v === null) delete host.fake.draft.sessionData.sikkerPostRead;
        else host.fake.draft.sessionData.sikkerPostRead = v;
        return host.restartHandlerRuntime();
      }, value);
    for (let i = 0; i < runs; i++) {
      await closeAlert();
      newRuntimeLoadMs.push(await restart(null));
      newRuntimeMs.push(await send(page));
      await closeAlert();
      carriedLoadMs.push(await restart(carried));
      carriedMs.push(await send(page));
    }
    const blocked = await page.evaluate(() => document.querySelector<HTMLDialogElement>("#alert")?.open === true);
    return { firstMs, laterMs, newRuntimeMs, newRuntimeLoadMs, carriedMs, carriedLoadMs, outcome: blocked ? "block" : "allow" };
  } finally {
    await context.close();
  }
}
