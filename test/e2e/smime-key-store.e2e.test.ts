/**
 * The pane's key store in real Chromium: a non-extractable CryptoKey survives IndexedDB's
 * structured clone and a page reload, still signs and decrypts, and cannot be exported; keys are
 * per profile; "Fjern nøgle" removes it. jsdom has no IndexedDB, hence a browser; the unit tests
 * use MemorySmimeStore, which this test holds to the same contract.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import ts from "typescript";
import { CHROMIUM } from "./playground-browser";

jest.setTimeout(60000);

let server: Server;
let browser: Browser;
let url = "";

beforeAll(async () => {
  // The real store module, with its type-only imports erased, as a module script.
  const source = readFileSync(join(__dirname, "..", "..", "src", "office", "smime-key-store.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2020, target: ts.ScriptTarget.ES2020 } }).outputText;
  server = createServer((req, res) => {
    if (req.url === "/store.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(`${js}\nwindow.IndexedDbSmimeStore = IndexedDbSmimeStore;\nwindow.MemorySmimeStore = MemorySmimeStore;`);
      return;
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end('<!doctype html><script type="module" src="/store.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
});

afterAll(async () => {
  await browser.close();
  await new Promise((r) => server.close(r));
});

type StoreWindow = typeof globalThis & { IndexedDbSmimeStore: new (profile: string) => { saveKey(k: unknown): Promise<void>; loadKey(): Promise<{ signKey: CryptoKey; decryptKey: CryptoKey; certDer: Uint8Array; chainDer: Uint8Array[] } | null>; removeKey(): Promise<void>; addCertificate(b: Uint8Array): Promise<void>; certificates(): Promise<Uint8Array[]> } };

it("keeps a non-extractable key across a reload, usable but not exportable, per profile, until removed", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => "IndexedDbSmimeStore" in window);
  const publicKeys = await page.evaluate(async () => {
    const w = window as unknown as StoreWindow;
    const signPair = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["sign", "verify"]);
    const oaepPair = await crypto.subtle.generateKey({ name: "RSA-OAEP", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["encrypt", "decrypt"]);
    const store = new w.IndexedDbSmimeStore("Alice@Kommune.Example.dk");
    await store.saveKey({ certDer: new Uint8Array([1, 2, 3]), chainDer: [new Uint8Array([4])], signKey: signPair.privateKey, decryptKey: oaepPair.privateKey });
    await store.addCertificate(new Uint8Array([9, 9]));
    const spki = async (k: CryptoKey) => Array.from(new Uint8Array(await crypto.subtle.exportKey("spki", k)));
    return { sign: await spki(signPair.publicKey), oaep: await spki(oaepPair.publicKey) };
  });

  await page.reload();
  await page.waitForFunction(() => "IndexedDbSmimeStore" in window);
  const after = await page.evaluate(async (pub) => {
    const w = window as unknown as StoreWindow;
    const store = new w.IndexedDbSmimeStore("alice@kommune.example.dk");
    const key = await store.loadKey();
    if (key === null) return { found: false };
    const data = new TextEncoder().encode("Særlige forhold");
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.signKey, data);
    const verifyKey = await crypto.subtle.importKey("spki", new Uint8Array(pub.sign), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
    const verified = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", verifyKey, signature, data);
    const encryptKey = await crypto.subtle.importKey("spki", new Uint8Array(pub.oaep), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["encrypt"]);
    const sealed = await crypto.subtle.encrypt({ name: "RSA-OAEP" }, encryptKey, data);
    const opened = new TextDecoder().decode(await crypto.subtle.decrypt({ name: "RSA-OAEP" }, key.decryptKey, sealed));
    let exported = "no";
    try {
      await crypto.subtle.exportKey("pkcs8", key.signKey);
      exported = "yes";
    } catch {
      exported = "refused";
    }
    const other = await new w.IndexedDbSmimeStore("bob@kommune.example.dk").loadKey();
    const certs = await store.certificates();
    await store.removeKey();
    const removed = await store.loadKey();
    return { found: true, isCryptoKey: key.signKey instanceof CryptoKey, extractable: key.signKey.extractable || key.decryptKey.extractable, verified, opened, exported, otherProfile: other === null, certs: certs.map((c) => Array.from(c)), cert: Array.from(key.certDer), removed: removed === null };
  }, publicKeys);

  expect(after).toEqual({ found: true, isCryptoKey: true, extractable: false, verified: true, opened: "Særlige forhold", exported: "refused", otherProfile: true, certs: [[9, 9]], cert: [1, 2, 3], removed: true });
  await context.close();
});
