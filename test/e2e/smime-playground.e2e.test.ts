/**
 * End-to-end: the S/MIME method in the playground, in Chromium. The real built handler blocks
 * and points to the pane; the real pane imports the caseworker's PKCS#12, finds certificates in
 * the directory, builds and self-checks the message, gets a token through the fake host's NAA
 * bridge and sends through the fake Graph; the draft is discarded; "Sendt post" shows what the
 * server read. OpenSSL decrypts and verifies what the fake Graph received.
 */
import { webcrypto } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import PostalMime from "postal-mime";
import { buildSmime, makeEngine, parseCertificates, readPkcs12, type WebCrypto } from "../../src/core/smime";
import type { SentSmimeView } from "../../src/playground/fake-graph";
import { PKI_PEOPLE, PLAYGROUND_P12_PASSWORD } from "../../src/playground/smime-pki";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { openssl } from "../smime/test-pki";
import { PLAYGROUND_CLIENT_ID } from "../../src/playground/server";
import { ARTIFACTS, attachFile, compose, openPane, send, startSession, type Session } from "./playground-browser";

jest.setTimeout(120_000);

const CPR = dashed(makeCpr(1972, 3, 15, 1, 217));
const MASKED = `${CPR.slice(0, 6)}-XXXX`;
const [ANNA, JURIST, EXPIRED, NO_CERT] = PKI_PEOPLE.recipients.map((r) => r.address) as [string, string, string, string];
const SENDER = PKI_PEOPLE.sender.address;

let session: Session;
let dir: string;

beforeAll(async () => {
  session = await startSession();
  dir = mkdtempSync(join(tmpdir(), "sp-smime-e2e-"));
});
afterAll(async () => {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string): string => new URL(path, session.server.url).toString();

async function sentViews(): Promise<SentSmimeView[]> {
  return (await (await fetch(url("/playground/sent"))).json()) as SentSmimeView[];
}

/** Picks a protection level and waits until its handler runtime is loaded. */
async function chooseLevel(page: Page, level: "smime" | "smime-encrypt-only"): Promise<void> {
  await page.selectOption("#protection-level", level);
  await page.waitForFunction((l) => document.documentElement.dataset.level === l, level);
}

interface AxeResult {
  violations: { id: string; impact?: string | null; nodes: { target: unknown }[] }[];
}

/** Serious or critical WCAG 2.1 AA problems axe-core finds in the parts of the page named. */
async function axeViolations(page: Page, include: string[]): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  const result = await page.evaluate(async (parts) => {
    const a = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<AxeResult> } }).axe;
    return a.run({ include: parts.map((p) => [p]) }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
  }, include);
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** The sender's key and certificate from the PKCS#12 the page offers, as PEM files for openssl. */
function senderPemFiles(): { key: string; cert: string } {
  const p12 = join(dir, "sagsbehandler.p12");
  const key = join(dir, "sagsbehandler.key");
  const cert = join(dir, "sagsbehandler.pem");
  openssl(["pkcs12", "-in", p12, "-nocerts", "-nodes", "-passin", `pass:${PLAYGROUND_P12_PASSWORD}`, "-out", key]);
  openssl(["pkcs12", "-in", p12, "-nokeys", "-clcerts", "-passin", `pass:${PLAYGROUND_P12_PASSWORD}`, "-out", cert]);
  return { key, cert };
}

async function downloadKeyFile(): Promise<Buffer> {
  const p12 = Buffer.from(await (await fetch(url("/playground/sagsbehandler.p12"))).arrayBuffer());
  writeFileSync(join(dir, "sagsbehandler.p12"), p12);
  return p12;
}

test("the S/MIME level: Outlook's Send is blocked and the dialog points to the pane; the page offers the key file and its password", async () => {
  const { context, page } = await session.newPage();
  expect(await page.isVisible("#smime-info")).toBe(false);
  await chooseLevel(page, "smime");
  expect(await page.isVisible("#smime-info")).toBe(true);
  expect(await page.textContent("#smime-password")).toBe(PLAYGROUND_P12_PASSWORD);
  expect(await page.textContent("#smime-recipients")).toContain(EXPIRED);
  expect(await page.textContent("#smime-recipients")).toContain(NO_CERT);
  await compose(page, { to: ANNA, subject: "Afgørelse", body: `CPR-nr. ${CPR}` });
  await send(page);
  expect(await page.textContent("#alert-primary")).toBe("Åbn Sikker Post");
  expect(await page.textContent("#alert-message")).toMatch(/Send krypteret/);
  expect(await page.locator('[data-testid="sent-mail"]').count()).toBe(0);
  await context.close();
});

test("a message that reaches the simulated Graph from elsewhere is shown in Sendt post, read with the test keys; OpenSSL decrypts and verifies it", async () => {
  const { context, page } = await session.newPage();
  await chooseLevel(page, "smime");
  // Built in Node with the core and the key file the page offers, sent with a token from the fake host.
  const p12 = await downloadKeyFile();
  const crypto = webcrypto as unknown as WebCrypto;
  const key = await readPkcs12(new Uint8Array(p12), PLAYGROUND_P12_PASSWORD, makeEngine(crypto));
  const directory = (await (await fetch(url("/certificates/directory.json"))).json()) as { certificates: { address: string; pem: string }[] };
  const recipientCerts = directory.certificates.filter((c) => c.address === JURIST).flatMap((c) => parseCertificates(new TextEncoder().encode(c.pem)));
  const caPem = await (await fetch(url("/playground/playground-ca.pem"))).text();
  const message = new TextEncoder().encode(`From: ${SENDER}\r\nTo: ${JURIST}\r\nSubject: Fra CLI\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSagen om ${CPR} er afgjort.\r\n`);
  const built = await buildSmime({ message, recipientCerts, trustAnchors: parseCertificates(new TextEncoder().encode(caPem)), sender: { mode: "sign", key }, crypto });
  const { accessToken } = (await (await fetch(url("/playground/naa-token"), { method: "POST" })).json()) as { accessToken: string };
  const res = await fetch(url("/graph/v1.0/me/sendMail"), { method: "POST", headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "text/plain" }, body: Buffer.from(built.bytes).toString("base64") });
  expect(res.status).toBe(202);

  const item = page.locator('[data-testid="sent-smime"]', { hasText: "Fra CLI" });
  await item.waitFor();
  const text = (await item.textContent()) ?? "";
  expect(text).toContain("Dekrypteret som afsender ✓");
  expect(text).toContain(`Dekrypteret som modtager ${JURIST} ✓`);
  expect(text).toContain("Signatur gyldig: Sagsbehandler, Eksempel Kommune");
  expect(text).toContain("kæde til Playground CA");
  expect(text).toContain(MASKED);
  expect(text).not.toContain(CPR);

  // The S/MIME box and Sendt post pass axe-core (WCAG 2.1 AA), as the pane does.
  expect(await axeViolations(page, ["#smime-info", ".sent"])).toEqual([]);

  // What the fake Graph received is real S/MIME: openssl decrypts the sender's copy and verifies it.
  const id = (await sentViews()).find((v) => v.subject === "Fra CLI")?.id;
  const eml = join(dir, "received.eml");
  writeFileSync(eml, Buffer.from(await (await fetch(url(`/playground/sent/${String(id)}.eml`))).arrayBuffer()));
  writeFileSync(join(dir, "ca.pem"), caPem);
  const pems = senderPemFiles();
  const signed = join(dir, "received-signed.eml");
  openssl(["cms", "-decrypt", "-in", eml, "-recip", pems.cert, "-inkey", pems.key, "-out", signed]);
  expect(openssl(["cms", "-verify", "-in", signed, "-CAfile", join(dir, "ca.pem")]).toString("utf8")).toContain(`Sagen om ${CPR} er afgjort.`);
  expect(readFileSync(eml, "latin1")).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=enveloped-data/);
  await context.close();
});

const paneMessages = async (pane: Frame): Promise<string> => (await pane.textContent('[data-testid="smime-messages"]')) ?? "";

/** Imports the caseworker's PKCS#12 in the pane, as a user picks the file and types the password. */
async function importKey(pane: Frame): Promise<void> {
  const p12 = await downloadKeyFile();
  await pane.setInputFiles("#smime-key-file", { name: "sagsbehandler.p12", mimeType: "application/x-pkcs12", buffer: p12 });
  await pane.fill("#smime-key-password", PLAYGROUND_P12_PASSWORD);
  await pane.click('[data-testid="smime-import-key"]');
  await pane.waitForFunction(() => document.querySelector('[data-testid="smime-key"]')?.textContent.includes("Sagsbehandler") === true);
}

/** Presses "Send krypteret" and waits until the draft is discarded or the pane shows a new refusal. */
async function sendEncrypted(page: Page, pane: Frame): Promise<void> {
  const before = await paneMessages(pane);
  await pane.click('[data-testid="smime-send"]');
  await page.waitForFunction(
    (previous) => {
      if ((document.querySelector("#discarded")?.textContent ?? "") !== "") return true;
      const messages = document.querySelector<HTMLIFrameElement>("#pane-host iframe")?.contentDocument?.querySelector('[data-testid="smime-messages"]');
      return messages?.getAttribute("data-kind") === "error" && messages.textContent !== previous;
    },
    before,
    { timeout: 60_000 },
  );
}


test("the whole path: blocked, the pane imports the key, sends through the fake Graph with an NAA token, the draft is discarded, and Sendt post shows it decrypted and verified", async () => {
  const { context, page } = await session.newPage();
  await chooseLevel(page, "smime");
  const before = (await sentViews()).length;
  await compose(page, { to: `${ANNA}; ${JURIST}`, subject: "Afgørelse i sag 2026-117", body: `Kære Anna. Borgerens CPR-nr. er ${CPR}. Venlig hilsen` });
  await send(page);
  expect(await page.textContent("#alert-primary")).toBe("Åbn Sikker Post");
  await page.click("#alert-primary");
  const pane = await openPane(page);
  await importKey(pane);
  await sendEncrypted(page, pane);

  // The fake Graph received one message, readable by the sender and by both recipients, signed.
  const views = await sentViews();
  expect(views).toHaveLength(before + 1);
  const view = views[0];
  expect(view).toMatchObject({ subject: "Afgørelse i sag 2026-117", from: SENDER });
  expect([...(view?.to ?? [])].sort()).toEqual([ANNA, JURIST].sort());
  expect(view?.contentType).toMatch(/application\/pkcs7-mime.*enveloped-data/);
  expect(view?.readAs.filter((r) => r.ok).map((r) => r.address).sort()).toEqual([SENDER, ANNA, JURIST].sort());
  expect(view?.signature).toMatchObject({ valid: true, signerAddress: SENDER, chainTo: "Playground CA" });
  expect(view?.inner?.excerpt).toContain(MASKED);

  // The draft is discarded: the compose window says so and a new, empty mail is open.
  expect(await page.textContent("#discarded")).toContain("Kladden er kasseret");
  expect(await page.inputValue("#subject")).toBe("");
  expect(await page.inputValue("#to")).toBe("");
  const item = page.locator('[data-testid="sent-smime"]', { hasText: "Afgørelse i sag 2026-117" });
  await item.waitFor();
  const text = (await item.textContent()) ?? "";
  expect(text).toContain("Dekrypteret som afsender ✓");
  expect(text).toContain(`Dekrypteret som modtager ${ANNA} ✓`);
  expect(text).toContain("Signatur gyldig: Sagsbehandler, Eksempel Kommune");
  expect(text).toContain("(kæde til Playground CA)");
  expect(text).toContain(MASKED);
  expect(text).not.toContain(CPR);
  await page.screenshot({ path: join(ARTIFACTS, "smime-sent.png"), fullPage: true });

  // The token came through the fake host's bridge, for this app and Mail.Send: the real MSAL path.
  const log = await pane.evaluate(() => (window as unknown as { __sikkerPostNaaLog?: { method: string; clientId?: string; scope?: string }[] }).__sikkerPostNaaLog ?? []);
  expect(log.some((l) => (l.method === "GetToken" || l.method === "GetTokenPopup") && l.clientId === PLAYGROUND_CLIENT_ID && (l.scope ?? "").includes("Mail.Send"))).toBe(true);

  // OpenSSL decrypts the sender's copy of what the pane sent and verifies the signature to the CA.
  const eml = join(dir, "pane-sent.eml");
  writeFileSync(eml, Buffer.from(await (await fetch(url(`/playground/sent/${String(view?.id)}.eml`))).arrayBuffer()));
  writeFileSync(join(dir, "ca.pem"), await (await fetch(url("/playground/playground-ca.pem"))).text());
  const pems = senderPemFiles();
  const signed = join(dir, "pane-sent-signed.eml");
  openssl(["cms", "-decrypt", "-in", eml, "-recip", pems.cert, "-inkey", pems.key, "-out", signed]);
  const verified = await PostalMime.parse(openssl(["cms", "-verify", "-in", signed, "-CAfile", join(dir, "ca.pem")]));
  expect(verified.html ?? verified.text ?? "").toContain("Kære Anna.");
  await context.close();
});

test("a recipient whose certificate expired, and one with none, are refused in the pane with the reason; nothing is sent and the draft stays", async () => {
  const { context, page } = await session.newPage();
  await chooseLevel(page, "smime");
  const before = (await sentViews()).length;
  await compose(page, { to: EXPIRED, subject: "Til Erik", body: `CPR-nr. ${CPR}` });
  const pane = await openPane(page);
  await importKey(pane);
  await sendEncrypted(page, pane);
  const expired = await paneMessages(pane);
  expect(expired).toContain("Erik Udløbet, Firma Eksempel");
  expect(expired).toMatch(/udløb/);
  expect(await page.inputValue("#subject")).toBe("Til Erik");

  await page.fill("#to", NO_CERT);
  await sendEncrypted(page, pane);
  expect(await paneMessages(pane)).toContain(`intet certifikat for modtageren ${NO_CERT}`);
  expect(await sentViews()).toHaveLength(before);
  expect(await page.textContent("#discarded")).toBe("");
  await context.close();
});

test("a mail too large for Graph is refused before sending: nothing reaches the fake Graph", async () => {
  const { context, page } = await session.newPage();
  await chooseLevel(page, "smime");
  const before = (await sentViews()).length;
  await compose(page, { to: ANNA, subject: "Stort bilag", body: `CPR-nr. ${CPR}` });
  // 3 MB of data: base64 in the MIME, the envelope's base64 and the request's base64 make it well over 4 MB.
  const big = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
  await attachFile(page, "stort-bilag.bin", "application/octet-stream", big);
  const pane = await openPane(page);
  await importKey(pane);
  await sendEncrypted(page, pane);
  expect(await paneMessages(pane)).toMatch(/Microsoft Graph modtager højst/);
  expect(await sentViews()).toHaveLength(before);
  expect(await page.inputValue("#subject")).toBe("Stort bilag");
  await context.close();
});

test("encrypt-only: no key is needed; the message is encrypted to the recipient and the sender, and Sendt post says it is not signed", async () => {
  const { context, page } = await session.newPage();
  await chooseLevel(page, "smime-encrypt-only");
  expect(await page.isVisible("#smime-key-row")).toBe(false);
  expect(await page.isVisible("#smime-encrypt-only-note")).toBe(true);
  await compose(page, { to: JURIST, subject: "Kun krypteret", body: `CPR-nr. ${CPR}` });
  const pane = await openPane(page);
  await sendEncrypted(page, pane);
  expect(await page.textContent("#discarded")).toContain("Kladden er kasseret");
  const view = (await sentViews()).find((v) => v.subject === "Kun krypteret");
  expect(view?.readAs.filter((r) => r.ok).map((r) => r.address).sort()).toEqual([SENDER, JURIST].sort());
  expect(view?.signature).toBeUndefined();
  const item = page.locator('[data-testid="sent-smime"]', { hasText: "Kun krypteret" });
  await item.waitFor();
  expect(await item.textContent()).toContain("Ikke signeret (kun krypteret)");
  await context.close();
});

test("a token for another account than the one Outlook is signed in with is refused: nothing is sent and the draft stays", async () => {
  const { context, page } = await session.newPage();
  await chooseLevel(page, "smime-encrypt-only");
  const before = (await sentViews()).length;
  await compose(page, { to: JURIST, subject: "Forkert konto", body: `CPR-nr. ${CPR}` });
  // Outlook says it is signed in as someone else than the account the host's bridge hands MSAL.
  await page.evaluate(() => {
    const fake = (window as unknown as { __sikkerPostPlayground: { fake: { authContext: { userObjectId: string; userPrincipalName: string } } } }).__sikkerPostPlayground.fake;
    fake.authContext.userObjectId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    fake.authContext.userPrincipalName = "kollega@kommune.example.dk";
  });
  const pane = await openPane(page);
  await sendEncrypted(page, pane);
  expect(await paneMessages(pane)).toContain("ikke den konto Outlook er logget ind med");
  expect(await sentViews()).toHaveLength(before);
  expect(await page.textContent("#discarded")).toBe("");
  expect(await page.inputValue("#subject")).toBe("Forkert konto");
  await context.close();
});
