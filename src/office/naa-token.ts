/**
 * A Graph token with Mail.Send through nested app authentication (NAA): MSAL's
 * createNestablePublicClientApplication asks the host (Outlook) for the token through
 * window.nestedAppAuthBridge; the pane makes no network call to sign in
 * (learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in).
 *
 * Requirement set NestedAppAuth 1.1 is checked at run time (the manifest's minimum is not raised).
 * Without it there is no fallback: MSAL's standard client would open browser pop-ups or the
 * Office dialog, which this add-in cannot test, so the answer is a clear message instead.
 */
import { createNestablePublicClientApplication, type IPublicClientApplication } from "@azure/msal-browser";
import { TokenError, type TokenSource } from "../taskpane/smime-send";

export const MAIL_SEND_SCOPES = ["Mail.Send"];

function naaSupported(): boolean {
  // Office.context.requirements can be missing in classic Outlook (office-js#5091): then it is not known to be there.
  const requirements = (Office.context as { requirements?: Office.RequirementSetSupport }).requirements;
  return requirements?.isSetSupported("NestedAppAuth", "1.1") === true;
}

export class NaaTokenSource implements TokenSource {
  private app: Promise<IPublicClientApplication> | null = null;

  constructor(
    private readonly clientId: string,
    private readonly supported: () => boolean = naaSupported,
  ) {}

  private client(): Promise<IPublicClientApplication> {
    this.app ??= createNestablePublicClientApplication(
      { auth: { clientId: this.clientId, authority: "https://login.microsoftonline.com/common" } },
      undefined,
      undefined,
      // Called only when the host offers no NAA bridge: refuse rather than fall back to pop-ups.
      () => {
        throw new TokenError("unsupported", "no nested app authentication bridge");
      },
    ).catch((e: unknown) => {
      this.app = null;
      throw e instanceof TokenError ? e : new TokenError("failed", e instanceof Error ? e.message : String(e));
    });
    return this.app;
  }

  async mailSendToken(): Promise<string> {
    if (!this.supported()) throw new TokenError("unsupported", "NestedAppAuth 1.1 is not supported");
    const app = await this.client();
    const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
    try {
      const result = await app.acquireTokenSilent({ scopes: MAIL_SEND_SCOPES, ...(account !== undefined ? { account } : {}) });
      return result.accessToken;
    } catch {
      // Consent or sign-in needed: in NAA the host shows it (no browser pop-up of ours).
      try {
        const result = await app.acquireTokenPopup({ scopes: MAIL_SEND_SCOPES });
        return result.accessToken;
      } catch (e) {
        throw new TokenError("failed", e instanceof Error ? e.message : String(e));
      }
    }
  }
}
