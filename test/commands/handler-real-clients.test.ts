/**
 * What real Outlook clients do that a friendly fake would not, through the built bundle in the
 * bare runtime (sources in docs/deployment.md, "What each client does"). Each case once let a
 * CPR number out or blocked ordinary mail.
 */
import type { FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { attestedPolicy, loadBundle } from "../helpers/handler-bundle";

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const partner: FakeRecipient = { emailAddress: "kontakt@firma.dk", recipientType: "externalUser" };
const clean = { subject: "Mødetid", bodyHtml: "<p>Vi ses torsdag.</p>", to: [partner] };
const withCpr = { subject: "Sag", bodyHtml: `<p>CPR ${CPR}</p>`, to: [partner] };

describe("custom properties that fail (classic Outlook saves them only on close)", () => {
  it("do not block a clean external mail", async () => {
    const fake = loadBundle({ draft: clean });
    fake.fail("loadCustomPropertiesAsync");
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("leave a CPR mail blocked for the CPR number, as not secured, with the one-click fix", async () => {
    const fake = loadBundle({ draft: withCpr, policy: attestedPolicy() });
    fake.fail("loadCustomPropertiesAsync");
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options).toMatchObject({ allowEvent: false, commandId: "sikkerPostEnableSecureButton" });
    expect(String(options?.errorMessage)).toContain("CPR-nummer");
  });

  it("do not undo \"Send sikkert\": the live session copy carries it", async () => {
    const fake = loadBundle({ draft: withCpr, policy: attestedPolicy() });
    fake.fail("customProperties.saveAsync");
    await fake.fire("enableSecureSending");
    fake.fail("loadCustomPropertiesAsync");
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });
});

describe("Office.context.requirements undefined (classic Outlook, office-js #5091)", () => {
  it("still blocks a CPR mail, with the ribbon button named instead of the dialog's one-click fix", async () => {
    const fake = loadBundle({ draft: withCpr, requirementsMissing: true });
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(options?.commandId).toBeUndefined();
    expect(String(options?.errorMessage)).toContain("CPR-nummer");
  });

  it("still allows a secured mail, and keeps the secure state in the session data", async () => {
    const fake = loadBundle({ draft: withCpr, requirementsMissing: true, policy: attestedPolicy() });
    await fake.fire("enableSecureSending");
    expect(fake.draft.sessionData.sikkerPostState).toBeDefined();
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });
});

describe("Outlook's limits on notifications (5 per item, 150 characters)", () => {
  it("a status check on an item that already shows five notifications still completes once, and the send still decides", async () => {
    const others = Object.fromEntries(["a", "b", "c", "d", "e"].map((k) => [k, { type: "informationalMessage", message: k }]));
    const fake = loadBundle({ draft: { ...withCpr, notifications: others } });
    await fake.fire("onMessageRecipientsChangedHandler");
    expect(fake.completedCount("onMessageRecipientsChangedHandler")).toBe(1);
    expect(fake.draft.notifications.sikkerPostStatus).toBeUndefined();
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
  });
});

describe("Mailbox below 1.11 (no session data: Outlook on Mac before 1.11)", () => {
  it("decides from the saved copy alone", async () => {
    const fake = loadBundle({ draft: withCpr, mailboxVersion: "1.10", platform: "Mac" });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
    expect(fake.calls).not.toContain("sessionData.getAsync");
  });
});
