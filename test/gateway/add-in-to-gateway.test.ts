/**
 * The marker contract end to end: the built handler bundle decides and marks a mail in the fake
 * Outlook (as in the playground), the mail as sent goes through the gateway rules
 * (admin/gateway/rules.json) in the simulator, and what the add-in called secured leaves
 * encrypted by openssl and decrypts again.
 */
import { sentMail } from "../../src/playground/page/compose-model";
import type { FakeDraft, FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { entityText, loadRulesFile, runGateway, selectRules, TestSmime, type SimMail } from "../helpers/gateway-simulator";
import { attestedPolicy, loadBundle } from "../helpers/handler-bundle";

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const citizen: FakeRecipient = { emailAddress: "borger@gmail.com", recipientType: "externalUser" };
const colleague: FakeRecipient = { emailAddress: "kollega@kommune.example.dk", recipientType: "user" };
const rules = selectRules(loadRulesFile(), { method: "headers", path: "ome" });

function asSent(draft: FakeDraft, body: string): SimMail {
  const sent = sentMail(draft);
  return { from: "sagsbehandler@kommune.example.dk", subject: sent.subject, to: [...sent.to], cc: [...sent.cc], bcc: [...sent.bcc], headers: { ...sent.headers }, body };
}

describe("add-in markers through the gateway rules", () => {
  let smime: TestSmime;
  beforeAll(() => {
    smime = new TestSmime();
  });
  afterAll(() => {
    smime.dispose();
  });

  it("a mail the add-in let out as secured leaves encrypted, decrypts to the same text, and without the markers", async () => {
    const body = `Kære borger. Dit CPR-nr. er ${CPR}. Venlig hilsen`;
    const fake = loadBundle({ draft: { subject: "Din sag", bodyHtml: `<p>${body}</p>`, to: [citizen] }, policy: attestedPolicy() });
    await fake.fire("enableSecureSending");
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    const out = runGateway(asSent(fake.draft, body), rules, { orgDomains: ["kommune.example.dk"], encrypt: (e) => smime.encrypt(e) });
    expect(out).toMatchObject({ outcome: "delivered", encrypted: true });
    expect(out.mime).not.toContain(CPR);
    expect(Object.keys(out.headers).filter((h) => h.toLowerCase().startsWith("x-sikker-post"))).toEqual([]);
    expect(entityText(smime.decrypt(out.mime))).toBe(body);
  });

  it("a clean mail the add-in let out unsecured (Encrypt: no) leaves as it is", async () => {
    const body = "Mødet er flyttet til torsdag.";
    const fake = loadBundle({ draft: { subject: "Mødetid", bodyHtml: `<p>${body}</p>`, to: [citizen] }, policy: attestedPolicy() });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    const out = runGateway(asSent(fake.draft, body), rules, { orgDomains: ["kommune.example.dk"], encrypt: (e) => smime.encrypt(e) });
    expect(out).toMatchObject({ outcome: "delivered", encrypted: false });
  });

  it("a CPR mail sent internally first (Encrypt: no), then secured and sent out in Outlook on the web, is still encrypted", async () => {
    const body = `CPR ${CPR}`;
    const fake = loadBundle({ draft: { subject: "Sag", bodyHtml: `<p>${body}</p>`, to: [colleague] }, platform: "OfficeOnline", policy: attestedPolicy() });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    fake.draft.to = [colleague, citizen];
    await fake.fire("enableSecureSending");
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    const out = runGateway(asSent(fake.draft, body), rules, { orgDomains: ["kommune.example.dk"], encrypt: (e) => smime.encrypt(e) });
    expect(out).toMatchObject({ outcome: "delivered", encrypted: true });
    expect(entityText(smime.decrypt(out.mime))).toBe(body);
  });
});
