/**
 * The pane's "Send krypteret" end to end without a browser: the fake mailbox behind the real
 * compose-item adapter, a memory key store, a fake token source and a fake Graph fetch. The
 * message Graph receives is decrypted and verified by `openssl cms`; every refusal sends nothing
 * and leaves the draft as it was; a Graph error keeps the draft.
 */
import { webcrypto } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { da } from "../../src/core/i18n/strings";
import { parsePolicy, type Policy } from "../../src/core/policy/policy";
import { parseCertDirectory, type CertDirectory } from "../../src/core/smime/cert-directory";
import { FakeOffice, type FakeAttachment, type FakeRecipient } from "../../src/fake-office/fake-office";
import { DraftChecker } from "../../src/draft/draft-checker";
import { OutlookComposeItem } from "../../src/office/compose-item";
import { MemorySmimeStore } from "../../src/office/smime-key-store";
import { NaaTokenSource } from "../../src/office/naa-token";
import { discardDraft, draftFrom, recordSent } from "../../src/office/smime-host";
import { SENT_KEY, SmimeSender, TokenError, type GraphFetch, type SendOutcome, type SmimeSendHost, type TokenSource } from "../../src/taskpane/smime-send";
import { SmimePane, type SmimeDisplay } from "../../src/taskpane/smime-pane";
import { importKeyFile } from "../../src/taskpane/smime-keys";
import { openssl, opensslStatus, P12_PASSWORD, read, useTestPki, type UserName } from "../smime/test-pki";
import { dashed, makeCpr } from "../helpers/cpr-gen";

jest.setTimeout(120000);

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const pki = useTestPki();
const pem = (file: string): string => readFileSync(file, "utf8");

const recipient = (name: UserName): FakeRecipient => ({ emailAddress: pki.users[name].email, displayName: pki.users[name].name, recipientType: "externalUser" });

function policyWith(smime: Record<string, unknown> = {}): Policy {
  return parsePolicy({
    version: 1,
    send: {
      internalDomains: ["kommune.example.dk"],
      protection: { method: "smime" },
      smime: { trustAnchors: [pem(pki.caCert)], directory: "/certificates/directory.json", graph: { clientId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", endpoint: "http://127.0.0.1:3000/graph/v1.0" }, ...smime },
    },
  });
}

function directoryOf(names: readonly UserName[]): CertDirectory {
  return parseCertDirectory({ version: 1, certificates: names.map((n) => ({ address: pki.users[n].email, pem: pem(pki.users[n].cert) })) });
}

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Rig {
  readonly fake: FakeOffice;
  readonly store: MemorySmimeStore;
  readonly sent: Sent[];
  readonly sender: SmimeSender;
  readonly host: SmimeSendHost;
}

interface RigOptions {
  readonly draft?: Partial<FakeOffice["draft"]>;
  readonly policy?: Policy;
  readonly directory?: readonly UserName[];
  readonly withKey?: boolean;
  readonly tokens?: TokenSource;
  readonly graph?: (req: Sent) => { status: number; body: string };
  readonly mailboxVersion?: string;
  readonly directoryError?: string;
}

async function rig(options: RigOptions = {}): Promise<Rig> {
  const fake = new FakeOffice({
    draft: { subject: "Sag 2026-117 – bevilling", bodyHtml: `<p>Kære Bob</p><p>Borgerens CPR ${CPR}. Ærø, Øster Åby – særlige forhold.</p>`, to: [recipient("bob")], ...options.draft },
    user: { emailAddress: pki.users.alice.email, displayName: "Alice Afsender" },
    ...(options.mailboxVersion !== undefined ? { mailboxVersion: options.mailboxVersion } : {}),
  });
  (globalThis as { Office?: unknown }).Office = fake.office;
  const policy = options.policy ?? policyWith();
  const store = new MemorySmimeStore();
  if (options.withKey !== false) await importKeyFile(read(pki.aliceP12), P12_PASSWORD, webcrypto as never, store);
  const sent: Sent[] = [];
  const fetch: GraphFetch = (url, init) => {
    const req = { url, headers: init.headers, body: init.body };
    sent.push(req);
    const answer = options.graph?.(req) ?? { status: 202, body: "" };
    return Promise.resolve({ status: answer.status, text: () => Promise.resolve(answer.body) });
  };
  const item = new OutlookComposeItem();
  const checker = new DraftChecker(policy, { pdfReader: null as never });
  const host: SmimeSendHost = {
    item,
    policy,
    strings: da,
    user: { address: pki.users.alice.email, name: "Alice Afsender" },
    crypto: webcrypto as never,
    store,
    tokens: options.tokens ?? { mailSendToken: () => Promise.resolve("playground-token-1") },
    fetch,
    loadDirectory: () => (options.directoryError !== undefined ? Promise.reject(new Error(options.directoryError)) : Promise.resolve(directoryOf(options.directory ?? ["bob", "carol", "dave", "expired", "stranger", "signonly"]))),
    decide: async (protection) => (await checker.check({ item, state: { sign: false, encrypt: false }, protection, decisionOnly: true })).decision,
    draftFrom,
    recordSent: (value) => recordSent(SENT_KEY, value),
    discardDraft,
    now: () => new Date(),
  };
  return { fake, store, sent, sender: new SmimeSender(host), host };
}

function refused(outcome: SendOutcome): string {
  if (outcome.ok) throw new Error("expected a refusal");
  return outcome.messages.join("\n");
}

/** The draft as it was: nothing sent, nothing recorded, nothing closed. */
function untouched(r: Rig): void {
  expect(r.sent).toHaveLength(0);
  expect(r.fake.discarded).toBe(false);
  expect(r.fake.draft.sessionData[SENT_KEY]).toBeUndefined();
  expect(r.fake.calls).not.toContain("closeAsync");
}

function decryptAs(name: UserName | "alice", body: string): Buffer {
  const file = join(pki.dir, `graph-${name}-${Date.now()}.eml`);
  writeFileSync(file, Buffer.from(body, "base64"));
  return openssl(["cms", "-decrypt", "-in", file, "-recip", pki.users[name].cert, "-inkey", pki.users[name].key]);
}

describe("Send krypteret: a successful send", () => {
  it("sends one sendMail request that the recipients decrypt and openssl verifies, records it and discards the draft once", async () => {
    const eml = "From: Gammel Afsender <gammel@example.dk>\r\nTo: alice@kommune.example.dk\r\nSubject: Tidligere sag\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nTidligere brev om Ærø.\r\n";
    const attachments: FakeAttachment[] = [
      { id: "a1", name: "bilag æ.txt", attachmentType: "file", size: 20, content: { format: "base64", content: Buffer.from("Bilag med æøå\r\n", "utf8").toString("base64") } },
      { id: "a2", name: "Tidligere sag", attachmentType: "item", size: eml.length, content: { format: "eml", content: eml } },
      // Not flagged isInline (as some clients report it), but named by the body's cid: still inline.
      { id: "a3", name: "logo.png", attachmentType: "file", size: 8, isInline: false, content: { format: "base64", content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]).toString("base64") } },
    ];
    const r = await rig({ draft: { cc: [recipient("carol")], bcc: [recipient("dave")], attachments, bodyHtml: `<p>Kære Bob, CPR ${CPR}. Særlige forhold på Ærø.</p><img src="cid:logo.png@01DA2B3C.4D5E6F70">` } });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: true, recipients: 3, closed: true });

    expect(r.sent).toHaveLength(1);
    const [req] = r.sent;
    expect(req?.url).toBe("http://127.0.0.1:3000/graph/v1.0/me/sendMail");
    expect(req?.headers).toEqual({ Authorization: "Bearer playground-token-1", "Content-Type": "text/plain" });
    const mime = Buffer.from(req?.body ?? "", "base64").toString("latin1");
    expect(mime).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=enveloped-data/);
    // The submission names the Bcc recipient for Exchange; nothing of the mail's text is in clear.
    expect(mime).toMatch(/^Bcc: /m);
    expect(mime).not.toContain("Ærø");

    for (const reader of ["bob", "carol", "dave", "alice"] as const) {
      const decrypted = decryptAs(reader, req?.body ?? "");
      const file = join(pki.dir, `dec-${reader}.eml`);
      writeFileSync(file, decrypted);
      const verified = opensslStatus(["cms", "-verify", "-in", file, "-CAfile", pki.caCert]);
      expect(verified.ok).toBe(true);
      const inner = verified.stdout.toString("latin1");
      expect(inner).toContain("Content-Type: message/rfc822");
      expect(inner).toContain("Subject: Tidligere sag");
      expect(inner).toMatch(/Content-Type: multipart\/related/);
      expect(inner).toContain("Content-ID: <logo.png@01DA2B3C.4D5E6F70>");
      expect(inner).toContain("filename*=utf-8''bilag%20%C3%A6.txt");
      const html = /Content-Type: text\/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(inner)?.[1] ?? "";
      expect(Buffer.from(html, "base64").toString("utf8")).toContain("Særlige forhold på Ærø.");
    }

    expect(JSON.parse(r.fake.draft.sessionData[SENT_KEY] ?? "{}")).toMatchObject({ recipients: 3, signed: true });
    expect(r.fake.calls.filter((c) => c === "closeAsync")).toHaveLength(1);
    expect(r.fake.discarded).toBe(true);
  });

  it("encrypt-only needs no key: the sender's certificate from the directory encrypts the sender's copy", async () => {
    const r = await rig({ policy: policyWith({ mode: "encrypt-only" }), withKey: false, directory: ["bob", "alice"] });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: true, recipients: 1 });
    const decrypted = decryptAs("alice", r.sent[0]?.body ?? "").toString("latin1");
    expect(decrypted).toMatch(/^Content-Type: text\/html; charset=utf-8/m);
    expect(decrypted).not.toContain("multipart/signed");
  });
});

describe("Send krypteret: every refusal sends nothing and leaves the draft", () => {
  it("a recipient without a certificate, an expired one and an untrusted one: all named at once", async () => {
    const r = await rig({ draft: { to: [recipient("bob"), { emailAddress: "ukendt@example.dk", recipientType: "externalUser" }, recipient("expired"), recipient("stranger")] } });
    const outcome = await r.sender.send();
    const text = refused(outcome);
    expect(outcome).toMatchObject({ ok: false, stage: "certificates" });
    expect(text).toContain("Der er intet certifikat for modtageren ukendt@example.dk");
    expect(text).toMatch(/Certifikatet "Erik Udløbet" \(serienummer [0-9A-F]+\) udløb 2021-01-01/i);
    expect(text).toMatch(/Certifikatet "Søren Fremmed" \(serienummer [0-9A-F]+\) kan ikke føres tilbage til et betroet rodcertifikat/i);
    expect(text).toContain("Intet er sendt; kladden er uændret.");
    untouched(r);
  });

  it("a certificate directory that cannot be read", async () => {
    const r = await rig({ directoryError: "HTTP 404 for https://sikkerpost.example.dk/certificates/directory.json" });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: false, stage: "certificates" });
    expect(refused(outcome)).toContain("Organisationens certifikatkatalog kunne ikke læses (HTTP 404");
    untouched(r);
    const view = new RecordingSmimeView();
    await new SmimePane(r.host, view).showRecipients([{ address: pki.users.bob.email, field: "to", recipientType: "externalUser" }]);
    expect(view.recipients.map((l) => l.ok)).toEqual([false]);
    expect(view.recipients[0]?.text).toContain("certifikatkatalog kunne ikke læses");
  });

  it("a cloud attachment is refused with its name", async () => {
    const r = await rig({ draft: { attachments: [{ id: "c1", name: "Sagsakter.docx", attachmentType: "cloud", size: 0, content: { format: "url", content: "https://kommune-my.sharepoint.com/x" } }] } });
    expect(refused(await r.sender.send())).toContain('Bilaget "Sagsakter.docx" er delt som link');
    untouched(r);
  });

  it("a mail over the request limit is refused with its size and the limit", async () => {
    const big = Buffer.alloc(60_000, 0x41).toString("base64");
    const r = await rig({ policy: policyWith({ maxRequestBytes: 50_000 }), draft: { attachments: [{ id: "b", name: "stor.bin", attachmentType: "file", size: 60_000, content: { format: "base64", content: big } }] } });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: false, stage: "size" });
    expect(refused(outcome)).toMatch(/Den krypterede mail fylder 0,\d MB, og Microsoft Graph modtager højst 0,1 MB pr\. mail/);
    untouched(r);
  });

  it("attachments Outlook lists as over the limit are refused before they are read", async () => {
    const r = await rig({ policy: policyWith({ maxRequestBytes: 50_000 }), draft: { attachments: [{ id: "b", name: "stor.pdf", attachmentType: "file", size: 200_000, content: { format: "base64", content: "" } }] } });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: false, stage: "size" });
    expect(r.fake.calls).not.toContain("getAttachmentContentAsync");
    untouched(r);
  });

  it("a calendar item attached goes in as text/calendar", async () => {
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Møde om sagen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const r = await rig({ draft: { attachments: [{ id: "c", name: "Møde", attachmentType: "file", size: ics.length, content: { format: "iCalendar", content: ics } }] } });
    expect(await r.sender.send()).toMatchObject({ ok: true });
    const inner = decryptAs("bob", r.sent[0]?.body ?? "").toString("latin1");
    expect(inner).toContain("Content-Type: text/calendar; charset=utf-8;");
    expect(inner).toContain("filename*=utf-8''M%C3%B8de.ics");
  });

  it("sign mode without an imported key", async () => {
    const r = await rig({ withKey: false });
    expect(refused(await r.sender.send())).toContain("Der er ingen nøgle at signere med");
    untouched(r);
  });

  it("a host without nested app authentication: a clear message, no pop-up", async () => {
    const r = await rig({ tokens: new NaaTokenSource("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d") });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: false, stage: "token" });
    expect(refused(outcome)).toContain("nested app authentication, NestedAppAuth 1.1");
    untouched(r);
  });

  it("a token that cannot be had", async () => {
    const r = await rig({ tokens: { mailSendToken: () => Promise.reject(new TokenError("failed", "consent_required")) } });
    expect(refused(await r.sender.send())).toContain("consent_required");
    untouched(r);
  });

  it("a token for another account than Outlook's is refused, naming that account", async () => {
    const r = await rig({ tokens: { mailSendToken: () => Promise.reject(new TokenError("otherAccount", "kollega@kommune.example.dk")) } });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: false, stage: "token" });
    expect(refused(outcome)).toContain("Log-ind til afsendelsen gjaldt kollega@kommune.example.dk, ikke den konto Outlook er logget ind med");
    untouched(r);
  });

  it("a CPR number in the subject stops it: S/MIME never encrypts the subject", async () => {
    const r = await rig({ draft: { subject: `Sag om ${CPR}` } });
    expect(refused(await r.sender.send())).toContain("CPR-nummer i emnefeltet");
    untouched(r);
  });

  it("a Graph error names Graph's code and keeps the draft", async () => {
    const r = await rig({ graph: () => ({ status: 413, body: JSON.stringify({ error: { code: "ErrorMessageSizeExceeded", message: "too large" } }) }) });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: false, stage: "graph" });
    expect(refused(outcome)).toContain("HTTP 413, ErrorMessageSizeExceeded");
    expect(refused(outcome)).toContain("kladden er bevaret");
    expect(r.sent).toHaveLength(1);
    expect(r.fake.discarded).toBe(false);
    expect(r.fake.draft.sessionData[SENT_KEY]).toBeUndefined();
  });

  it("sent, but a client below Mailbox 1.14 cannot close the draft: it says so, and not to send it again", async () => {
    const r = await rig({ mailboxVersion: "1.13" });
    const outcome = await r.sender.send();
    expect(outcome).toMatchObject({ ok: true, closed: false });
    if (outcome.ok) expect(outcome.message).toContain("send den ikke igen");
  });
});

describe("Send krypteret: never twice, and honest when Graph's answer is lost", () => {
  it("a server error or a lost answer: the mail may have gone, so it says to look in Sent Items", async () => {
    const serverError = await rig({ graph: () => ({ status: 503, body: JSON.stringify({ error: { code: "ServiceUnavailable" } }) }) });
    const outcome = await serverError.sender.send();
    expect(refused(outcome)).toContain("kan være sendt");
    expect(refused(outcome)).toContain("Sendt post");
    expect(serverError.fake.discarded).toBe(false);
    const lost = await rig({
      graph: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    expect(refused(await lost.sender.send())).toContain("kan være sendt");
    const refusedByGraph = await rig({ graph: () => ({ status: 400, body: JSON.stringify({ error: { code: "ErrorInvalidRecipients" } }) }) });
    expect(refused(await refusedByGraph.sender.send())).toContain("Den er ikke sendt");
  });

  it("a draft this pane sent is not sent again, even where closing it failed; another draft may be", async () => {
    const r = await rig({ mailboxVersion: "1.13" });
    expect(await r.sender.send()).toMatchObject({ ok: true, closed: false });
    expect(refused(await r.sender.send())).toContain("allerede sendt krypteret");
    expect(r.sent).toHaveLength(1);
    r.sender.draftChanged();
    expect(await r.sender.send()).toMatchObject({ ok: true });
    expect(r.sent).toHaveLength(2);
  });

  it("recipients or subject changed while the mail was prepared: nothing is sent", async () => {
    const held: { draft?: FakeOffice["draft"] } = {};
    const r = await rig({
      tokens: {
        mailSendToken: () => {
          // The first time only: a recipient added while the token was asked for.
          if (held.draft?.to.length === 1) held.draft.to.push(recipient("carol"));
          return Promise.resolve("playground-token-1");
        },
      },
    });
    held.draft = r.fake.draft;
    expect(refused(await r.sender.send())).toContain("blev ændret");
    untouched(r);
    expect(await r.sender.send()).toMatchObject({ ok: true, recipients: 2 });
    expect(r.sent).toHaveLength(1);
  });

  it("a mail addressed from a shared mailbox is refused: Graph and the key are the user's own", async () => {
    const r = await rig({ draft: { from: { emailAddress: "borgerservice@kommune.example.dk", displayName: "Borgerservice" } } });
    expect(refused(await r.sender.send())).toContain("sendt fra borgerservice@kommune.example.dk");
    untouched(r);
  });

  it("session data that cannot be written still discards the draft", async () => {
    const r = await rig();
    r.fake.fail("sessionData.setAsync");
    expect(await r.sender.send()).toMatchObject({ ok: true, closed: false });
    expect(r.fake.discarded).toBe(true);
  });
});

class RecordingSmimeView implements SmimeDisplay {
  key = { text: "", canRemove: false, needed: false };
  recipients: { text: string; ok: boolean }[] = [];
  messages: { kind: string; messages: readonly string[] }[] = [];
  busy: boolean[] = [];
  showKey(text: string, canRemove: boolean, needed: boolean): void {
    this.key = { text, canRemove, needed };
  }
  showRecipients(lines: readonly { text: string; ok: boolean }[]): void {
    this.recipients = [...lines];
  }
  showMessages(kind: string, messages: readonly string[]): void {
    this.messages.push({ kind, messages });
  }
  setBusy(busy: boolean): void {
    this.busy.push(busy);
  }
  get last(): { kind: string; messages: readonly string[] } | undefined {
    return this.messages[this.messages.length - 1];
  }
}

describe("the pane's S/MIME section", () => {
  it("imports the key from PKCS#12, refuses a wrong password, and removes it", async () => {
    const r = await rig({ withKey: false });
    const view = new RecordingSmimeView();
    const pane = new SmimePane(r.host, view);
    await pane.start();
    expect(view.key).toEqual({ text: da.smime.keyNone, canRemove: false, needed: true });
    await pane.importKey(read(pki.aliceP12), "forkert");
    expect(view.last?.kind).toBe("error");
    expect(view.last?.messages.join(" ")).toContain("Forkert adgangskode");
    expect(r.store.key).toBeNull();
    await pane.importKey(read(pki.aliceP12), P12_PASSWORD);
    expect(view.last?.kind).toBe("info");
    expect(view.key.text).toMatch(/^Nøgle: "Alice Afsender" \(serienummer [0-9A-F]+\), gyldig til \d{4}-\d{2}-\d{2}\.$/i);
    expect(view.key.canRemove).toBe(true);
    await pane.removeKey();
    expect(r.store.key).toBeNull();
    expect(view.key.text).toBe(da.smime.keyNone);
  });

  it("refuses a key whose certificate could never sign for this mailbox, and stores nothing", async () => {
    const r = await rig({ withKey: false, policy: policyWith({ trustAnchors: [pem(pki.otherCaCert)] }) });
    const view = new RecordingSmimeView();
    const pane = new SmimePane(r.host, view);
    await pane.importKey(read(pki.aliceP12), P12_PASSWORD);
    expect(view.last?.kind).toBe("error");
    expect(view.last?.messages.join(" ")).toMatch(/Certifikatet "Alice Afsender" \(serienummer [0-9A-F]+\) kan ikke føres tilbage til et betroet rodcertifikat/i);
    expect(r.store.key).toBeNull();
  });

  it("encrypt-only asks for no key", async () => {
    const r = await rig({ withKey: false, policy: policyWith({ mode: "encrypt-only" }) });
    const view = new RecordingSmimeView();
    await new SmimePane(r.host, view).start();
    expect(view.key).toEqual({ text: da.smime.keyNotNeeded, canRemove: false, needed: false });
  });

  it("shows each recipient's certificate or the refusal, and an imported certificate serves a recipient", async () => {
    const r = await rig({ directory: ["expired"] });
    const view = new RecordingSmimeView();
    const pane = new SmimePane(r.host, view);
    const to = [
      { address: pki.users.bob.email, field: "to" as const, recipientType: "externalUser" as const },
      { address: pki.users.expired.email, field: "cc" as const, recipientType: "externalUser" as const },
    ];
    await pane.showRecipients(to);
    expect(view.recipients.map((l) => l.ok)).toEqual([false, false]);
    expect(view.recipients[0]?.text).toContain("Der er intet certifikat for modtageren bob@example.dk");
    await pane.importCertificate(read(pki.users.bob.cert), "bob.pem");
    expect(view.last?.messages[0]).toMatch(/^Certifikatet "Bob Borger" er gemt \(bob@example\.dk\)\.$/);
    await pane.showRecipients(to);
    expect(view.recipients[0]?.ok).toBe(true);
    expect(view.recipients[0]?.text).toMatch(/^bob@example\.dk: "Bob Borger" \(serienummer [0-9A-F]+\)$/i);
    expect(view.recipients[1]?.text).toMatch(/udløb 2021-01-01/);
  });

  it("Send krypteret: busy while sending, then the outcome", async () => {
    const r = await rig();
    const view = new RecordingSmimeView();
    const outcome = await new SmimePane(r.host, view).send();
    expect(outcome?.ok).toBe(true);
    expect(view.busy).toEqual([true, false]);
    expect(view.messages.map((m) => m.kind)).toEqual(["info", "success"]);
    expect(view.last?.messages).toEqual([da.smime.sent(1)]);
  });
});
