/**
 * The fake host's nested app authentication bridge, driven by the real MSAL
 * (`createNestablePublicClientApplication`, MSAL's own browser bundle) in Chromium, in a frame
 * where the playground's Office shim ran, and the token it hands out used on the fake Graph.
 */
import type { Frame } from "playwright-core";
import { PLAYGROUND_CLIENT_ID } from "../../src/playground/server";
import { PLAYGROUND_USER } from "../../src/playground/page/compose-model";
import { commandsFrame, startSession, type Session } from "./playground-browser";

jest.setTimeout(90_000);

let session: Session;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session.close();
});

interface MsalRun {
  available: boolean;
  accessToken: string;
  username: string;
  tenantId: string;
  log: { method: string; clientId?: string; scope?: string }[];
  send: number;
  sendWithForged: number;
  forgedError: string;
}

async function runMsal(frame: Frame): Promise<MsalRun> {
  await frame.addScriptTag({ url: "/test-tools/msal-browser.min.js" });
  return frame.evaluate(async (clientId) => {
    interface Msal {
      createNestablePublicClientApplication(c: object): Promise<{
        acquireTokenSilent(r: object): Promise<{ accessToken: string; account: { username: string; tenantId: string } }>;
        acquireTokenPopup(r: object): Promise<{ accessToken: string; account: { username: string; tenantId: string } }>;
        getActiveAccount(): unknown;
      }>;
    }
    const w = window as unknown as { msal: Msal; nestedAppAuthBridge?: unknown; __sikkerPostNaaLog: MsalRun["log"] };
    const pca = await w.msal.createNestablePublicClientApplication({ auth: { clientId, authority: "https://login.microsoftonline.com/common" } });
    const request = { scopes: ["https://graph.microsoft.com/Mail.Send"] };
    let result;
    try {
      result = await pca.acquireTokenSilent(request);
    } catch {
      result = await pca.acquireTokenPopup(request);
    }
    const mime = btoa("From: a@b.dk\r\nTo: c@d.dk\r\nSubject: t\r\n\r\nhej\r\n");
    const send = (token: string): Promise<Response> => fetch("/graph/v1.0/me/sendMail", { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" }, body: mime });
    const ok = await send(result.accessToken);
    const forged = await send(`${result.accessToken}x`);
    return {
      available: w.nestedAppAuthBridge !== undefined,
      accessToken: result.accessToken,
      username: result.account.username,
      tenantId: result.account.tenantId,
      log: w.__sikkerPostNaaLog,
      send: ok.status,
      sendWithForged: forged.status,
      forgedError: ((await forged.json()) as { error: { code: string } }).error.code,
    };
  }, PLAYGROUND_CLIENT_ID);
}

test("MSAL's nestable client gets a token through the fake host's bridge, and the fake Graph takes only that token", async () => {
  const { context, page } = await session.newPage();
  const run = await runMsal(commandsFrame(page));
  expect(run.available).toBe(true);
  expect(run.accessToken).toMatch(/^playground-token-[A-Za-z0-9_-]{20,}$/);
  expect(run.username).toBe(PLAYGROUND_USER.address);
  expect(run.tenantId).toMatch(/^[0-9a-f-]{36}$/);
  // MSAL asked the host first for its context, then for a token for this app and scope.
  expect(run.log[0]?.method).toBe("GetInitContext");
  const tokenRequest = run.log.find((l) => l.method === "GetToken" || l.method === "GetTokenPopup");
  expect(tokenRequest).toMatchObject({ clientId: PLAYGROUND_CLIENT_ID });
  expect(tokenRequest?.scope).toContain("Mail.Send");
  expect(run.send).toBe(202);
  expect(run.sendWithForged).toBe(401);
  expect(run.forgedError).toBe("InvalidAuthenticationToken");
  await context.close();
});
