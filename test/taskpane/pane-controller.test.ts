/**
 * The pane's controller without a browser: Outlook is the fake mailbox behind the pane's real
 * adapters (src/office/pane-host.ts), the view records what it is asked to show.
 */
import { parsePolicy, type Policy } from "../../src/core/policy/policy";
import type { SecureState } from "../../src/core/policy/decide-send";
import { FakeOffice, type FakeRecipient } from "../../src/fake-office/fake-office";
import { outlookPaneHost, type PaneHost } from "../../src/office/pane-host";
import { PaneController, type PaneDisplay } from "../../src/taskpane/pane-controller";
import type { PaneModel } from "../../src/taskpane/pane-model";
import { dashed, makeCpr } from "../helpers/cpr-gen";

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const citizen: FakeRecipient = { emailAddress: "borger@gmail.com", recipientType: "externalUser" };
const partner: FakeRecipient = { emailAddress: "kontakt@firma.dk", recipientType: "externalUser" };

class RecordingView implements PaneDisplay {
  statuses: { kind: string; text: string }[] = [];
  states: SecureState[] = [];
  models: PaneModel[] = [];
  guidance = "";
  mailboxes = 0;
  showStatus(kind: string, text: string): void {
    this.statuses.push({ kind, text });
  }
  showState(state: SecureState): void {
    this.states.push(state);
  }
  showModel(model: PaneModel): void {
    this.models.push(model);
    this.statuses.push(model.status);
  }
  setMailboxes(boxes: readonly unknown[]): void {
    this.mailboxes = boxes.length;
  }
  setGuidance(_policy: unknown, _lang: unknown, method: string): void {
    this.guidance = method;
  }
  get lastStatus(): { kind: string; text: string } | undefined {
    return this.statuses[this.statuses.length - 1];
  }
}

function attested(): Policy {
  return parsePolicy({ version: 1, send: { internalDomains: ["kommune.example.dk"], gateway: { verifiedAt: new Date().toISOString(), maxAgeDays: 31 }, secureMailboxes: [{ address: "sikker@kommune.example.dk", name: "Sikker" }] } });
}

function setUp(fake: FakeOffice, policy: Policy = attested()): { controller: PaneController; view: RecordingView; host: PaneHost } {
  (globalThis as { Office?: unknown }).Office = fake.office;
  const host: PaneHost = { ...outlookPaneHost, loadPolicy: () => Promise.resolve(policy), pdfReader: () => null };
  return { controller: new PaneController(host), view: new RecordingView(), host };
}

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error("timed out waiting for the pane");
    await new Promise((r) => setTimeout(r, 10));
  }
}

let controller: PaneController | undefined;
afterEach(() => {
  controller?.stop();
  controller = undefined;
  delete (globalThis as { Office?: unknown }).Office;
});

describe("PaneController", () => {
  it("shows the policy's mailboxes and what its method does, then the draft's findings", async () => {
    const fake = new FakeOffice({ draft: { subject: "Sag", bodyHtml: `<p>CPR ${CPR}</p>`, to: [citizen] } });
    const { controller: c, view } = setUp(fake);
    controller = c;
    await c.start(view);
    expect(view.mailboxes).toBe(1);
    expect(view.guidance).toMatch(/kontrollerede senest \d\d\.\d\d\.\d{4}/);
    await until(() => view.models.length > 0);
    expect(view.lastStatus).toEqual({ kind: "blocked", text: "Blokeres: CPR-nummer til modtager uden for organisationen, ikke krypteret" });
    expect(view.models[0]?.findings[0]?.label).toBe(`CPR-nummer ${CPR.slice(0, 6)}-XXXX`);
    expect(view.models[0]?.external).toEqual(["borger@gmail.com"]);
  });

  it("writes the handlers' status line for a clean mail to an external address (not \"kun interne modtagere\")", async () => {
    const fake = new FakeOffice({ draft: { subject: "Mødetid", bodyHtml: "<p>Vi ses torsdag.</p>", to: [partner] } });
    const { controller: c, view } = setUp(fake);
    controller = c;
    await c.start(view);
    await until(() => fake.draft.notifications.sikkerPostStatus !== undefined);
    expect(fake.draft.notifications.sikkerPostStatus?.message).toBe("Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet.");
    expect(view.lastStatus?.kind).toBe("allowed");
  });

  it("turning on secure sending saves it with the draft and shows what protects the mail", async () => {
    const fake = new FakeOffice({ draft: { subject: "Sag", bodyHtml: `<p>CPR ${CPR}</p>`, to: [citizen] } });
    const { controller: c, view } = setUp(fake);
    controller = c;
    await c.start(view);
    await until(() => view.models.length > 0);
    await c.changeState({ sign: true, encrypt: true });
    expect(JSON.parse(fake.draft.sessionData.sikkerPostState ?? "{}")).toMatchObject({ sign: true, encrypt: true });
    await until(() => view.lastStatus?.kind === "secured");
    expect(view.lastStatus?.text).toMatch(/^Sikret: krypteres af organisationens gateway \(kontrolleret /);
    expect(view.models[view.models.length - 1]?.protection).toMatch(/^Beskyttelse: krypteres af organisationens gateway/);
  });

  it("with an unverified gateway, secure sending is shown as marked only, and the mail stays blocked", async () => {
    const fake = new FakeOffice({ draft: { subject: "Sag", bodyHtml: `<p>CPR ${CPR}</p>`, to: [citizen] } });
    const { controller: c, view } = setUp(fake, parsePolicy({ version: 1 }));
    controller = c;
    await c.start(view);
    await c.changeState({ sign: true, encrypt: true });
    await until(() => (view.models[view.models.length - 1]?.protection ?? "").includes("ikke kontrolleret"));
    expect(view.lastStatus?.kind).toBe("blocked");
    expect(view.guidance).toContain("IT har ikke bekræftet");
  });

  it("follows a pinned pane to another draft and back, with each draft's own state", async () => {
    const fake = new FakeOffice({ draft: { subject: "Sag", bodyHtml: `<p>CPR ${CPR}</p>`, to: [citizen] } });
    const { controller: c, view } = setUp(fake);
    controller = c;
    await c.start(view);
    await c.changeState({ sign: true, encrypt: true });
    await until(() => view.lastStatus?.kind === "secured");
    const first = fake.draft;
    fake.switchDraft({ subject: "Ny", bodyHtml: `<p>CPR ${CPR}</p>`, to: [citizen] });
    await until(() => view.states[view.states.length - 1]?.encrypt === false && view.lastStatus?.kind === "blocked");
    fake.switchDraft(first);
    await until(() => view.states[view.states.length - 1]?.encrypt === true && view.lastStatus?.kind === "secured");
  });

  it("says so when no item is open (a pinned pane between items)", async () => {
    const fake = new FakeOffice({ draft: { subject: "Sag", bodyHtml: "<p>Hej</p>", to: [partner] } });
    const { controller: c, view } = setUp(fake);
    controller = c;
    await c.start(view);
    fake.itemOpen = false;
    fake.emit("olkItemSelectedChanged");
    await until(() => view.lastStatus?.kind === "no-item");
    expect(view.lastStatus?.text).toBe("Åbn eller skriv en mail for at se dens status.");
  });

  it("re-checks when the recipients change, and shows a failure when Outlook does not answer", async () => {
    const fake = new FakeOffice({ draft: { subject: "Mødetid", bodyHtml: "<p>Vi ses.</p>", to: [{ emailAddress: "kollega@kommune.example.dk", recipientType: "user" }] } });
    const { controller: c, view } = setUp(fake);
    controller = c;
    await c.start(view);
    await until(() => fake.draft.notifications.sikkerPostStatus?.message === "Sikker Post: kun interne modtagere.");
    fake.draft.to = [partner];
    fake.emit("olkRecipientsChanged");
    await until(() => fake.draft.notifications.sikkerPostStatus?.message === "Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet.");
    fake.fail("body.getAsync");
    fake.emit("olkRecipientsChanged");
    await until(() => view.lastStatus?.kind === "failed");
  });

  it("lists a signature logo as a picture not read, apart from attachments that cannot be checked", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]).toString("base64");
    const fake = new FakeOffice({
      draft: {
        subject: "Mødetid",
        bodyHtml: '<p>Vi ses.</p><img src="cid:image001.png@01DA2B3C.4D5E6F70">',
        to: [partner],
        attachments: [{ id: "0", name: "image001.png", attachmentType: "file", size: 72, isInline: true, content: { format: "base64", content: png } }],
      },
    });
    const { controller: c, view } = setUp(fake);
    controller = c;
    await c.start(view);
    await until(() => view.models.length > 0);
    expect(view.models[0]?.picturesNotRead).toEqual(["image001.png"]);
    expect(view.models[0]?.unreadable).toEqual([]);
    expect(view.lastStatus?.kind).toBe("allowed");
  });

  it("shows a failed policy and stops", async () => {
    const fake = new FakeOffice();
    (globalThis as { Office?: unknown }).Office = fake.office;
    const c = new PaneController({ ...outlookPaneHost, loadPolicy: () => Promise.reject(new Error("HTTP 404")) });
    const view = new RecordingView();
    await expect(c.start(view)).rejects.toThrow("HTTP 404");
    expect(view.lastStatus).toEqual({ kind: "failed", text: "Kan ikke kontrolleres: organisationens politik for Sikker Post kunne ikke indlæses" });
  });
});
