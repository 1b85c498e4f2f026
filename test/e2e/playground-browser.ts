/**
 * Drives the playground in Debian's Chromium with playwright-core (no downloaded browser).
 * The server is the real playground server on a free port, serving the built add-in.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import { startPlaygroundServer, type PlaygroundServer } from "../../src/playground/server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = join(__dirname, "..", "..", "test-results", "e2e");

export interface Session {
  readonly server: PlaygroundServer;
  readonly browser: Browser;
  newPage(options?: { clock?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startSession(options: { policyFile?: string } = {}): Promise<Session> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startPlaygroundServer({ port: 0, testTools: true, ...(options.policyFile !== undefined ? { policyFile: options.policyFile } : {}) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
  return {
    server,
    browser,
    async newPage(o = {}) {
      // bypassCSP lets axe-core be injected into the pane for the accessibility scan; the
      // pane's own CSP is checked separately, without bypass.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: "da-DK" });
      const page = await context.newPage();
      if (o.clock === true) await page.clock.install();
      await openPlayground(page, server.url);
      return { context, page };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the playground and waits until its compose window and the send handler are ready. */
export async function openPlayground(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("#send") !== null && (window as unknown as { __sikkerPostPlayground?: { fake: { handlers: Map<string, unknown> } } }).__sikkerPostPlayground?.fake.handlers.has("onMessageSendHandler") === true);
}

/** Types a draft into the compose window. */
export async function compose(page: Page, mail: { to?: string; cc?: string; subject?: string; body?: string }): Promise<void> {
  if (mail.to !== undefined) await page.fill("#to", mail.to);
  if (mail.cc !== undefined) await page.fill("#cc", mail.cc);
  if (mail.subject !== undefined) await page.fill("#subject", mail.subject);
  if (mail.body !== undefined) {
    await page.click("#body");
    await page.keyboard.type(mail.body);
  }
}

/** Presses Send and waits for the block dialog or the sent mail; returns the milliseconds it took. */
export async function send(page: Page): Promise<number> {
  const start = Date.now();
  await page.click("#send");
  await page.waitForFunction(() => {
    const dialog = document.querySelector<HTMLDialogElement>("#alert");
    const progress = document.querySelector("#send-progress")?.textContent ?? "";
    return dialog?.open === true || progress.startsWith("Sendt");
  });
  return Date.now() - start;
}

/** Attaches a file through the compose window's file picker and waits until it is listed. */
export async function attachFile(page: Page, name: string, mimeType: string, bytes: Uint8Array): Promise<void> {
  await page.setInputFiles("#file", { name, mimeType, buffer: Buffer.from(bytes) });
  await page.waitForFunction((n) => document.querySelector("#attachments")?.textContent.includes(n) === true, name);
}

/** The hidden frame that runs the send handler (commands.html), as Outlook's HTML runtime. */
export function commandsFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().endsWith("/addin/commands.html"));
  if (frame === undefined) throw new Error("commands.html frame not found");
  return frame;
}

/** The task pane's frame, once its status line is rendered. */
export async function paneFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#pane-host iframe");
  const frame = await handle.contentFrame();
  if (frame === null) throw new Error("pane frame has no content");
  await frame.waitForSelector('[role="status"]');
  return frame;
}

export async function openPane(page: Page): Promise<Frame> {
  if ((await page.getAttribute("#pane-toggle", "aria-pressed")) !== "true") await page.click("#pane-toggle");
  return paneFrame(page);
}
