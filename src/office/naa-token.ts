/**
 * A Graph token with Mail.Send through nested app authentication (NAA): MSAL's
 * createNestablePublicClientApplication asks the host (Outlook) for the token through
 * window.nestedAppAuthBridge; the pane makes no network call to sign in
 * (learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in).
 *
 * Requirement set NestedAppAuth 1.1 is checked at run time (the manifest's minimum is not raised).
 * The token must be for the account Outlook is signed in with (Office.auth.getAuthContext):
 * Graph sends as the token's user, so a token for another account is refused.
 * Without it there is no fallback: MSAL's standard client would open browser pop-ups or the
 * Office dialog, which this add-in cannot test, so the answer is a clear message instead.
 */
import { createNestablePublicClientApplication, type AccountInfo, type AuthenticationResult, type IPublicClientApplication } from "@azure/msal-browser";
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
    const outlook = await outlookAccount();
    const app = await this.client();
    // The account Outlook is signed in with, not whichever MSAL happens to know first.
    const accounts = app.getAllAccounts();
    const account = accounts.find((a) => sameAccount(a, outlook)) ?? app.getActiveAccount() ?? accounts[0];
    const hint = outlook.loginHint !== "" ? { loginHint: outlook.loginHint } : {};
    let result: AuthenticationResult;
    try {
      result = await app.acquireTokenSilent({ scopes: MAIL_SEND_SCOPES, ...(account !== undefined ? { account } : hint) });
    } catch {
      // Consent or sign-in needed: in NAA the host shows it (no browser pop-up of ours).
      try {
        result = await app.acquireTokenPopup({ scopes: MAIL_SEND_SCOPES, ...hint });
      } catch (e) {
        throw new TokenError("failed", e instanceof Error ? e.message : String(e));
      }
    }
    // Graph sends as the token's account (/me): a token for anyone but the account Outlook is
    // signed in with would send the draft from another mailbox.
    // (An answer without an account throws here, a TypeError the pane reports as a failed sign-in.)
    if (!sameAccount(result.account, outlook)) throw new TokenError("otherAccount", result.account.username);
    return result.accessToken;
  }
}

/** The account Outlook is signed in with (Office.auth.getAuthContext, NestedAppAuth 1.1). */
async function outlookAccount(): Promise<Office.AuthContext> {
  if (typeof Office === "undefined") throw new TokenError("unsupported", "Office.js is not loaded");
  const auth = (Office as { auth?: Partial<Office.Auth> }).auth;
  if (auth?.getAuthContext === undefined) throw new TokenError("unsupported", "Office.auth.getAuthContext is missing");
  try {
    return await auth.getAuthContext();
  } catch (e) {
    throw new TokenError("failed", `Outlook did not say which account it is signed in with: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The same Entra account: by object id where both give one (a UPN can differ from the mail
 * address, and from itself in case), else by user name, ignoring case.
 */
export function sameAccount(account: Pick<AccountInfo, "localAccountId" | "username">, outlook: Pick<Office.AuthContext, "userObjectId" | "userPrincipalName">): boolean {
  if (account.localAccountId !== "" && outlook.userObjectId !== "") return account.localAccountId.toLowerCase() === outlook.userObjectId.toLowerCase();
  return account.username !== "" && account.username.toLowerCase() === outlook.userPrincipalName.toLowerCase();
}
