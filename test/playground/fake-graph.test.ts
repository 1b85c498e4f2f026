/**
 * The playground's fake Graph sendMail: it answers as Graph does (auth, content type, base64,
 * the 4 MB limit), keeps what it received, and reads it back with the test PKI's keys.
 */
import { webcrypto } from "node:crypto";
import { buildSmime, makeEngine, parseCertificates, readPkcs12, type WebCrypto } from "../../src/core/smime";
import { FakeGraph, GRAPH_MAX_REQUEST_BYTES, TOKEN_PREFIX } from "../../src/playground/fake-graph";
import { makePlaygroundPki, PKI_PEOPLE, PLAYGROUND_P12_PASSWORD, type PlaygroundPki } from "../../src/playground/smime-pki";
import { dashed, makeCpr } from "../helpers/cpr-gen";

jest.setTimeout(60_000);

const crypto = webcrypto as unknown as WebCrypto;
let pki: PlaygroundPki;
let pkiOther: PlaygroundPki;

beforeAll(async () => {
  [pki, pkiOther] = await Promise.all([makePlaygroundPki(crypto), makePlaygroundPki(crypto)]);
});

const [anna, jurist] = PKI_PEOPLE.recipients.map((r) => r.address) as [string, string];
const CPR = dashed(makeCpr(1972, 3, 15, 1, 217));

function certsOf(p: PlaygroundPki, ...addresses: string[]): ReturnType<typeof parseCertificates> {
  return addresses.flatMap((a) => parseCertificates(new TextEncoder().encode(p.recipients.find((r) => r.address === a)?.certPem ?? "")));
}

function message(to: string[], body: string): Uint8Array {
  const b = "=_b_1";
  return new TextEncoder().encode(
    [
      `From: Sagsbehandler <${PKI_PEOPLE.sender.address}>`,
      `To: ${to.join(", ")}`,
      "Subject: Sag 2026-117",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${b}"`,
      "",
      `--${b}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      body,
      `--${b}`,
      'Content-Type: application/pdf; name="afgoerelse.pdf"',
      'Content-Disposition: attachment; filename="afgoerelse.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("%PDF-1.4 test").toString("base64"),
      `--${b}--`,
      "",
    ].join("\r\n"),
  );
}

async function signedFor(p: PlaygroundPki, to: string[], body = "Hej."): Promise<Uint8Array> {
  const key = await readPkcs12(p.senderP12, PLAYGROUND_P12_PASSWORD, makeEngine(crypto));
  return (await buildSmime({ message: message(to, body), recipientCerts: certsOf(p, ...to), trustAnchors: [p.ca], sender: { mode: "sign", key }, crypto })).bytes;
}

const b64 = (bytes: Uint8Array): Buffer => Buffer.from(Buffer.from(bytes).toString("base64"), "latin1");
const errorOf = (body: string): { code: string; message: string } => (JSON.parse(body) as { error: { code: string; message: string } }).error;

describe("authentication", () => {
  test("no token: 401 InvalidAuthenticationToken, nothing kept", () => {
    const graph = new FakeGraph(pki, crypto);
    const r = graph.sendMail({ contentType: "text/plain" }, b64(new Uint8Array([65])));
    expect(r.status).toBe(401);
    expect(errorOf(r.body)).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty." });
    expect(graph.mails).toHaveLength(0);
  });
  test("a token it did not issue, even one that looks like its own: 401", () => {
    const graph = new FakeGraph(pki, crypto);
    const issued = graph.issueToken();
    expect(issued.startsWith(TOKEN_PREFIX)).toBe(true);
    for (const auth of [`Bearer ${TOKEN_PREFIX}guessed`, issued, `Basic ${issued}`, `Bearer ${new FakeGraph(pki, crypto).issueToken()}`]) {
      const r = graph.sendMail({ authorization: auth, contentType: "text/plain" }, b64(new Uint8Array([65])));
      expect(r.status).toBe(401);
      expect(errorOf(r.body).code).toBe("InvalidAuthenticationToken");
    }
    expect(graph.mails).toHaveLength(0);
  });
});

describe("the request", () => {
  let graph: FakeGraph;
  let auth: string;
  beforeEach(() => {
    graph = new FakeGraph(pki, crypto);
    auth = `Bearer ${graph.issueToken()}`;
  });

  test("Content-Type other than text/plain: 400 BadRequest", () => {
    for (const contentType of ["application/json", "message/rfc822", undefined]) {
      const r = graph.sendMail({ authorization: auth, contentType }, b64(new Uint8Array([65, 66, 67])));
      expect(r.status).toBe(400);
      expect(errorOf(r.body).code).toBe("BadRequest");
    }
    expect(graph.mails).toHaveLength(0);
  });

  test("a body that is not base64: 400 with Graph's text", () => {
    for (const body of ["From: x\r\n\r\nraw MIME", "", "abc"]) {
      const r = graph.sendMail({ authorization: auth, contentType: "text/plain" }, Buffer.from(body));
      expect(r.status).toBe(400);
      expect(errorOf(r.body)).toMatchObject({ code: "ErrorMimeContentInvalidBase64String", message: "Invalid base64 string for MIME content." });
    }
    expect(graph.mails).toHaveLength(0);
  });

  test("over 4 MB: 413; at the limit it is taken", () => {
    const over = graph.sendMail({ authorization: auth, contentType: "text/plain" }, Buffer.alloc(GRAPH_MAX_REQUEST_BYTES + 4, 65));
    expect(over.status).toBe(413);
    expect(errorOf(over.body).message).toMatch(/4MB/);
    expect(graph.sendMail({ authorization: auth, contentType: "text/plain" }, "too-large").status).toBe(413);
    const at = graph.sendMail({ authorization: auth, contentType: "text/plain; charset=us-ascii" }, Buffer.alloc(GRAPH_MAX_REQUEST_BYTES, 65));
    expect(at.status).toBe(202);
    expect(graph.mails).toHaveLength(1);
  });

  test("a valid request: 202 with an empty body, the MIME kept as sent (base64 with line breaks too)", async () => {
    const mime = await signedFor(pki, [anna]);
    const wrapped = Buffer.from(Buffer.from(mime).toString("base64").replace(/.{76}/g, "$&\r\n"), "latin1");
    const r = graph.sendMail({ authorization: auth, contentType: "text/plain" }, wrapped);
    expect(r).toMatchObject({ status: 202, body: "" });
    expect(Buffer.from(graph.mails[0]?.mime ?? []).equals(Buffer.from(mime))).toBe(true);
  });
});

describe("the sent list", () => {
  test("a signed message to two recipients: decrypted as the sender and as each recipient, signature valid to the Playground CA, CPR masked", async () => {
    const graph = new FakeGraph(pki, crypto);
    const auth = `Bearer ${graph.issueToken()}`;
    expect(graph.sendMail({ authorization: auth, contentType: "text/plain" }, b64(await signedFor(pki, [anna, jurist], `Kære Anna. CPR-nr. ${CPR}. Venlig hilsen`))).status).toBe(202);
    const [view] = await graph.sent();
    expect(view).toMatchObject({ from: PKI_PEOPLE.sender.address, to: [anna, jurist], subject: "Sag 2026-117" });
    expect(view?.contentType).toMatch(/application\/pkcs7-mime.*enveloped-data/);
    expect(view?.envelopeRecipients.map((r) => r.address).sort()).toEqual([PKI_PEOPLE.sender.address, anna, jurist].sort());
    expect(view?.readAs).toEqual(
      expect.arrayContaining([
        { role: "sender", address: PKI_PEOPLE.sender.address, ok: true },
        { role: "recipient", address: anna, ok: true },
        { role: "recipient", address: jurist, ok: true },
      ]),
    );
    expect(view?.signature).toMatchObject({ valid: true, signer: PKI_PEOPLE.sender.name, signerAddress: PKI_PEOPLE.sender.address, chainTo: "Playground CA" });
    expect(view?.inner?.attachments).toEqual(["afgoerelse.pdf"]);
    expect(view?.inner?.excerpt).toContain(`${CPR.slice(0, 6)}-XXXX`);
    expect(view?.inner?.excerpt).not.toContain(CPR);
  });

  test("a message from another PKI: no key reads it, no signature shown as valid; plain MIME is named as not S/MIME", async () => {
    const graph = new FakeGraph(pki, crypto);
    const auth = `Bearer ${graph.issueToken()}`;
    graph.sendMail({ authorization: auth, contentType: "text/plain" }, b64(await signedFor(pkiOther, [anna])));
    graph.sendMail({ authorization: auth, contentType: "text/plain" }, b64(message([anna], "ukrypteret")));
    const [plain, foreign] = await graph.sent();
    expect(plain?.error).toMatch(/Ikke en S\/MIME-krypteret besked/);
    expect(plain?.readAs).toEqual([]);
    expect(foreign?.envelopeRecipients.every((r) => r.address === undefined)).toBe(true);
    expect(foreign?.readAs).toEqual([]);
    expect(foreign?.signature).toBeUndefined();
    expect(foreign?.inner).toBeUndefined();
  });
});
