/** The NAA token source never falls back to MSAL's pop-up client: no requirement set, or no bridge, is "unsupported". */
import { FakeOffice } from "../../src/fake-office/fake-office";
import { NaaTokenSource } from "../../src/office/naa-token";
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
});
