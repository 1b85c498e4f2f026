/** The built handler bundle, driven end to end through the fake mailbox in a DOM-less vm context. */
import { createRequire } from "node:module";
import vm from "node:vm";
import * as acorn from "acorn";
import { FakeOffice, type FakeAttachment, type FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { attestedPolicy, bundleSource, loadBundle } from "../helpers/handler-bundle";
import { docx, pptx, rtf, wPara, xlsx, zip } from "../helpers/make-documents";

const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const MASKED = `${CPR.slice(0, 6)}-XXXX`;
const citizen: FakeRecipient = { emailAddress: "borger@gmail.com", recipientType: "externalUser" };
const colleague: FakeRecipient = { emailAddress: "kollega@kommune.example.dk", recipientType: "user" };
const partner: FakeRecipient = { emailAddress: "sag@region.example.dk", recipientType: "externalUser" };

const SECURED_LINE = /^Sikker Post: krypteres af organisationens gateway \(kontrolleret \d\d\.\d\d\.\d{4}\)\.$/;
const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");
const fileAttachment = (name: string, text: string, id = name): FakeAttachment => ({
  id,
  name,
  attachmentType: "file",
  size: text.length,
  content: { format: "base64", content: b64(text) },
});

function draftWithCpr(extra: Record<string, unknown> = {}) {
  return { subject: "Sag om borger", bodyHtml: `<p>Hej</p><p>CPR: <b>${CPR.slice(0, 4)}</b>${CPR.slice(4)}</p>`, to: [citizen], ...extra };
}

describe("the built handler bundle", () => {
  it("is one file that parses as ECMAScript 2016", () => {
    expect(() => acorn.parse(bundleSource(), { ecmaVersion: 2016, sourceType: "script" })).not.toThrow();
  });

  it("brings no stand-in for Uint8Array.fromBase64: where the engine lacks it, the portable decoder (faster than core-js's) decodes attachments", () => {
    const context = vm.createContext({ Office: new FakeOffice().office, setTimeout, clearTimeout });
    vm.runInContext(bundleSource(), context);
    expect(vm.runInContext("typeof Uint8Array.fromBase64", context)).toBe("undefined");
  });

  // babel.config.js leaves out the polyfills of these methods (each ran feature tests on every
  // start of a runtime); the bundle must then never call them.
  const LEFT_OUT = {
    typedArray: ["toLocaleString", "toReversed", "toSorted", "with", "findLast", "findLastIndex"],
    uint8Array: ["toBase64", "toHex", "setFromBase64", "setFromHex"],
    set: ["union", "intersection", "difference", "symmetricDifference", "isSubsetOf", "isSupersetOf", "isDisjointFrom"],
    map: ["getOrInsert", "getOrInsertComputed"],
    arrayBuffer: ["transfer", "transferToFixedLength"],
    iterator: ["map", "filter", "take", "drop", "flatMap", "reduce", "toArray", "forEach", "some", "every", "find"],
  };

  it("leaves out the polyfills of built-ins nothing in it calls, and calls none of them", () => {
    const babelConfig = createRequire(__filename)("../../babel.config.js") as { presets: [string, { exclude: string[] }][] };
    const exclude = babelConfig.presets[0]?.[1].exclude ?? [];
    for (const name of ["es.typed-array.to-locale-string", "esnext.typed-array.with", "es.uint8-array.to-base64", "es.iterator.map", "es.set.union.v2", "es.map.get-or-insert", "es.array-buffer.transfer", "es.json.parse"]) {
      expect(exclude).toContain(name);
    }
    const source = bundleSource();
    expect(source).not.toMatch(/core-js\/modules\/(es|esnext)\.(typed-array\.to-locale-string|iterator\.)/);
    // Iterator helpers share their names with array methods, so only the others are looked for as calls.
    const calls = [...LEFT_OUT.typedArray.filter((m) => m !== "toLocaleString"), ...LEFT_OUT.uint8Array, ...LEFT_OUT.set, ...LEFT_OUT.map, ...LEFT_OUT.arrayBuffer];
    for (const method of calls) expect(source).not.toMatch(new RegExp(`\\.${method}\\(`));
    expect(source).not.toMatch(/\bIterator\.(from|prototype)\b/);
  });

  it("reads every attachment format the same in an engine that has none of those built-ins", async () => {
    const cprs = [makeCpr(1961, 2, 3, 1, 11), makeCpr(1972, 4, 5, 2, 22), makeCpr(1983, 6, 7, 3, 33), makeCpr(1994, 8, 9, 4, 44), makeCpr(2005, 10, 11, 5, 55)].map(dashed);
    const take = (target: string, names: string[]): string => names.map((n) => `if (${target}) delete ${target}[${JSON.stringify(n)}];`).join("\n");
    const before = [
      take("Object.getPrototypeOf(Int8Array.prototype)", LEFT_OUT.typedArray),
      take("Uint8Array.prototype", LEFT_OUT.uint8Array),
      take("Set.prototype", LEFT_OUT.set),
      take("Map.prototype", LEFT_OUT.map),
      take("ArrayBuffer.prototype", LEFT_OUT.arrayBuffer),
      take("(typeof Iterator === 'undefined' ? null : Iterator.prototype)", LEFT_OUT.iterator),
      `if ("toReversed" in Int8Array.prototype || "union" in Set.prototype || "toBase64" in Uint8Array.prototype) throw new Error("built-ins still there");`,
    ].join("\n");
    const files: [string, Uint8Array][] = [
      ["sag.docx", docx({ body: wPara("Afgørelse"), footer: wPara(`CPR ${cprs[0] ?? ""}`) })],
      ["liste.xlsx", xlsx([[[{ ref: "A1", s: "CPR-nr." }, { ref: "B1", s: cprs[1] ?? "" }]]])],
      ["møde.pptx", pptx(["Dagsorden"], [`Note: ${cprs[2] ?? ""}`])],
      ["bilag.zip", zip({ "notat.rtf": rtf(`Borger ${cprs[3] ?? ""}`) })],
      ["svar.eml", new TextEncoder().encode(`Subject: Svar\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCPR ${cprs[4] ?? ""}\r\n`)],
    ];
    // One mail per file: the block message names the first two findings only.
    for (const [k, [name, bytes]] of files.entries()) {
      const attachment: FakeAttachment = { id: name, name, attachmentType: "file", size: bytes.length, content: { format: "base64", content: Buffer.from(bytes).toString("base64") } };
      const fake = loadBundle({ before, draft: { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [attachment] } });
      const done = await fake.fire("onMessageSendHandler");
      expect(done?.options?.allowEvent).toBe(false);
      expect(String(done?.options?.errorMessage)).toContain(`${(cprs[k] ?? "").slice(0, 6)}-XXXX i bilaget ${name}`);
    }
  });

  it("replaces none of the engine's own built-ins with core-js's (a JavaScript stand-in is slower), but JSON.stringify", () => {
    // The globals and methods the add-in's code and its libraries call, before and after loading.
    const names = [
      "Uint8Array", "Uint16Array", "Int32Array", "Int8Array", "Uint8Array.from", "Object.getPrototypeOf(Uint8Array.prototype).subarray", "Object.getPrototypeOf(Uint8Array.prototype).set",
      "Object.getPrototypeOf(Uint8Array.prototype).fill", "Object.getPrototypeOf(Uint8Array.prototype).slice", "Object.getPrototypeOf(Uint8Array.prototype).indexOf",
      "Array.prototype.slice", "Array.prototype.join", "Array.prototype.push", "Array.prototype.map", "Array.prototype.filter", "Array.prototype.concat", "Array.prototype.sort", "Array.from",
      "Function.prototype.apply", "String.fromCharCode", "String.prototype.slice", "String.prototype.includes", "String.prototype.startsWith", "String.prototype.trim",
      "String.prototype.replace", "String.prototype.split", "String.prototype.normalize", "RegExp", "RegExp.prototype.exec", "RegExp.prototype.test",
      "Object.assign", "Promise", "Map", "Set", "WeakMap", "Symbol", "JSON.parse", "JSON.stringify", "parseInt", "Error",
    ];
    const context = vm.createContext({ Office: new FakeOffice().office, setTimeout, clearTimeout });
    const before = vm.runInContext(`[${names.join(",")}]`, context) as unknown[];
    vm.runInContext(bundleSource(), context);
    const after = vm.runInContext(`[${names.join(",")}]`, context) as unknown[];
    // core-js's Symbol brings its own JSON.stringify where the engine lacks JSON.rawJSON (V8 before
    // 2024); the add-in never stringifies on a hot path.
    expect(names.filter((name, i) => before[i] !== after[i] && name !== "JSON.stringify")).toEqual([]);
  });

  it("carries no S/MIME code: pkijs needs WebCrypto, which classic Outlook's runtime lacks", () => {
    expect(bundleSource()).not.toMatch(/EnvelopedData|PKCS8ShroudedKeyBag|pkijs/);
  });

  it("carries neither the public suffix list nor the full webmail list: the policy check there is the built-in one", () => {
    // tldts' list of suffixes and email-providers' all.json (sol.dk is not on the short list).
    expect(bundleSource()).not.toMatch(/sikker-post-probe|xn--vermgensberatung|"sol\.dk"/);
    expect(bundleSource()).toMatch(/stofanet\.dk/);
  });

  it("registers every handler at load time, without Office.onReady", () => {
    const fake = loadBundle();
    expect([...fake.handlers.keys()].sort()).toEqual([
      "enableSecureSending",
      "onMessageAttachmentsChangedHandler",
      "onMessageRecipientsChangedHandler",
      "onMessageSendHandler",
      "onNewMessageComposeHandler",
      "onSensitivityLabelChangedHandler",
    ]);
  });
});

describe("onMessageSendHandler", () => {
  it("blocks a CPR number to an external address, with a masked Danish message and a one-click fix", async () => {
    const fake = loadBundle({ draft: draftWithCpr(), policy: attestedPolicy() });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    const message = String(done?.options?.errorMessage);
    expect(message).toContain(`CPR-nummer ${MASKED} i brødteksten`);
    expect(message).not.toContain(CPR);
    expect(message).toContain("borger@gmail.com");
    expect(message).toContain("Digital Post");
    expect(message.length).toBeLessThanOrEqual(500);
    expect(done?.options).toMatchObject({ cancelLabel: "Send sikkert", commandId: "sikkerPostEnableSecureButton" });
    expect(fake.completedCount()).toBe(1);
  });

  it("answers in English when Office's display language is English", async () => {
    const fake = loadBundle({ draft: draftWithCpr(), displayLanguage: "en-GB" });
    const done = await fake.fire("onMessageSendHandler");
    expect(String(done?.options?.errorMessage)).toContain(`CPR number ${MASKED} in the body`);
  });

  it("leaves out commandId and cancelLabel where Mailbox 1.14 is missing", async () => {
    const fake = loadBundle({ draft: draftWithCpr(), mailboxVersion: "1.12" });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(done?.options).not.toHaveProperty("commandId");
    expect(done?.options).not.toHaveProperty("cancelLabel");
  });

  it("points the dialog at the task pane where Mailbox 1.14 is there but 1.15 (function commands) is not", async () => {
    const fake = loadBundle({ draft: draftWithCpr(), mailboxVersion: "1.14" });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options).toMatchObject({ allowEvent: false, cancelLabel: "Åbn Sikker Post", commandId: "sikkerPostOpenPaneButton" });
  });

  it("goes from block to secure send in two clicks, and marks the mail for the gateway", async () => {
    const fake = loadBundle({ draft: draftWithCpr(), policy: attestedPolicy() });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
    // Click 1: the dialog's "Send sikkert" runs the function command.
    await fake.fire("enableSecureSending");
    expect(fake.draft.notifications.sikkerPostStatus?.message).toMatch(/^Sikker Post: krypteres af organisationens gateway \(kontrolleret \d\d\.\d\d\.\d{4}\)\.$/);
    // Click 2: Send.
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders).toEqual({ "X-Sikker-Post-Sign": "yes", "X-Sikker-Post-Encrypt": "yes", "X-Sikker-Post-Mailbox": "none" });
    expect(fake.draft.subject).toBe("Sag om borger");
    expect(fake.draft.bodyHtml).toBe(draftWithCpr().bodyHtml); // the user's text is never changed
  });

  it("reads only the subject of a signed and encrypted mail: its body and attachments cannot change the answer", async () => {
    const attachment = fileAttachment("sag.txt", `CPR ${CPR}`);
    const fake = loadBundle({ draft: draftWithCpr({ attachments: [attachment] }), policy: attestedPolicy() });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
    expect(fake.calls).toContain("getAttachmentContentAsync");
    await fake.fire("enableSecureSending");
    fake.reset();
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.calls).toContain("subject.getAsync");
    expect(fake.calls).not.toContain("body.getAsync");
    expect(fake.calls).not.toContain("getAttachmentsAsync");
    expect(fake.calls).not.toContain("getAttachmentContentAsync");
    // A CPR number in the subject still blocks then: subjects are never encrypted.
    const inSubject = loadBundle({ draft: draftWithCpr({ subject: `Sag ${CPR}`, attachments: [attachment] }), policy: attestedPolicy() });
    await inSubject.fire("enableSecureSending");
    expect(String((await inSubject.fire("onMessageSendHandler"))?.options?.errorMessage)).toContain(MASKED);
  });

  it("allows mail to recipients on the policy's internal domains only", async () => {
    const fake = loadBundle({ draft: draftWithCpr({ to: [colleague] }), policy: { version: 1, send: { internalDomains: ["kommune.example.dk"] } } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
  });

  it("blocks a citizen saved in the contacts, whom Outlook on the web reports as \"user\" (office-js #3122)", async () => {
    const contact: FakeRecipient = { emailAddress: "jens.holm@gmail.com", recipientType: "user" };
    const fake = loadBundle({ draft: draftWithCpr({ to: [colleague, contact] }), policy: { version: 1, send: { internalDomains: ["kommune.example.dk"] } } });
    const options = (await fake.fire("onMessageSendHandler"))?.options;
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain("jens.holm@gmail.com");
    expect(String(options?.errorMessage)).not.toContain("kollega@");
  });

  it("with the built-in policy (no internal domains) every recipient is external, whatever Outlook calls it", async () => {
    const fake = loadBundle({ draft: draftWithCpr({ to: [colleague] }) });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
  });

  it("allows a clean mail to anyone, and sets every marker to an explicit no instead of removing a stale one", async () => {
    const fake = loadBundle({ draft: { subject: "Møde", bodyHtml: "<p>Vi ses torsdag.</p>", to: [citizen], internetHeaders: { "X-Sikker-Post-Encrypt": "yes" } } });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders).toEqual({ "X-Sikker-Post-Encrypt": "no", "X-Sikker-Post-Sign": "no", "X-Sikker-Post-Mailbox": "none" });
    expect(fake.calls).not.toContain("internetHeaders.removeAsync");
  });

  it("finds a CPR number in an attached file and in an attached mail", async () => {
    const eml = `Subject: Videresendt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBorgerens CPR er ${CPR}.\r\n`;
    for (const attachment of [
      fileAttachment("liste.csv", `navn;cpr\nA;${CPR}\n`),
      { id: "m1", name: "Videresendt", attachmentType: "item", size: eml.length, content: { format: "eml", content: eml } } satisfies FakeAttachment,
    ]) {
      const fake = loadBundle({ draft: { subject: "Bilag", bodyHtml: "<p>Se bilag</p>", to: [citizen], attachments: [attachment] } });
      const done = await fake.fire("onMessageSendHandler");
      expect(done?.options?.allowEvent).toBe(false);
      expect(String(done?.options?.errorMessage)).toContain(`${MASKED} i bilaget`);
    }
  });

  it("blocks a cloud attachment it cannot read", async () => {
    const cloud: FakeAttachment = { id: "c", name: "Sag.docx", attachmentType: "cloud", size: 0, content: { format: "url", content: "https://x.example/Sag.docx" } };
    const fake = loadBundle({ draft: { subject: "Bilag", bodyHtml: "<p>Se link</p>", to: [partner], attachments: [cloud] } });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("Sag.docx kan ikke kontrolleres");
  });

  it("blocks a CPR number in the subject even when secured", async () => {
    const fake = loadBundle({ draft: draftWithCpr({ subject: `Sag ${CPR}`, sessionData: { sikkerPostState: JSON.stringify({ sign: true, encrypt: true, at: 1 }) } }) });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("emnefeltet");
    expect(done?.options?.commandId).toBe("sikkerPostOpenPaneButton");
  });
});

describe("fails closed", () => {
  // loadCustomPropertiesAsync is not among them: its failure reads "not secured" (handler-real-clients.test.ts).
  const apis = ["subject.getAsync", "body.getAsync", "to.getAsync", "cc.getAsync", "bcc.getAsync", "getAttachmentsAsync"] as const;
  it.each(apis)("blocks with a message when %s fails", async (api) => {
    const fake = loadBundle({ draft: draftWithCpr({ to: [colleague] }) });
    fake.fail(api);
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("Sikker Post kunne ikke kontrollere mailen");
    expect(String(done?.options?.errorMessage)).toContain("Prøv at sende igen");
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.completedCount()).toBe(1);
  });

  it("blocks when setting the gateway headers fails after the user secured the mail", async () => {
    const fake = loadBundle({ draft: draftWithCpr({ sessionData: { sikkerPostState: JSON.stringify({ sign: true, encrypt: true, at: 1 }) } }) });
    fake.fail("internetHeaders.setAsync");
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
  });

  it("treats an attachment whose content cannot be fetched as unreadable", async () => {
    const fake = loadBundle({ draft: { subject: "x", bodyHtml: "<p>x</p>", to: [citizen], attachments: [fileAttachment("a.txt", "hej")] } });
    fake.fail("getAttachmentContentAsync");
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("a.txt kan ikke kontrolleres");
  });

  it("blocks when the check takes longer than the policy's time budget, and completes once", async () => {
    const fake = loadBundle({ draft: draftWithCpr({ to: [colleague] }), policy: { version: 1, send: { scanTimeoutMs: 500 } } });
    fake.delay("body.getAsync", 1500);
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("tog for lang tid");
    await new Promise((r) => setTimeout(r, 1600)); // let the slow call finish: no second completion
    expect(fake.completedCount()).toBe(1);
  });

  it.each([
    ["an invalid policy", { policy: { version: 2 } }],
    ["a policy that is not JSON", { policy: "{ nope" }],
    ["a missing policy", { policyStatus: 404 }],
  ])("blocks with %s", async (_name, opts) => {
    const fake = loadBundle({ draft: { subject: "x", bodyHtml: "<p>x</p>", to: [colleague] }, ...opts });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("politik");
  });

  it("blocks on an unexpected exception", async () => {
    const fake = loadBundle({ draft: draftWithCpr({ to: [{ emailAddress: null, recipientType: "externalUser" } as unknown as FakeRecipient] }) });
    const done = await fake.fire("onMessageSendHandler");
    expect(done?.options?.allowEvent).toBe(false);
    expect(String(done?.options?.errorMessage)).toContain("uventet fejl");
  });
});

describe("policy", () => {
  it("uses subject codes for the gateway when told to, idempotently, and never strips one", async () => {
    const fake = loadBundle({
      draft: draftWithCpr({ sessionData: { sikkerPostState: JSON.stringify({ sign: true, encrypt: true, at: 1 }) } }),
      policy: attestedPolicy({ send: { markers: { method: "subject" } } }),
    });
    fake.fail("internetHeaders.setAsync"); // not used with subject codes
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.draft.subject).toBe("#s# #k# Sag om borger");
    // Secure sending turned off again: nothing is removed, a stale code can only over-protect.
    fake.draft.sessionData.sikkerPostState = JSON.stringify({ sign: false, encrypt: false, at: 2 });
    fake.draft.bodyHtml = "<p>Intet følsomt</p>";
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fake.draft.subject).toBe("#s# #k# Sag om borger");
  });

  it("keeps a subject code the caseworker typed, and takes it as their request for encryption", async () => {
    const typed = loadBundle({ draft: draftWithCpr({ subject: "#k# Sag om borger" }), policy: attestedPolicy({ send: { markers: { method: "subject" } } }) });
    expect((await typed.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(typed.draft.subject).toBe("#k# Sag om borger");
    const clean = loadBundle({ draft: { subject: "#k# Mødetid", bodyHtml: "<p>Vi ses.</p>", to: [citizen] }, policy: { version: 1, send: { markers: { method: "subject" } } } });
    expect((await clean.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(clean.draft.subject).toBe("#k# Mødetid");
  });

  it("treats listed internal domains as internal, and forced-TLS partners as protected for what they cover", async () => {
    const policy = { version: 1, send: { internalDomains: ["kommune.example.dk"], partnerDomains: [{ domain: "region.example.dk", protects: ["terms"] }] } };
    let fake = loadBundle({ draft: draftWithCpr({ to: [{ emailAddress: "a@kommune.example.dk", recipientType: "externalUser" }] }), policy });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(true);
    fake = loadBundle({ draft: { subject: "x", bodyHtml: "<p>Borgeren er i misbrugsbehandling.</p>", to: [partner] }, policy });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(true);
    fake = loadBundle({ draft: draftWithCpr({ to: [partner] }), policy });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
  });

  it("lets a policy set sensitive terms to warn: send again to confirm, and the confirmation is recorded", async () => {
    const fake = loadBundle({ draft: { subject: "x", bodyHtml: "<p>Borgeren er i misbrugsbehandling.</p>", to: [citizen] }, policy: { version: 1, send: { termsAction: "warn" } } });
    const first = await fake.fire("onMessageSendHandler");
    expect(first?.options?.allowEvent).toBe(false);
    expect(String(first?.options?.errorMessage)).toContain("Send igen for at bekræfte");
    const second = await fake.fire("onMessageSendHandler");
    expect(second?.options).toEqual({ allowEvent: true });
    expect(fake.draft.internetHeaders["X-Sikker-Post-Confirmed"]).toMatch(/^[0-9a-f]+$/);
  });

  it("never lets a warn policy wave a CPR number through", async () => {
    const fake = loadBundle({ draft: draftWithCpr(), policy: { version: 1, send: { termsAction: "warn" } } });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
  });
});

describe("status while composing", () => {
  it("shows a persistent status in the compose form, even with the pane closed", async () => {
    const fake = loadBundle({ draft: draftWithCpr() });
    await fake.fire("onNewMessageComposeHandler");
    expect(fake.draft.notifications.sikkerPostStatus).toMatchObject({ type: "informationalMessage", persistent: true, message: "Sikker Post: ikke sikret – indeholder CPR-nummer." });
    fake.draft.bodyHtml = "<p>Intet her</p>";
    await fake.fire("onMessageRecipientsChangedHandler");
    expect(fake.draft.notifications.sikkerPostStatus?.message).toBe("Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet.");
    expect(fake.completedCount()).toBe(2);
  });

  /** A draft with a CPR number, and a status check under way whose body Outlook answers only after 300 ms. */
  async function slowStatusCheck(): Promise<{ fake: ReturnType<typeof loadBundle>; slow: Promise<unknown> }> {
    const fake = loadBundle({ draft: draftWithCpr(), policy: attestedPolicy() });
    fake.delay("body.getAsync", 300);
    const slow = fake.fire("onMessageRecipientsChangedHandler");
    await new Promise((r) => setTimeout(r, 50));
    return { fake, slow };
  }

  it("a status check that ends after \"Send sikkert\" does not put back the line from before it", async () => {
    const { fake, slow } = await slowStatusCheck();
    await fake.fire("enableSecureSending");
    expect(fake.draft.notifications.sikkerPostStatus?.message).toMatch(SECURED_LINE);
    await slow;
    expect(fake.draft.notifications.sikkerPostStatus?.message).toMatch(SECURED_LINE);
  });

  it("of two status checks, the later one's line stays, whichever ends last", async () => {
    const { fake, slow: older } = await slowStatusCheck();
    fake.delay("body.getAsync", 0);
    fake.draft.bodyHtml = "<p>Intet her</p>";
    await fake.fire("onMessageRecipientsChangedHandler");
    await older;
    expect(fake.draft.notifications.sikkerPostStatus?.message).toBe("Sikker Post: ingen CPR-numre eller følsomme oplysninger fundet.");
  });

  it("a status check that starts insecure and sees the draft secured meanwhile says so", async () => {
    const { fake, slow } = await slowStatusCheck();
    // The pane turns on secure sending (another runtime: it writes the state, not this runtime's line).
    fake.draft.sessionData.sikkerPostState = JSON.stringify({ sign: true, encrypt: true, at: Date.now() + 1000 });
    fake.draft.customProperties.sikkerPostState = fake.draft.sessionData.sikkerPostState;
    await slow;
    expect(fake.draft.notifications.sikkerPostStatus?.message).toMatch(SECURED_LINE);
  });

  it("completes the event even when Outlook fails", async () => {
    const fake = loadBundle({ draft: draftWithCpr() });
    fake.fail("notificationMessages.replaceAsync");
    fake.fail("body.getAsync");
    expect(await fake.fire("onMessageAttachmentsChangedHandler")).not.toBeNull();
    expect(fake.completedCount()).toBe(1);
  });
});
