/**
 * The fake Outlook host's side of nested app authentication (NAA). In Outlook, Office.js gives
 * the add-in `window.nestedAppAuthBridge`, and MSAL's `createNestablePublicClientApplication`
 * asks the host for tokens through it. The playground has no Microsoft account, so this bridge
 * answers MSAL's requests itself, in MSAL's own protocol (@azure/msal-browser src/naa:
 * BridgeRequestEnvelope "GetInitContext" | "GetToken" | "GetTokenPopup", answered with a
 * BridgeResponseEnvelope carrying initContext, or token and account). The access token comes from
 * the playground server (/playground/naa-token), which is the only issuer its fake Graph accepts.
 * The add-in's MSAL code runs unchanged.
 */
import { FAKE_TENANT_ID, FAKE_USER_OBJECT_ID } from "../../fake-office/fake-account";

export interface AuthBridge {
  addEventListener(eventName: string, callback: (response: string) => void): void;
  removeEventListener(eventName: string, callback: (response: string) => void): void;
  postMessage(message: string): void;
}

export interface NaaAccount {
  readonly username: string;
  readonly name: string;
}

/** The playground's tenant and the caseworker's object id: the fake Office's (Office.auth.getAuthContext gives the same). */
export const PLAYGROUND_TENANT_ID = FAKE_TENANT_ID;
export const PLAYGROUND_OID = FAKE_USER_OBJECT_ID;
const ENVIRONMENT = "login.microsoftonline.com";

/** What each request asked for, for the tests: the method and, for tokens, the client id and scopes. */
export interface BridgeLogEntry {
  readonly method: string;
  readonly clientId?: string;
  readonly scope?: string;
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** An unsigned ID token with the claims MSAL reads (it decodes, never verifies, what the host hands it). */
export function fakeIdToken(clientId: string, account: NaaAccount, nowSeconds: number): string {
  const claims = {
    aud: clientId,
    iss: `https://${ENVIRONMENT}/${PLAYGROUND_TENANT_ID}/v2.0`,
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + 3600,
    name: account.name,
    oid: PLAYGROUND_OID,
    preferred_username: account.username,
    sub: PLAYGROUND_OID,
    tid: PLAYGROUND_TENANT_ID,
    ver: "2.0",
  };
  return `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}.${base64url("legeplads")}`;
}

interface Request {
  readonly messageType?: unknown;
  readonly method?: unknown;
  readonly requestId?: unknown;
  readonly tokenParams?: { readonly clientId?: unknown; readonly scope?: unknown };
}

/**
 * A bridge that answers asynchronously, as the real host does. `fetchToken` gets an access token
 * from the playground server; a failure is answered as the host would: TRANSIENT_ERROR.
 */
export function createNaaBridge(fetchToken: () => Promise<{ accessToken: string; expiresIn: number }>, account: NaaAccount, log: BridgeLogEntry[] = []): AuthBridge {
  const listeners = new Set<(response: string) => void>();
  const reply = (response: object): void => {
    const text = JSON.stringify({ messageType: "NestedAppAuthResponse", ...response });
    for (const l of [...listeners]) l(text);
  };
  async function answer(request: Request): Promise<void> {
    const requestId = typeof request.requestId === "string" ? request.requestId : "";
    const method = typeof request.method === "string" ? request.method : "";
    const clientId = typeof request.tokenParams?.clientId === "string" ? request.tokenParams.clientId : "";
    const scope = typeof request.tokenParams?.scope === "string" ? request.tokenParams.scope : "";
    log.push({ method, ...(method !== "GetInitContext" ? { clientId, scope } : {}) });
    if (method === "GetInitContext") {
      reply({ requestId, success: true, initContext: { sdkName: "Sikker Post legeplads", sdkVersion: "1.0.0", capabilities: { queryAccount: false } } });
      return;
    }
    if (method !== "GetToken" && method !== "GetTokenPopup") {
      reply({ requestId, success: false, error: { status: "PERSISTENT_ERROR", code: "unsupported_method", description: `The playground host does not support ${method}.` } });
      return;
    }
    try {
      const { accessToken, expiresIn } = await fetchToken();
      const idToken = fakeIdToken(clientId, account, Math.floor(Date.now() / 1000));
      reply({
        requestId,
        success: true,
        token: { access_token: accessToken, expires_in: expiresIn, id_token: idToken, properties: null, scope },
        account: { homeAccountId: `${PLAYGROUND_OID}.${PLAYGROUND_TENANT_ID}`, environment: ENVIRONMENT, tenantId: PLAYGROUND_TENANT_ID, username: account.username, localAccountId: PLAYGROUND_OID, name: account.name },
      });
    } catch (e) {
      reply({ requestId, success: false, error: { status: "TRANSIENT_ERROR", code: "no_token", description: e instanceof Error ? e.message : String(e) } });
    }
  }
  return {
    addEventListener(eventName, callback) {
      if (eventName === "message") listeners.add(callback);
    },
    removeEventListener(eventName, callback) {
      if (eventName === "message") listeners.delete(callback);
    },
    postMessage(message) {
      let request: Request;
      try {
        request = JSON.parse(message) as Request;
      } catch {
        return;
      }
      if (request.messageType !== "NestedAppAuthRequest") return;
      // The host answers later, never inside postMessage.
      setTimeout(() => {
        void answer(request);
      }, 0);
    },
  };
}

/** Asks the playground server for a token its fake Graph will accept. */
export async function fetchPlaygroundToken(url = "/playground/naa-token"): Promise<{ accessToken: string; expiresIn: number }> {
  const res = await fetch(url, { method: "POST" });
  if (!res.ok) throw new Error(`the playground server gave no token (HTTP ${String(res.status)})`);
  const v = (await res.json()) as { accessToken?: unknown; expiresIn?: unknown };
  if (typeof v.accessToken !== "string") throw new Error("the playground server's answer has no token");
  return { accessToken: v.accessToken, expiresIn: typeof v.expiresIn === "number" ? v.expiresIn : 3600 };
}
