/**
 * End-to-end: Office documents attached in Outlook's HTML runtime, simulated by the playground in
 * real Chromium. The handler inflates their parts with Chromium's native DecompressionStream.
 */
import type { Frame } from "playwright-core";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { docx, wPara, xlsx } from "../helpers/make-documents";
import { attachFile, commandsFrame, compose, send, startSession, type Session } from "./playground-browser";

jest.setTimeout(90_000);

const CPR = dashed(makeCpr(1984, 6, 21, 2, 318));
const MASKED = `${CPR.slice(0, 6)}-XXXX`;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

let session: Session;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  await session.close();
});

/** Counts the DecompressionStreams the frame inflates with from now on (written to: the runtime's probe makes one it never uses). */
async function countInflaters(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    type Stream = { writable: { getWriter: () => unknown } };
    const w = window as unknown as { DecompressionStream: new (format: string) => Stream; __inflaters: string[] };
    const Native = w.DecompressionStream;
    w.__inflaters = [];
    w.DecompressionStream = class extends Native {
      constructor(format: string) {
        super(format);
        const writable = this.writable;
        const getWriter = writable.getWriter.bind(writable);
        writable.getWriter = () => {
          w.__inflaters.push(format);
          return getWriter();
        };
      }
    };
  });
}

const inflaters = (frame: Frame): Promise<string[]> => frame.evaluate(() => (window as unknown as { __inflaters: string[] }).__inflaters);

test("a CPR number typed as a number in an attached spreadsheet is blocked, read with the native inflater", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: "borger@gmail.com", subject: "Sagsliste", body: "Se vedhæftede liste." });
  await countInflaters(commandsFrame(page));
  // The CPR number as Excel keeps it when typed into a 0000000000-formatted cell: no leading zero.
  const cprNumber = String(Number(CPR.replace("-", "")));
  const sheet = xlsx([[[{ ref: "A1", s: "Navn" }, { ref: "B1", s: "CPR-nr." }], [{ ref: "A2", s: "Anna Jensen" }, { ref: "B2", n: cprNumber, style: 1 }]]], [{ id: 164, code: "0000000000" }]);
  await attachFile(page, "liste.xlsx", XLSX, sheet);
  await send(page);
  const message = (await page.textContent("#alert-message")) ?? "";
  expect(message).toContain(MASKED);
  expect(message).toContain("liste.xlsx");
  expect(message).not.toContain(CPR);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(0);
  expect((await inflaters(commandsFrame(page))).filter((f) => f === "deflate-raw").length).toBeGreaterThan(0);
  await context.close();
});

test("a Word document without sensitive content to an external address is sent", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: "borger@gmail.com", subject: "Dagsorden", body: "Se vedhæftede." });
  await attachFile(page, "dagsorden.docx", DOCX, docx({ body: wPara("Dagsorden for mødet torsdag"), footer: wPara("Side 1") }));
  await send(page);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
  expect(await page.textContent('[data-testid="sent-mail"]')).toContain("dagsorden.docx");
  await context.close();
});

type PlaygroundWindow = { __sikkerPostPlayground: { restartHandlerRuntime: () => Promise<number>; fake: { draft: { sessionData: Record<string, string> } } } };

test("the send after the check on attaching takes that check's results; a new handler runtime takes them from the session data, and reads afresh without them", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: "borger@gmail.com", subject: "Sag", body: "Se bilag." });
  await countInflaters(commandsFrame(page));
  await attachFile(page, "sag.docx", DOCX, docx({ body: wPara("Afgørelse"), footer: wPara(`CPR ${CPR}`) }));
  await page.waitForFunction(() => document.documentElement.dataset.statusChecks === "0");
  const read = (await inflaters(commandsFrame(page))).length;
  expect(read).toBeGreaterThan(0);
  await send(page);
  const first = (await page.textContent("#alert-message")) ?? "";
  expect(first).toContain(MASKED);
  expect(await inflaters(commandsFrame(page))).toHaveLength(read);
  const carried = await page.evaluate(() => (window as unknown as PlaygroundWindow).__sikkerPostPlayground.fake.draft.sessionData.sikkerPostRead ?? "");
  expect(carried).toContain(MASKED);
  expect(carried).not.toContain(CPR);
  // As when Outlook starts the runtime again (the last event more than ~300 s ago).
  await page.click("#alert-close");
  await page.evaluate(() => (window as unknown as PlaygroundWindow).__sikkerPostPlayground.restartHandlerRuntime());
  await countInflaters(commandsFrame(page));
  await send(page);
  expect((await page.textContent("#alert-message")) ?? "").toBe(first);
  expect(await inflaters(commandsFrame(page))).toHaveLength(0);
  // Without them (a reopened draft has no session data), the new runtime reads the file again.
  await page.click("#alert-close");
  await page.evaluate(async () => {
    const host = (window as unknown as PlaygroundWindow).__sikkerPostPlayground;
    delete host.fake.draft.sessionData.sikkerPostRead;
    await host.restartHandlerRuntime();
  });
  await countInflaters(commandsFrame(page));
  await send(page);
  expect((await page.textContent("#alert-message")) ?? "").toBe(first);
  expect((await inflaters(commandsFrame(page))).length).toBeGreaterThan(0);
  await context.close();
});
