/**
 * End-to-end: the playground in real Chromium, running the real built handler bundle and
 * task pane. What a caseworker does, step by step, and what they see.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { ARTIFACTS, compose, openPane, send, startSession, type Session } from "./playground-browser";

jest.setTimeout(90_000);

const CPR = dashed(makeCpr(1972, 3, 15, 1, 217));
const MASKED = `${CPR.slice(0, 6)}-XXXX`;
const EXTERNAL = "borger@gmail.com";
const INTERNAL = "kollega@kommune.example.dk";

let session: Session;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  await session.close();
});

async function alertText(page: Page): Promise<string> {
  return (await page.textContent("#alert-message")) ?? "";
}

async function sentHeaders(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="sent-mail"] pre')) ?? "";
}

async function waitForStatus(frame: Frame, text: string): Promise<void> {
  await frame.waitForFunction((t) => document.querySelector('[role="status"]')?.textContent.includes(t) === true, text);
}

test("a CPR number to an external address is blocked, and the dialog shows it masked", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: EXTERNAL, subject: "Din sag", body: `Hej. Dit CPR-nr. er ${CPR}. Venlig hilsen` });
  await send(page);
  const message = await alertText(page);
  expect(message).toContain(MASKED);
  expect(message).not.toContain(CPR);
  expect(message).toContain(EXTERNAL);
  // Public webmail: the message also points at Digital Post.
  expect(message).toMatch(/Digital Post/);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(0);
  await page.screenshot({ path: join(ARTIFACTS, "blocked-dialog.png") });
  await context.close();
});

test("a citizen saved in the contacts, whom Outlook on the web calls a \"user\", is still external: the CPR mail is blocked", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: `${INTERNAL}; jens.holm@gmail.com`, subject: "Din sag", body: `CPR ${CPR}` });
  expect(await page.textContent("#to-chips")).toContain("ekstern (Outlook: bruger)");
  await send(page);
  const message = await alertText(page);
  expect(message).toContain("jens.holm@gmail.com");
  expect(message).not.toContain(INTERNAL);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(0);
  await context.close();
});

test("two clicks from the block to a secure send: the dialog's action, then Send; the gateway markers go with the mail", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: EXTERNAL, subject: "Din sag", body: `CPR ${CPR}` });
  await send(page);
  expect(await page.textContent("#alert-primary")).toBe("Send sikkert");
  await page.click("#alert-primary"); // click 1
  await page.waitForFunction(() => document.querySelector("#notifications")?.textContent.includes("krypteres af organisationens gateway") === true);
  await send(page); // click 2
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
  const headers = await sentHeaders(page);
  expect(headers).toMatch(/X-Sikker-Post-Sign: yes/);
  expect(headers).toMatch(/X-Sikker-Post-Encrypt: yes/);
  await context.close();
});

test("opening the pane from the dialog, turning on secure sending there, and sending", async () => {
  const { context, page } = await session.newPage();
  // A CPR in the subject is not fixed by encryption, so the dialog offers the pane.
  await compose(page, { to: EXTERNAL, subject: `Sag ${CPR}`, body: `CPR ${CPR}` });
  await send(page);
  expect(await page.textContent("#alert-primary")).toBe("Åbn Sikker Post");
  await page.click("#alert-primary");
  const pane = await openPane(page);
  await waitForStatus(pane, "Blokeres");
  expect(await pane.textContent("body")).toContain(MASKED);
  expect(await pane.textContent("body")).not.toContain(CPR);
  await page.fill("#subject", "Din sag");
  await pane.click("fluent-button");
  await waitForStatus(pane, "Sikret");
  await page.screenshot({ path: join(ARTIFACTS, "pane-secured.png") });
  await send(page);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
  expect(await sentHeaders(page)).toMatch(/X-Sikker-Post-Encrypt: /);
  await context.close();
});

test("the secure state survives closing and reopening the pane, and 30 minutes without activity", async () => {
  const { context, page } = await session.newPage({ clock: true });
  await compose(page, { to: EXTERNAL, subject: "Din sag", body: `CPR ${CPR}` });
  let pane = await openPane(page);
  await pane.click("fluent-button");
  await waitForStatus(pane, "Sikret");
  await page.click("#pane-close");
  pane = await openPane(page);
  await waitForStatus(pane, "Sikret");
  expect(await pane.getAttribute("#encrypt", "aria-checked")).toBe("true");
  // The 2012 dropdown vanished after a few idle minutes. Thirty minutes later, nothing has.
  await page.clock.fastForward("30:00");
  await waitForStatus(pane, "Sikret");
  expect(await page.isVisible("#pane-host iframe")).toBe(true);
  await send(page);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
  await context.close();
});

test("the state goes with the draft: a new mail starts insecure, the saved one comes back secured", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: EXTERNAL, body: `CPR ${CPR}` });
  const pane = await openPane(page);
  await pane.click("fluent-button");
  await waitForStatus(pane, "Sikret");
  await page.click("#new-mail");
  await compose(page, { to: EXTERNAL, body: `CPR ${CPR}` });
  await waitForStatus(pane, "Blokeres");
  await page.click("#previous-mail");
  await waitForStatus(pane, "Sikret");
  await context.close();
});

test("mail to internal recipients only is sent, marked explicitly as not for encryption", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: INTERNAL, subject: "Intern sag", body: `CPR ${CPR} og diagnosen` });
  await send(page);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
  expect(await sentHeaders(page)).toMatch(/X-Sikker-Post-Encrypt: no/);
  await context.close();
});

test("the pane and the handler write the same status line for a clean mail to an external address", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: "kontakt@firma.dk", subject: "Mødetid", body: "Vi ses torsdag kl. 10." });
  const line = "Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet.";
  await page.waitForFunction((t) => document.querySelector("#notifications")?.textContent.includes(t) === true, line);
  const pane = await openPane(page);
  await waitForStatus(pane, "Kan sendes");
  // The pane writes the line too after its own check: it must be the handler's.
  await page.waitForTimeout(600);
  expect(await page.textContent("#notifications")).toContain(line);
  expect(await page.textContent("#notifications")).not.toContain("kun interne modtagere");
  await context.close();
});

test("each protection level in the playground: an unverified gateway does not carry a CPR number out; a label does", async () => {
  const { context, page } = await session.newPage();
  // The label picker belongs to the label method only.
  expect(await page.isVisible("#label-row")).toBe(false);
  await page.selectOption("#protection-level", "unverified");
  await compose(page, { to: EXTERNAL, subject: "Din sag", body: `CPR ${CPR}` });
  const pane = await openPane(page);
  await pane.click("fluent-button");
  await pane.waitForFunction(() => document.querySelector('[data-testid="protection"]')?.textContent.includes("gatewayen er ikke kontrolleret af IT") === true);
  await send(page);
  expect(await alertText(page)).toContain("gatewayen er ikke kontrolleret af IT");
  expect(await page.textContent("#alert-primary")).toBe("Åbn Sikker Post");
  await page.click("#alert-close");
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(0);

  await page.selectOption("#protection-level", "label");
  await page.waitForSelector("#label-row", { state: "visible" });
  await page.click("#new-mail");
  await compose(page, { to: EXTERNAL, subject: "Din sag", body: `CPR ${CPR}` });
  await page.click("#secure-ribbon");
  await page.waitForFunction(() => document.querySelector<HTMLSelectElement>("#label-picker")?.value === "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b");
  await page.waitForFunction(() => document.querySelector("#notifications")?.textContent.includes("følsomhedsmærkatet") === true);
  await send(page);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
  expect(await page.textContent('[data-testid="sent-mail"]')).toContain("Fortroligt – krypteret");
  await context.close();
});

test("an attached sample mail with a CPR number is read and blocked", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: EXTERNAL, subject: "Bilag", body: "Se vedhæftede." });
  const sample = "01-jobcenter-sygedagpenge.eml";
  await page.selectOption("#sample", sample);
  await page.click("#attach-sample");
  await page.waitForSelector("#attachments li");
  await send(page);
  const message = await alertText(page);
  expect(message).toContain(sample);
  expect(message).toMatch(/\d{6}-XXXX/);
  await context.close();
});

test("the guidance view is reachable and usable with the keyboard alone", async () => {
  const { context, page } = await session.newPage();
  const pane = await openPane(page);
  await pane.focus("#tab-status");
  await page.keyboard.press("ArrowRight");
  expect(await pane.evaluate(() => document.activeElement?.id)).toBe("tab-guidance");
  expect(await pane.getAttribute("#tab-guidance", "aria-selected")).toBe("true");
  expect(await pane.isVisible("#panel-guidance")).toBe(true);
  const text = (await pane.textContent("#panel-guidance")) ?? "";
  expect(text).toMatch(/artikel 9|art\. 9/i);
  expect(text).toMatch(/Digital Post/);
  expect(text).toMatch(/ikke juridisk rådgivning/i);
  await page.keyboard.press("Tab");
  expect(await pane.evaluate(() => document.activeElement?.id)).toBe("panel-guidance");
  await page.screenshot({ path: join(ARTIFACTS, "pane-guidance.png") });
  await context.close();
});

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
}

async function axe(frame: Frame): Promise<AxeResult["violations"]> {
  await frame.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  const result = await frame.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<AxeResult> } }).axe;
    return a.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

test("axe-core finds no serious or critical WCAG 2.1 AA problems in any pane view, light and dark", async () => {
  const { context, page } = await session.newPage();
  await compose(page, { to: EXTERNAL, subject: "Din sag", body: `CPR ${CPR}, diagnosen er kræft` });
  let pane = await openPane(page);
  await waitForStatus(pane, "Blokeres");
  const found: string[] = [];
  const check = async (view: string): Promise<void> => {
    for (const v of await axe(pane)) found.push(`${view}: ${v.id} (${v.impact ?? ""}) ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  };
  await check("status, blocked");
  await pane.click("#tab-guidance");
  await check("guidance");
  await pane.click("#tab-status");
  await pane.click("fluent-button");
  await waitForStatus(pane, "Sikret");
  await check("status, secured");
  await page.click("#theme-toggle");
  await pane.waitForFunction(() => document.documentElement.dataset.theme === "dark" || getComputedStyle(document.body).color !== "");
  await check("status, dark theme");
  await page.click("#pane-close");
  pane = await openPane(page);
  await page.click("#new-mail");
  await waitForStatus(pane, "Kan sendes");
  await check("empty draft");
  expect(found).toEqual([]);
  await context.close();
});

test("the pane's own Content-Security-Policy forbids inline script and foreign origins", async () => {
  const res = await fetch(`${session.server.url}addin/taskpane.html`);
  const html = await res.text();
  const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/.exec(html)?.[1] ?? "";
  expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com(;|$)/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  // Microsoft Graph only: the smime method's sendMail (docs/deployment.md).
  expect(csp).toMatch(/connect-src 'self' https:\/\/graph\.microsoft\.com(;|$)/);
  // Without bypass, an inline script injected into the pane does not run.
  const context = await session.browser.newContext();
  const page = await context.newPage();
  await page.goto(session.server.url);
  const frame = await openPane(page);
  const ran = await frame.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__inlineRan = true";
    document.head.appendChild(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await context.close();
});

describe("with an admin policy (--policy)", () => {
  let withPolicy: Session;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "sp-e2e-"));
    const file = join(dir, "policy.json");
    writeFileSync(file, JSON.stringify({ version: 1, send: { internalDomains: ["samarbejde.example.dk"] } }));
    withPolicy = await startSession({ policyFile: file });
  });
  afterAll(async () => {
    await withPolicy.close();
  });

  test("the handler uses the admin policy: a domain it makes internal may receive a CPR number", async () => {
    const { context, page } = await withPolicy.newPage();
    await compose(page, { to: "kollega@samarbejde.example.dk", body: `CPR ${CPR}` });
    await send(page);
    expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(1);
    await compose(page, { to: EXTERNAL, body: `CPR ${CPR}` });
    await send(page);
    expect(await alertText(page)).toContain(MASKED);
    await context.close();
  });
});
