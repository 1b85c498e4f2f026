/**
 * End-to-end: PDF attachments in Outlook's HTML runtime, simulated by the playground in real
 * Chromium. commands.html (hidden frame) and the task pane load dist-addin/pdf-reader.js on the
 * first PDF, under their own Content-Security-Policy (not bypassed here), and read its text layer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { pdf } from "../helpers/make-documents";
import { ARTIFACTS, attachFile, commandsFrame, compose, openPane, openPlayground, send, startSession, type Session } from "./playground-browser";

jest.setTimeout(90_000);

const CPR = dashed(makeCpr(1984, 6, 21, 2, 318));
const MASKED = `${CPR.slice(0, 6)}-XXXX`;
const EXTERNAL = "borger@gmail.com";

let session: Session;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  await session.close();
});

interface Watched {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console messages of every frame that report something the Content-Security-Policy refused. */
  readonly cspMessages: string[];
  /** Every URL requested by the page and its frames. */
  readonly requests: string[];
}

/** The playground with the add-in pages' own CSP in force (no bypassCSP), watched for CSP errors and requests. */
async function openWatched(): Promise<Watched> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "da-DK" });
  const page = await context.newPage();
  const cspMessages: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (/Refused to|violates the following Content Security Policy|unsafe-eval|EvalError/i.test(m.text())) cspMessages.push(m.text());
  });
  page.on("request", (r) => requests.push(r.url()));
  await openPlayground(page, session.server.url);
  return { context, page, cspMessages, requests };
}

const attachPdf = (page: Page, name: string, bytes: Uint8Array): Promise<void> => attachFile(page, name, "application/pdf", bytes);

/** Records the frame's CSP violations (securitypolicyviolation events) from now on. */
async function watchCsp(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations?.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

async function cspViolations(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ["not watched"]);
}

/** How long the frame took to fetch and run pdf-reader.js (Resource Timing), or null. */
async function scriptLoadMs(frame: Frame): Promise<number | null> {
  return frame.evaluate(() => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/pdf-reader.js"));
    return entry !== undefined ? entry.duration : null;
  });
}

const casePdf = (): Uint8Array =>
  pdf([
    [
      { x: 50, y: 760, text: "Afgoerelse om sygedagpenge" },
      { x: 50, y: 700, text: "Navn" },
      { x: 200, y: 700, text: "CPR-nr." },
      { x: 50, y: 680, text: "Anna Jensen" },
      { x: 200, y: 680, text: CPR },
    ],
  ]);

test("a CPR number in an attached PDF to an external address is blocked, and the dialog names it masked and the PDF", async () => {
  const { context, page, cspMessages, requests } = await openWatched();
  await compose(page, { to: EXTERNAL, subject: "Afgørelse", body: "Se vedhæftede afgørelse." });
  await watchCsp(commandsFrame(page));
  await attachPdf(page, "afgørelse.pdf", casePdf());
  const firstMs = await send(page);
  const message = (await page.textContent("#alert-message")) ?? "";
  expect(message).toContain(MASKED);
  expect(message).toContain("afgørelse.pdf");
  expect(message).not.toContain(CPR);
  expect(message).not.toMatch(/kan ikke kontrolleres|kunne ikke læses|filtypen/);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(0);

  // pdf.js ran under commands.html's CSP without eval, workers, fonts or CMaps from elsewhere.
  const origin = new URL(session.server.url).origin;
  expect(cspMessages).toEqual([]);
  expect(await cspViolations(commandsFrame(page))).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([]);
  expect(requests.filter((u) => u.endsWith("/addin/pdf-reader.js"))).toHaveLength(1);

  // A figure for the report, not an assertion: the first PDF pays for loading pdf-reader.js.
  const loadMs = await scriptLoadMs(commandsFrame(page));
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "pdf-first-send.json"), `${JSON.stringify({ firstSendWithPdfMs: firstMs, pdfReaderScriptMs: loadMs }, null, 2)}\n`);
  await page.screenshot({ path: join(ARTIFACTS, "blocked-pdf.png") });
  await context.close();
});

test("a PDF without sensitive content to an external address is sent", async () => {
  const { context, page, cspMessages } = await openWatched();
  await compose(page, { to: EXTERNAL, subject: "Mødeindkaldelse", body: "Se vedhæftede dagsorden." });
  await attachPdf(page, "dagsorden.pdf", pdf([[{ x: 50, y: 760, text: "Dagsorden for moedet torsdag" }]]));
  await send(page);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
  expect(await page.textContent('[data-testid="sent-mail"]')).toContain("dagsorden.pdf");
  expect(cspMessages).toEqual([]);
  await context.close();
});

test("the task pane reads the same PDF and shows the same masked CPR number", async () => {
  const { context, page, cspMessages } = await openWatched();
  await compose(page, { to: EXTERNAL, subject: "Afgørelse", body: "Se bilag." });
  const pane = await openPane(page);
  await watchCsp(pane);
  await attachPdf(page, "afgørelse.pdf", casePdf());
  await pane.waitForFunction((m) => document.body.textContent.includes(m), MASKED);
  expect(await cspViolations(pane)).toEqual([]);
  const text = (await pane.textContent("body")) ?? "";
  expect(text).toContain("Blokeres");
  expect(text).not.toContain(CPR);
  expect(cspMessages).toEqual([]);
  await context.close();
});
