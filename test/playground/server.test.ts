/** The playground server: what it serves, what it refuses, and how it starts. */
import { execFileSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePolicy } from "../../src/core/policy/policy";
import { certLabel, makeEngine, readPkcs12, type WebCrypto } from "../../src/core/smime";
import { ORG_DOMAIN } from "../../src/playground/page/compose-model";
import { CA_PEM_PATH, DIRECTORY_PATH, OFFICE_JS_URL, OFFICE_SHIM_URL, PLAYGROUND_CLIENT_ID, POLICY_PATH, runCli, safeJoin, SENDER_P12_PATH, startPlaygroundServer, type PlaygroundServer } from "../../src/playground/server";
import { PKI_PEOPLE, PLAYGROUND_P12_PASSWORD } from "../../src/playground/smime-pki";

const dir = mkdtempSync(join(tmpdir(), "sp-playground-"));
const goodPolicy = join(dir, "policy.json");
writeFileSync(goodPolicy, JSON.stringify({ version: 1, send: { internalDomains: ["samarbejde.example.dk"] } }));
const badPolicy = join(dir, "bad.json");
writeFileSync(badPolicy, JSON.stringify({ version: 1, send: { termsAction: "maybe" } }));

function io(): { out: string[]; err: string[]; io: { out(l: string): void; err(l: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

describe("safeJoin", () => {
  test.each(["/../package.json", "/%2e%2e/package.json", "/a/../../x", "/%00", "/..%5cx", "/%E0%A4%A"])("refuses %s", (p) => {
    expect(safeJoin("/srv/root", p)).toBeNull();
  });
  test("maps a path inside the folder", () => {
    expect(safeJoin("/srv/root", "/addin/taskpane.html")).toBe("/srv/root/addin/taskpane.html");
  });
});

describe("the running server", () => {
  let server: PlaygroundServer;
  beforeAll(async () => {
    server = await startPlaygroundServer({ port: 0, policyFile: goodPolicy });
  });
  afterAll(async () => {
    await server.close();
  });
  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(new URL(path, server.url), init);

  test("listens on 127.0.0.1 only", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test("serves the compose window with a strict CSP", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self';/);
    expect(await res.text()).toContain("playground.js");
  });

  test("serves the real built pane with Office.js pointed at the shim, and nothing else changed", async () => {
    const html = await (await get("/addin/taskpane.html")).text();
    expect(html).toContain(OFFICE_SHIM_URL);
    expect(html).not.toContain(OFFICE_JS_URL);
    const js = await get("/addin/commands.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
  });

  test("serves the add-in unchanged where manifest.xml points real Outlook, without the playground's frame-blocking header", async () => {
    const res = await get("/taskpane.html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBeNull();
    const html = await res.text();
    expect(html).toContain(OFFICE_JS_URL);
    expect(html).not.toContain(OFFICE_SHIM_URL);
    expect((await get("/commands.html")).status).toBe(200);
  });

  test("serves the validated admin policy and tells the page where it is", async () => {
    expect(await (await get("/playground-config.json")).json()).toMatchObject({ policyUrl: POLICY_PATH, internalDomains: ["samarbejde.example.dk"], levels: [] });
    expect(await (await get(POLICY_PATH)).json()).toEqual({ version: 1, send: { internalDomains: ["samarbejde.example.dk"] } });
    expect(await (await get("/policy.json")).json()).toEqual({ version: 1, send: { internalDomains: ["samarbejde.example.dk"] } });
  });

  test("lists the sample mails", async () => {
    const names = (await (await get("/samples/index.json")).json()) as string[];
    expect(names).toContain("01-jobcenter-sygedagpenge.eml");
  });

  test("lets the browser keep files, revalidated on every load: a rebuild is served at once, an unchanged file is a 304", async () => {
    const first = await get("/addin/commands.js");
    const etag = first.headers.get("etag") ?? "";
    expect(first.headers.get("cache-control")).toBe("no-cache");
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    const again = await get("/addin/commands.js", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await get("/addin/commands.js", { headers: { "If-None-Match": '"something-else"' } });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe((await first.arrayBuffer()).byteLength);
    expect((await get("/nope.js")).headers.get("cache-control")).toBe("no-store");
  });

  test("refuses other methods, unknown paths and paths out of its folders", async () => {
    expect((await get("/", { method: "POST" })).status).toBe(405);
    expect((await get("/nope.html")).status).toBe(404);
    expect((await get("/addin/%2e%2e/package.json")).status).toBe(404);
    expect((await get("/test-tools/axe.min.js")).status).toBe(404);
  });
});

describe("the server without --policy", () => {
  test("serves the built-in playground policies: the default with the organisation's domain internal, one per protection level", async () => {
    const server = await startPlaygroundServer({ port: 0 });
    try {
      const config = (await (await fetch(`${server.url}playground-config.json`)).json()) as { policyUrl: string; internalDomains: string[]; levels: { id: string; policyUrl: string }[] };
      expect(config.policyUrl).toBe(POLICY_PATH);
      expect(config.internalDomains).toEqual([ORG_DOMAIN]);
      expect(config.levels.map((l) => l.id)).toEqual(["gateway", "unverified", "label", "smime", "smime-encrypt-only"]);
      const policies = await Promise.all(config.levels.slice(0, 3).map(async (l) => parsePolicy(await (await fetch(`${server.url}${l.policyUrl.slice(1)}`)).json())));
      const [gateway, unverified, label] = policies;
      for (const p of policies) expect(p.send.internalDomains).toEqual([ORG_DOMAIN]);
      // Verified when the server started: the attestation is fresh.
      expect(Date.now() - Date.parse(gateway?.send.protection.gateway?.verifiedAt ?? "")).toBeLessThan(60_000);
      expect(unverified?.send.protection.gateway).toBeUndefined();
      expect({ ...unverified, name: "", send: { ...unverified?.send, internalDomains: [] } }).toEqual({ ...parsePolicy({ version: 1 }), name: "" });
      expect(label?.send.protection.method).toBe("label");
    } finally {
      await server.close();
    }
  });
});

describe("runCli", () => {
  test("a broken policy file stops the start with exit code 2 and names the setting", async () => {
    const r = io();
    expect(await runCli(["--port", "0", "--policy", badPolicy], r.io)).toBe(2);
    expect(r.err.join("\n")).toMatch(/bad\.json.*termsAction/s);
  });
  test("HTTPS for real Outlook: with a certificate it serves the add-in over TLS; without one it says how to get one", async () => {
    const cert = join(dir, "localhost.crt");
    const key = join(dir, "localhost.key");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    const r = io();
    const started = await runCli(["--port", "0", "--https", "--cert", cert, "--key", key], r.io);
    if (typeof started === "number") throw new Error(`exit ${String(started)}: ${r.err.join("\n")}`);
    expect(started.url).toMatch(/^https:\/\/localhost:\d+\/$/);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(new URL("taskpane.html", started.url), { ca: readFileSync(cert) }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString("utf8")));
          res.on("end", () => {
            resolve(text);
          });
        })
        .on("error", reject);
    });
    expect(body).toContain(OFFICE_JS_URL);
    await started.close();
    const missing = io();
    expect(await runCli(["--port", "0", "--https", "--cert", join(dir, "none.crt"), "--key", key], missing.io)).toBe(2);
    expect(missing.err.join("\n")).toMatch(/office-addin-dev-certs install/);
    expect(await runCli(["--port", "0", "--cert", cert], missing.io)).toBe(2);
  });
  test("a missing policy file and a bad port are usage errors", async () => {
    const r = io();
    expect(await runCli(["--port", "0", "--policy", join(dir, "missing.json")], r.io)).toBe(2);
    expect(await runCli(["--port", "70000"], r.io)).toBe(2);
    expect(await runCli(["--nope"], r.io)).toBe(2);
  });
  test("the bundled sample policy (docs/playground.md) is valid and starts the playground", async () => {
    const r = io();
    const started = await runCli(["--port", "0", "--policy", join(__dirname, "..", "..", "samples", "policy.json")], r.io);
    if (typeof started === "number") throw new Error(`exit ${String(started)}: ${r.err.join("\n")}`);
    expect(r.out[1]).toMatch(/policy\.json/);
    await started.close();
  });
  test("starts, prints its URL, and stops", async () => {
    const r = io();
    const started = await runCli(["--port", "0"], r.io);
    if (typeof started === "number") throw new Error(`exit ${String(started)}: ${r.err.join("\n")}`);
    expect(r.out[0]).toBe(`Sikker Post playground: ${started.url}`);
    await started.close();
  });
});

describe("S/MIME in the playground: the test PKI, the directory, the levels and the fake Graph", () => {
  let server: PlaygroundServer;
  beforeAll(async () => {
    server = await startPlaygroundServer({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });
  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(new URL(path, server.url), init);
  const origin = (): string => server.url.replace(/\/$/, "");

  test("the S/MIME levels point Graph at this server, trust the Playground CA and use the directory on the add-in's origin", async () => {
    const config = (await (await get("/playground-config.json")).json()) as { levels: { id: string; policyUrl: string }[]; smime: { senderP12: string; password: string; sender: string } };
    const caPem = await (await get(CA_PEM_PATH)).text();
    for (const [id, mode] of [["smime", "sign-and-encrypt"], ["smime-encrypt-only", "encrypt-only"]] as const) {
      const url = config.levels.find((l) => l.id === id)?.policyUrl ?? "";
      const policy = (await (await get(url)).json()) as { send: { internalDomains: string[]; protection: { method: string }; smime: { mode: string; directory: string; trustAnchors: string[]; graph: { endpoint: string; clientId: string } } } };
      expect(policy.send.protection.method).toBe("smime");
      expect(policy.send.internalDomains).toEqual([ORG_DOMAIN]);
      expect(policy.send.smime).toEqual({ mode, directory: DIRECTORY_PATH, trustAnchors: [caPem], graph: { endpoint: `${origin()}/graph/v1.0`, clientId: PLAYGROUND_CLIENT_ID } });
      // The add-in's own policy parser takes it, http:// on loopback included.
      expect(parsePolicy(policy).send.protection).toMatchObject({ method: "smime", smime: { mode, graph: { endpoint: `${origin()}/graph/v1.0` } } });
    }
    // The page offers the caseworker's key file with its password.
    expect(config.smime).toMatchObject({ senderP12: SENDER_P12_PATH, password: PLAYGROUND_P12_PASSWORD, sender: PKI_PEOPLE.sender.address });
    const p12 = await get(SENDER_P12_PATH);
    expect(p12.headers.get("content-disposition")).toMatch(/attachment; filename="sagsbehandler\.p12"/);
    const key = await readPkcs12(new Uint8Array(await p12.arrayBuffer()), PLAYGROUND_P12_PASSWORD, makeEngine(webcrypto as unknown as WebCrypto));
    expect(certLabel(key.cert).commonName).toBe(PKI_PEOPLE.sender.name);
  });

  test("the certificate directory holds the valid and the expired recipients in the contract's format", async () => {
    const res = await get(DIRECTORY_PATH);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const dir = (await res.json()) as { version: number; certificates: { address: string; pem: string }[] };
    expect(dir.version).toBe(1);
    const addresses = dir.certificates.map((c) => c.address);
    for (const r of PKI_PEOPLE.recipients) expect(addresses.includes(r.address)).toBe(r.certificate !== "none");
  });

  test("sendMail over HTTP: a token from /playground/naa-token opens it; without one 401; over 4 MB 413 (the body is read to the end, the client gets the answer)", async () => {
    const send = (token: string | null, body: string, type = "text/plain"): Promise<Response> =>
      get("/graph/v1.0/me/sendMail", { method: "POST", headers: { ...(token !== null ? { Authorization: `Bearer ${token}` } : {}), "Content-Type": type }, body });
    const mime = Buffer.from("From: a@b.dk\r\nTo: c@d.dk\r\nSubject: t\r\n\r\nhej\r\n").toString("base64");
    expect((await send(null, mime)).status).toBe(401);
    const { accessToken } = (await (await get("/playground/naa-token", { method: "POST" })).json()) as { accessToken: string };
    expect(accessToken).toMatch(/^playground-token-/);
    expect((await send(accessToken, mime, "application/json")).status).toBe(400);
    const tooLarge = await send(accessToken, "A".repeat(4 * 1024 * 1024 + 4));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toMatch(/4MB/);
    const ok = await send(accessToken, mime);
    expect(ok.status).toBe(202);
    expect(await ok.text()).toBe("");
    const sent = (await (await get("/playground/sent")).json()) as { subject: string; error?: string }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subject: "t", error: expect.stringMatching(/Ikke en S\/MIME/) as unknown });
    // GET on the Graph path is not sendMail.
    expect((await get("/graph/v1.0/me/sendMail")).status).toBe(404);
  });
});
