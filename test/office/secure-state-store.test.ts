/** The secure state lives with the draft: it survives the pane closing, idling, item switches and reopening. */
import { FakeOffice, emptyDraft } from "../../src/fake-office/fake-office";
import { SUMMARIES_KEY, MAX_SUMMARIES_CHARS } from "../../src/draft/saved-summaries";
import { DraftStateStore, sessionValue, setSessionValue } from "../../src/office/secure-state-store";

function install(fake: FakeOffice): void {
  (globalThis as { Office?: unknown }).Office = fake.office;
}

afterEach(() => {
  jest.useRealTimers();
  delete (globalThis as { Office?: unknown }).Office;
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

const SECURE = { sign: true, encrypt: true, mailbox: "sikker@kommune.example.dk" };

describe("DraftStateStore", () => {
  it("starts insecure: nothing is on until the user turns it on", async () => {
    install(new FakeOffice());
    expect(await new DraftStateStore().load()).toEqual({ sign: false, encrypt: false });
  });

  it("is shared live through sessionData and kept in customProperties", async () => {
    const fake = new FakeOffice();
    install(fake);
    await new DraftStateStore().save(SECURE);
    expect(JSON.parse(fake.draft.sessionData.sikkerPostState ?? "{}")).toMatchObject(SECURE);
    expect(JSON.parse(String(fake.draft.customProperties.sikkerPostState))).toMatchObject(SECURE);
  });

  it("survives closing and reopening the pane (a new store) and 30 minutes of idling", async () => {
    jest.useFakeTimers({ now: new Date("2026-11-23T10:00:00Z"), doNotFake: ["setTimeout", "clearTimeout"] });
    const fake = new FakeOffice();
    install(fake);
    await new DraftStateStore().save(SECURE);
    jest.setSystemTime(new Date("2026-11-23T10:31:00Z"));
    expect(await new DraftStateStore().load()).toEqual(SECURE);
  });

  it("follows the item when a pinned pane switches drafts and comes back", async () => {
    const fake = new FakeOffice();
    install(fake);
    await new DraftStateStore().save(SECURE);
    const first = fake.draft;
    fake.draft = emptyDraft(); // ItemChanged: another draft
    expect(await new DraftStateStore().load()).toEqual({ sign: false, encrypt: false });
    fake.draft = first;
    expect(await new DraftStateStore().load()).toEqual(SECURE);
  });

  it("comes back when a saved draft is reopened (sessionData is gone, customProperties remain)", async () => {
    const fake = new FakeOffice();
    install(fake);
    await new DraftStateStore().save(SECURE);
    const reopened = new FakeOffice({ draft: { customProperties: { ...fake.draft.customProperties } } });
    install(reopened);
    expect(await new DraftStateStore().load()).toEqual(SECURE);
  });

  it("prefers the newest copy when sessionData and customProperties disagree", async () => {
    let t = 1000;
    const fake = new FakeOffice();
    install(fake);
    const store = new DraftStateStore(() => t);
    await store.save(SECURE);
    t = 2000;
    fake.draft.sessionData.sikkerPostState = JSON.stringify({ sign: false, encrypt: false, at: t });
    expect(await store.load()).toEqual({ sign: false, encrypt: false });
  });

  it("uses localStorage where sessionData is missing (Outlook on Mac), behind the same interface", async () => {
    const fake = new FakeOffice({ mailboxVersion: "1.10", platform: "Mac" });
    install(fake);
    const data = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => data.set(k, v) };
    await new DraftStateStore().save(SECURE);
    expect(fake.draft.sessionData).toEqual({});
    expect([...data.keys()][0]).toMatch(/^sikkerPostState:/);
    fake.draft.customProperties.sikkerPostState = undefined; // only localStorage can answer now
    expect(await new DraftStateStore().load()).toEqual(SECURE);
  });

  it("fits beside the largest carried attachment results within Outlook's 50,000 characters before Mailbox 1.16 (the fake enforces the limit)", async () => {
    const fake = new FakeOffice({ mailboxVersion: "1.15" });
    install(fake);
    await setSessionValue(SUMMARIES_KEY, "x".repeat(MAX_SUMMARIES_CHARS));
    await new DraftStateStore().save(SECURE);
    await setSessionValue("sikkerPostConfirm", "0123abcd");
    expect(await sessionValue(SUMMARIES_KEY)).toHaveLength(MAX_SUMMARIES_CHARS);
    await expect(setSessionValue("big", "x".repeat(50_000 - MAX_SUMMARIES_CHARS))).rejects.toThrow(/50000/);
    fake.mailboxVersion = "1.16";
    await expect(setSessionValue("big", "x".repeat(50_000 - MAX_SUMMARIES_CHARS))).resolves.toBeUndefined();
  });
});

describe("DraftStateStore where Outlook's storage fails (fail to 'not secured', never to 'blocked for good')", () => {
  it("loads the live state when custom properties cannot be loaded (classic Outlook saves them only on close)", async () => {
    const fake = new FakeOffice();
    install(fake);
    await new DraftStateStore().save(SECURE);
    fake.fail("loadCustomPropertiesAsync");
    expect(await new DraftStateStore().load()).toEqual(SECURE);
  });

  it("reads 'not secured' when neither copy can be had, instead of throwing", async () => {
    const fake = new FakeOffice();
    install(fake);
    fake.fail("loadCustomPropertiesAsync");
    fake.fail("sessionData.getAsync");
    expect(await new DraftStateStore().load()).toEqual({ sign: false, encrypt: false });
  });

  it("saves the live copy when the saved copy is over Outlook's 2,500 characters", async () => {
    const fake = new FakeOffice({ draft: { customProperties: { other: "x".repeat(2490) } } });
    install(fake);
    await new DraftStateStore().save(SECURE);
    expect(await new DraftStateStore().load()).toEqual(SECURE);
    expect(JSON.parse(fake.draft.sessionData.sikkerPostState ?? "{}")).toMatchObject(SECURE);
  });

  it("fails to save where no copy at all could be written (Mac without session data or local storage)", async () => {
    const fake = new FakeOffice({ mailboxVersion: "1.10", platform: "Mac" });
    install(fake);
    fake.fail("customProperties.saveAsync");
    await expect(new DraftStateStore().save(SECURE)).rejects.toThrow(/customProperties.saveAsync/);
  });

  it("uses session data on a Mac that reports Mailbox 1.11, and local storage on one that does not", async () => {
    const mac = new FakeOffice({ mailboxVersion: "1.14", platform: "Mac" });
    install(mac);
    await new DraftStateStore().save(SECURE);
    expect(mac.draft.sessionData.sikkerPostState).toBeDefined();
    const old = new FakeOffice({ mailboxVersion: "1.10", platform: "Mac" });
    install(old);
    const items = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v) };
    await new DraftStateStore().save(SECURE);
    expect(old.draft.sessionData).toEqual({});
    expect(items.size).toBe(1);
    expect(await new DraftStateStore().load()).toEqual(SECURE);
  });

  it("still finds session data when Office.context.requirements is undefined (office-js #5091)", async () => {
    const fake = new FakeOffice({ requirementsMissing: true });
    install(fake);
    await new DraftStateStore().save(SECURE);
    expect(JSON.parse(fake.draft.sessionData.sikkerPostState ?? "{}")).toMatchObject(SECURE);
    await setSessionValue("k", "v");
    expect(await sessionValue("k")).toBe("v");
  });
});
