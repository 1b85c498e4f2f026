/** The playground server: what it serves, what it refuses, and how it starts. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePolicy } from "../../src/core/policy/policy";
import { ORG_DOMAIN } from "../../src/playground/page/compose-model";
import { OFFICE_JS_URL, OFFICE_SHIM_URL, POLICY_PATH, runCli, safeJoin, startPlaygroundServer, type PlaygroundServer } from "../../src/playground/server";

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
    expect(await (await get("/playground-config.json")).json()).toEqual({ policyUrl: POLICY_PATH, internalDomains: ["samarbejde.example.dk"], levels: [] });
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
      expect(config.levels.map((l) => l.id)).toEqual(["gateway", "unverified", "label"]);
      const policies = await Promise.all(config.levels.map(async (l) => parsePolicy(await (await fetch(`${server.url}${l.policyUrl.slice(1)}`)).json())));
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
