/** The NAA token source never falls back to MSAL's pop-up client: no requirement set, or no bridge, is "unsupported". */
import { FakeOffice } from "../../src/fake-office/fake-office";
import { NaaTokenSource, sameAccount } from "../../src/office/naa-token";
import { TokenError } from "../../src/taskpane/smime-send";

const CLIENT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

async function kindOf(p: Promise<string>): Promise<string> {
  try {
    await p;
    return "token";
  } catch (e) {
    return e instanceof TokenError ? e.kind : "other";
  }
}

describe("NaaTokenSource", () => {
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  it("without NestedAppAuth 1.1: unsupported, before MSAL is even made", async () => {
    (globalThis as { Office?: unknown }).Office = new FakeOffice({ nestedAppAuth: false }).office;
    expect(await kindOf(new NaaTokenSource(CLIENT).mailSendToken())).toBe("unsupported");
  });

  it("reads the requirement set from Office.context.requirements", () => {
    const fake = new FakeOffice({ nestedAppAuth: true });
    const requirements = (fake.office as { context: { requirements: { isSetSupported(n: string, v: string): boolean } } }).context.requirements;
    expect(requirements.isSetSupported("NestedAppAuth", "1.1")).toBe(true);
    expect(requirements.isSetSupported("NestedAppAuth", "1.2")).toBe(false);
  });

  it("the set is reported but the host offers no bridge: unsupported, not MSAL's standard client", async () => {
    expect(await kindOf(new NaaTokenSource(CLIENT, () => true).mailSendToken())).toBe("unsupported");
  });

  it("without an Office global at all: unsupported, not a crash", async () => {
    expect(await kindOf(new NaaTokenSource(CLIENT, () => true).mailSendToken())).toBe("unsupported");
  });

  it("NestedAppAuth 1.1 and Outlook's account, but no bridge: unsupported (MSAL's standard client is never made)", async () => {
    (globalThis as { Office?: unknown }).Office = new FakeOffice({ nestedAppAuth: true }).office;
    expect(await kindOf(new NaaTokenSource(CLIENT).mailSendToken())).toBe("unsupported");
  });
});

describe("the token's account against the one Outlook is signed in with", () => {
  const outlook = { userObjectId: "3F1C9E5D-2B7A-4C8E-A6D0-1E9F8B7C6D5A", userPrincipalName: "Sagsbehandler@Kommune.example.dk" };

  it("is the same account by object id, whatever the case, even when the user names differ (UPN is not the mail address)", () => {
    expect(sameAccount({ localAccountId: "3f1c9e5d-2b7a-4c8e-a6d0-1e9f8b7c6d5a", username: "s123@kommune.onmicrosoft.com" }, outlook)).toBe(true);
  });

  it("is another account when the object ids differ, even under the same user name", () => {
    expect(sameAccount({ localAccountId: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", username: "sagsbehandler@kommune.example.dk" }, outlook)).toBe(false);
  });

  it("falls back to the user name, ignoring case, only where an object id is missing", () => {
    expect(sameAccount({ localAccountId: "", username: "sagsbehandler@kommune.example.dk" }, outlook)).toBe(true);
    expect(sameAccount({ localAccountId: "", username: "kollega@kommune.example.dk" }, outlook)).toBe(false);
    expect(sameAccount({ localAccountId: "x", username: "sagsbehandler@kommune.example.dk" }, { ...outlook, userObjectId: "" })).toBe(true);
    expect(sameAccount({ localAccountId: "", username: "" }, { userObjectId: "", userPrincipalName: "" })).toBe(false);
  });

  it("the fake Office answers getAuthContext later, with the user's account, and refuses without NestedAppAuth", async () => {
    const fake = new FakeOffice({ nestedAppAuth: true });
    const auth = (fake.office as { auth: { getAuthContext(): Promise<{ userPrincipalName: string; userObjectId: string }> } }).auth;
    const pending = auth.getAuthContext();
    fake.authContext.userPrincipalName = "changed-before-the-answer@kommune.example.dk";
    expect(await pending).toMatchObject({ userPrincipalName: "changed-before-the-answer@kommune.example.dk", userObjectId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown });
    fake.nestedAppAuth = false;
    await expect(auth.getAuthContext()).rejects.toThrow(/NestedAppAuth/);
  });
});
