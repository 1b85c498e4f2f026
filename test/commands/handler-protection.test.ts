/**
 * "Sikret" must be true, through the built bundle: the marker contract that no client can lose,
 * the gateway attestation, and sensitivity labels read back from Outlook (Mailbox 1.13).
 */
import type { FakeLabel, FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { attestedPolicy, loadBundle } from "../helpers/handler-bundle";

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const citizen: FakeRecipient = { emailAddress: "borger@gmail.com", recipientType: "externalUser" };
const colleague: FakeRecipient = { emailAddress: "kollega@kommune.example.dk", recipientType: "user" };
const withCpr = (to: FakeRecipient[]) => ({ subject: "Sag om borger", bodyHtml: `<p>CPR ${CPR}</p>`, to });
const DAY = 86_400_000;

describe("the marker contract: set, never removed", () => {
  it("a draft first sent internally (the send stopped by another add-in), then secured and sent out, carries Encrypt: yes in Outlook on the web", async () => {
    const fake = loadBundle({ draft: withCpr([colleague]), platform: "OfficeOnline", policy: attestedPolicy() });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders["X-Sikker-Post-Encrypt"]).toBe("no");
    // The mail stayed a draft: now the caseworker adds a citizen and secures it.
    fake.draft.to = [colleague, citizen];
    await fake.fire("enableSecureSending");
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders["X-Sikker-Post-Encrypt"]).toBe("yes");
    expect(fake.calls).not.toContain("internetHeaders.removeAsync");
  });

  it("the fake does what Outlook on the web does: a removed header cannot be set again (office-js #6389)", async () => {
    const fake = loadBundle({ draft: withCpr([colleague]), platform: "OfficeOnline" });
    const item = (fake.office as { context: { mailbox: { item: { internetHeaders: { removeAsync: (n: string[], cb: () => void) => void; setAsync: (h: Record<string, string>, cb: () => void) => void } } } } }).context.mailbox.item;
    await new Promise<void>((r) => {
      item.internetHeaders.removeAsync(["X-Sikker-Post-Encrypt"], r);
    });
    await new Promise<void>((r) => {
      item.internetHeaders.setAsync({ "X-Sikker-Post-Encrypt": "yes" }, r);
    });
    expect(fake.draft.internetHeaders["X-Sikker-Post-Encrypt"]).toBeUndefined();
  });

  it("uses the policy's own header names and values", async () => {
    const policy = attestedPolicy({ send: { markers: { headers: { encrypt: "X-Kommune-Krypter", sign: "X-Kommune-Signer", mailbox: "X-Kommune-Boks", yes: "JA", no: "NEJ" } } } });
    const fake = loadBundle({ draft: withCpr([citizen]), policy });
    await fake.fire("enableSecureSending");
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders).toEqual({ "X-Kommune-Krypter": "JA", "X-Kommune-Signer": "JA", "X-Kommune-Boks": "none" });
  });
});

describe("the gateway attestation", () => {
  it("missing (the built-in policy): Send sikkert marks the mail, and a CPR number still does not leave", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]) });
    const first = (await fake.fire("onMessageSendHandler"))?.options;
    // Securing cannot help: the dialog opens the pane instead of offering "Send sikkert".
    expect(first).toMatchObject({ allowEvent: false, commandId: "sikkerPostOpenPaneButton" });
    await fake.fire("enableSecureSending");
    expect(fake.draft.notifications.sikkerPostStatus?.message).toBe("Sikker Post: ikke sikret – markeret – gatewayen er ikke kontrolleret af IT.");
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toMatch(/gatewayen er ikke kontrolleret af IT/i);
    expect(String(options?.errorMessage)).toContain("Kontakt IT-supporten");
    expect(String(options?.errorMessage)).not.toContain("Vælg \"Send sikkert\"");
  });

  it("expired: blocked, and the message says when the gateway was last verified", async () => {
    const old = new Date(Date.now() - 40 * DAY);
    const fake = loadBundle({ draft: withCpr([citizen]), policy: { version: 1, send: { gateway: { verifiedAt: old.toISOString(), maxAgeDays: 31 } } } });
    await fake.fire("enableSecureSending");
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    const date = `${String(old.getUTCDate()).padStart(2, "0")}.${String(old.getUTCMonth() + 1).padStart(2, "0")}.${old.getUTCFullYear()}`;
    expect(String(options?.errorMessage)).toContain(`sidst kontrolleret ${date}`);
  });

  it("fresh: the mail goes, and the status line names the gateway and the date, not a signature", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]), policy: attestedPolicy() });
    await fake.fire("enableSecureSending");
    expect(fake.draft.notifications.sikkerPostStatus?.message).toMatch(/^Sikker Post: krypteres af organisationens gateway \(kontrolleret /);
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("malformed: every send is blocked with the setting named, never allowed", async () => {
    const fake = loadBundle({ draft: { subject: "Hej", bodyHtml: "<p>Hej</p>", to: [citizen] }, policy: { version: 1, send: { gateway: { verifiedAt: "sidste tirsdag", maxAgeDays: 31 } } } });
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain("politik");
  });

  it("a policy that accepts a marker alone lets it through, and says it is only marked", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]), policy: { version: 1, send: { protection: { minimumEvidence: "marker" } } } });
    await fake.fire("enableSecureSending");
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders["X-Sikker-Post-Encrypt"]).toBe("yes");
  });
});

const LABEL_ID = "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b";
const GENERAL_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e8f7a6b5c4d";
const catalog: FakeLabel[] = [
  { id: GENERAL_ID, name: "Generelt" },
  { id: "5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f", name: "Fortroligt", children: [{ id: LABEL_ID, name: "Fortroligt – krypteret" }] },
];
const labelPolicy = { version: 1, send: { protection: { method: "label" }, labels: { apply: LABEL_ID, encrypting: [{ id: LABEL_ID, name: "Fortroligt – krypteret" }] } } };

describe("sensitivity labels (Mailbox 1.13)", () => {
  it("Send sikkert sets the encrypting label, and the send reads it back and lets the mail go", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]), policy: labelPolicy, labels: { enabled: true, catalog } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toMatchObject({ allowEvent: false, commandId: "sikkerPostEnableSecureButton" });
    await fake.fire("enableSecureSending");
    expect(fake.draft.sensitivityLabel).toBe(LABEL_ID);
    expect(fake.draft.notifications.sikkerPostStatus?.message).toBe('Sikker Post: krypteres med følsomhedsmærkatet "Fortroligt – krypteret".');
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.calls).toContain("sensitivityLabel.getAsync");
    // No gateway markers in this method: the label travels with the mail.
    expect(fake.draft.internetHeaders).toEqual({});
  });

  it("a label the caseworker set themselves counts, matched by GUID", async () => {
    const fake = loadBundle({ draft: { ...withCpr([citizen]), sensitivityLabel: LABEL_ID }, policy: labelPolicy, labels: { enabled: true, catalog } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("downgraded after Send sikkert: the send sets the label again and blocks once, so the mail goes knowingly", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]), policy: labelPolicy, labels: { enabled: true, catalog } });
    await fake.fire("enableSecureSending");
    fake.draft.sensitivityLabel = GENERAL_ID; // the caseworker picked "Generelt"
    await fake.fire("onSensitivityLabelChangedHandler");
    expect(fake.draft.notifications.sikkerPostStatus?.message).toBe("Sikker Post: ikke sikret – mailens følsomhedsmærkat krypterer ikke.");
    const once = (await fake.fire("onMessageSendHandler"))?.options;
    expect(once?.allowEvent).toBe(false);
    expect(String(once?.errorMessage)).toContain("Sikker Post har sat et følsomhedsmærkat");
    expect(String(once?.errorMessage)).toContain("Send igen");
    expect(fake.draft.sensitivityLabel).toBe(LABEL_ID);
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("labels turned off for the user: blocked, with the reason", async () => {
    const fake = loadBundle({ draft: { ...withCpr([citizen]), sensitivityLabel: LABEL_ID }, policy: labelPolicy, labels: { enabled: false, catalog } });
    await fake.fire("enableSecureSending");
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toMatch(/følsomhedsmærkater er slået fra for dig/i);
  });

  it("a label not published to this user does not count", async () => {
    const fake = loadBundle({ draft: { ...withCpr([citizen]), sensitivityLabel: LABEL_ID }, policy: labelPolicy, labels: { enabled: true, catalog: [{ id: GENERAL_ID, name: "Generelt" }] } });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
  });

  it("a client without Mailbox 1.13 fails closed, with a message", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]), mailboxVersion: "1.12", policy: labelPolicy, labels: { enabled: true, catalog } });
    await fake.fire("enableSecureSending");
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toMatch(/denne Outlook kan ikke bruge følsomhedsmærkater/i);
  });

  it("Outlook failing to answer about the label fails closed", async () => {
    const fake = loadBundle({ draft: { ...withCpr([citizen]), sensitivityLabel: LABEL_ID }, policy: labelPolicy, labels: { enabled: true, catalog } });
    await fake.fire("enableSecureSending");
    fake.fail("sensitivityLabel.getAsync");
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toMatch(/Outlook svarede ikke om følsomhedsmærkatet/i);
  });

  it("a clean mail goes without any label", async () => {
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: "<p>Vi ses.</p>", to: [citizen] }, policy: labelPolicy, labels: { enabled: true, catalog } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });
});

describe("smime method: the pane sends, Outlook's send never carries protected data", () => {
  const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQk8=\n-----END CERTIFICATE-----\n";
  const smimePolicy = { version: 1, send: { internalDomains: ["kommune.example.dk"], protection: { method: "smime" }, smime: { trustAnchors: [PEM], graph: { clientId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" } } } };

  it("blocks a CPR number to a citizen with SMIME_FROM_PANE's message and the button that opens the pane", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]), policy: smimePolicy });
    const options = (await fake.fire("onMessageSendHandler"))?.options as Record<string, unknown>;
    expect(options.allowEvent).toBe(false);
    expect(options.errorMessage).toContain("Send krypteret");
    expect(options.commandId).toBe("sikkerPostOpenPaneButton");
    expect(options.cancelLabel).toBe("Åbn Sikker Post");
    // No gateway marker: nothing a gateway would act on.
    expect(fake.draft.internetHeaders["X-Sikker-Post-Encrypt"]).toBeUndefined();
  });

  it("the ribbon's Send sikkert changes nothing and points to the pane; the send still blocks", async () => {
    const fake = loadBundle({ draft: withCpr([citizen]), policy: smimePolicy });
    await fake.fire("enableSecureSending");
    expect(Object.values(fake.draft.notifications).map((n) => n.message)).toEqual(["Sikker Post: krypteret afsendelse sker med \"Send krypteret\" i Sikker Post-panelet."]);
    expect(fake.draft.sessionData).not.toHaveProperty("sikkerPostState");
    const options = (await fake.fire("onMessageSendHandler"))?.options as Record<string, unknown>;
    expect(options.allowEvent).toBe(false);
    expect(options.commandId).toBe("sikkerPostOpenPaneButton");
  });

  it("blocks Outlook's own Send of a draft the pane already sent encrypted, even one without findings", async () => {
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: "<p>Vi ses.</p>", to: [citizen] }, policy: smimePolicy });
    fake.draft.sessionData.sikkerPostSent = JSON.stringify({ at: "2026-12-07T12:00:00.000Z", recipients: 2, signed: true });
    const options = (await fake.fire("onMessageSendHandler"))?.options as Record<string, unknown>;
    expect(options.allowEvent).toBe(false);
    expect(options.errorMessage).toContain("allerede sendt krypteret");
  });

  it("lets a mail without findings go as usual, and writes the pane's status line", async () => {
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: "<p>Vi ses.</p>", to: [citizen] }, policy: smimePolicy });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    const withFinding = loadBundle({ draft: withCpr([citizen]), policy: smimePolicy });
    await withFinding.fire("onMessageRecipientsChangedHandler");
    expect(Object.values(withFinding.draft.notifications).map((n) => n.message)).toEqual([expect.stringContaining("sendes krypteret fra panelet")]);
  });
});
