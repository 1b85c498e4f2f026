/**
 * The local Outlook playground's web server (`npm run playground`): node:http (or node:https
 * with --https, for sideloading into real Outlook), GET and HEAD only, files from three fixed
 * folders and nothing else.
 *
 *   /             dist-playground/   the simulated compose window (playground.html as index)
 *   /addin/       dist-addin/        the REAL built add-in for the playground, Office.js → shim
 *   /*            dist-addin/        the same add-in unchanged, where manifest.xml points real
 *                                    Outlook (https://localhost:3000/taskpane.html …)
 *   /samples/     samples/mails/     the sample mails; /samples/index.json lists them
 *   /playground-config.json          what the page needs to know (the policy URL, if any)
 *   /addin/policy.json, /policy.json the admin policy given with --policy (validated at start)
 *   /certificates/directory.json     the S/MIME certificate directory of the test PKI (smime-pki.ts)
 *   /graph/v1.0/me/sendMail          a fake Microsoft Graph sendMail (POST; fake-graph.ts)
 *   /playground/…                    the fake host's NAA tokens (POST), the sent S/MIME mail (read
 *                                    with the test keys; /playground/sent/N.eml as received), the
 *                                    caseworker's PKCS#12 and the test CA
 *
 * Office.js: the add-in's pages load Office.js from Microsoft's CDN
 * (https://appsforoffice.microsoft.com/lib/1/hosted/office.js). The playground has no
 * internet and no real Outlook, so when it serves an .html file under /addin/ it rewrites
 * exactly that script URL to /office-shim.js, which hands the pane the playground's fake
 * Office object (src/playground/page/office-shim.ts). Nothing else in the add-in's files changes.
 */
import { createHash, webcrypto } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { homedir } from "node:os";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { parsePolicy, PolicyError, policyNotes } from "../core/policy/policy";
import { PUBLIC_LIST_DOMAIN_SAFETY } from "../core/policy/public-domain-lists";
import { FakeGraph, GRAPH_BASE_PATH, GRAPH_MAX_REQUEST_BYTES, NAA_TOKEN_PATH, SEND_MAIL_PATH, SENT_PATH } from "./fake-graph";
import { ORG_DOMAIN, PLAYGROUND_LABELS } from "./page/compose-model";
import { certificateDirectory, makePlaygroundPki, PKI_PEOPLE, PLAYGROUND_P12_PASSWORD, type PlaygroundPki, type WebCrypto } from "./smime-pki";

export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const OFFICE_SHIM_URL = "/office-shim.js";
export const POLICY_PATH = "/addin/policy.json";
export const DIRECTORY_PATH = "/certificates/directory.json";
export const SENDER_P12_PATH = "/playground/sagsbehandler.p12";
export const CA_PEM_PATH = "/playground/playground-ca.pem";
/**
 * The playground's "Entra app registration" for the S/MIME policy. No one signs in: the fake
 * host's NAA bridge (page/office-shim.ts) answers MSAL with a token from this server.
 */
export const PLAYGROUND_CLIENT_ID = "5e7a6b1c-0d2e-4f30-8a41-b52c63d74e85";

/** Sent with the playground's own pages. The add-in's pages bring their own (a meta tag). */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface PlaygroundOptions {
  /** 0 picks a free port. Default 3000. */
  readonly port?: number;
  /** Default 127.0.0.1: the playground is for this machine only. */
  readonly host?: string;
  /** An admin policy file, validated at start and served at /addin/policy.json. */
  readonly policyFile?: string;
  /** The repository root (where dist-playground/, dist-addin/ and samples/ are). Found from this file by default. */
  readonly root?: string;
  /** Also serve test tools (axe-core and MSAL's browser bundle under /test-tools/), for the browser tests only. */
  readonly testTools?: boolean;
  /** Serve over HTTPS (real Outlook loads add-ins only over HTTPS), with this PEM certificate and key. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

/** Where `npx office-addin-dev-certs install` puts the trusted localhost certificate. */
export const DEV_CERT_DIR = join(homedir(), ".office-addin-dev-certs");

export interface PlaygroundServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A start-up problem the user can fix (a bad policy file, a missing build). */
export class PlaygroundStartError extends Error {
  override readonly name = "PlaygroundStartError";
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".eml": "message/rfc822",
  ".msg": "application/vnd.ms-outlook",
};

function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** The nearest folder above `from` with a package.json: the repository root, from src/ or dist/src/. */
export function findRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new PlaygroundStartError(`no package.json above ${from}`);
    dir = up;
  }
}

/**
 * The playground's built-in policies, one per level of evidence the add-in knows
 * (core/secure/protection.ts): the add-in's default with the simulated organisation's domain as
 * internal, and
 *  - "gateway": its gateway verified when the server started (the playground's gateway is the
 *    test simulator's, admin/gateway/rules.json), so "Send sikkert" secures a mail;
 *  - "unverified": no attestation, as the add-in's built-in policy: a marker alone;
 *  - "label": the sensitivity label method, with the fake mailbox's label catalog.
 */
export function playgroundPolicies(now: Date = new Date()): Record<BuiltInLevel, string> {
  const json = (v: unknown): string => JSON.stringify(v, null, 2);
  return {
    gateway: json({ ...POLICY_BASE, send: { ...SEND_BASE, gateway: { verifiedAt: now.toISOString(), maxAgeDays: 31, signs: false, verifiedBy: "legepladsens gateway-simulator" } } }),
    unverified: json({ ...POLICY_BASE, send: SEND_BASE }),
    label: json({ ...POLICY_BASE, send: { ...SEND_BASE, protection: { method: "label" }, labels: { apply: PLAYGROUND_LABELS.encrypting.id, encrypting: [PLAYGROUND_LABELS.encrypting] } } }),
  };
}

const POLICY_BASE = { version: 1, name: "Eksempel Kommune (legeplads)" };
const SEND_BASE = { internalDomains: [ORG_DOMAIN] };

/**
 * The S/MIME levels (docs/smime.md): the pane builds the message and sends it through Graph,
 * here the playground's fake Graph on the origin the page was loaded from; the test PKI's CA is
 * the trust anchor and its directory is on the add-in's origin.
 */
export function smimePolicy(mode: "sign-and-encrypt" | "encrypt-only", caPem: string, origin: string): string {
  const smime = { mode, directory: DIRECTORY_PATH, trustAnchors: [caPem], graph: { endpoint: `${origin}${GRAPH_BASE_PATH}`, clientId: PLAYGROUND_CLIENT_ID } };
  return JSON.stringify({ ...POLICY_BASE, send: { ...SEND_BASE, protection: { method: "smime" }, smime } }, null, 2);
}

type BuiltInLevel = "gateway" | "unverified" | "label";
export type PlaygroundLevel = BuiltInLevel | "smime" | "smime-encrypt-only";
export const PLAYGROUND_LEVELS: readonly PlaygroundLevel[] = ["gateway", "unverified", "label", "smime", "smime-encrypt-only"];

/** Reads and validates the policy file; the error names the file and the wrong setting. */
export function readPolicyFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new PlaygroundStartError(`cannot read policy file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    parsePolicy(JSON.parse(text), PUBLIC_LIST_DOMAIN_SAFETY);
  } catch (e) {
    if (e instanceof PolicyError || e instanceof SyntaxError) throw new PlaygroundStartError(`invalid policy file ${file}: ${e.message}`);
    throw e;
  }
  return text;
}

/** Maps a URL path into `base`, or null when it would leave it (../, encoded or not) or is malformed. */
export function safeJoin(base: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const root = resolve(base);
  const full = resolve(root, `.${decoded.startsWith("/") ? "" : "/"}${decoded}`);
  return full === root || full.startsWith(root + sep) ? full : null;
}

interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer | string;
  readonly headers?: Record<string, string>;
}

const notFound = (): Reply => ({ status: 404, type: "text/plain; charset=utf-8", body: "Ikke fundet\n" });

/**
 * Reads a request body up to `limit` bytes; past it, the rest is read and dropped and the answer
 * is "too-large" (Graph's 413), so the client gets a reply rather than a reset connection.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  const declared = Number(req.headers["content-length"] ?? "0");
  let over = Number.isFinite(declared) && declared > limit;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) over = true;
    if (!over) chunks.push(chunk);
  }
  return over ? "too-large" : Buffer.concat(chunks);
}

/** The origin the browser used (the Host header), for the S/MIME policy's Graph endpoint; only a plain host[:port]. */
function originOf(req: IncomingMessage, tls: boolean): string {
  const host = req.headers.host ?? "";
  return `${tls ? "https" : "http"}://${/^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:]+\](?::\d{1,5})?$/.test(host) ? host : "127.0.0.1"}`;
}

export async function startPlaygroundServer(options: PlaygroundOptions = {}): Promise<PlaygroundServer> {
  const root = options.root ?? findRoot();
  const host = options.host ?? "127.0.0.1";
  const dirs = { playground: join(root, "dist-playground"), addin: join(root, "dist-addin"), samples: join(root, "samples", "mails") };
  for (const [dir, script] of [
    [dirs.playground, "build:playground"],
    [dirs.addin, "build:addin"],
  ] as const) {
    if (!existsSync(dir)) throw new PlaygroundStartError(`${dir} is missing: run "npm run ${script}" first (npm run playground does)`);
  }
  const builtIn = options.policyFile === undefined ? playgroundPolicies() : null;
  const crypto = webcrypto as unknown as WebCrypto;
  // The test PKI is made on the first S/MIME request (about a second of key generation): a
  // playground that never uses S/MIME, or a test server, does not wait for it.
  type SmimeState = Promise<{ pki: PlaygroundPki; graph: FakeGraph; directory: string }>;
  let smimeState: SmimeState | undefined;
  const smimeReady = (): SmimeState => {
    smimeState ??= makePlaygroundPki(crypto).then((pki) => ({ pki, graph: new FakeGraph(pki, crypto), directory: certificateDirectory(pki) }));
    return smimeState;
  };
  const policy = options.policyFile !== undefined ? readPolicyFile(options.policyFile) : (builtIn?.gateway ?? "");
  const levelPath = (level: PlaygroundLevel): string => (level === "gateway" ? POLICY_PATH : POLICY_PATH.replace(".json", `-${level}.json`));
  // The page marks recipients internal by the same domains as the add-in, and offers the built-in levels.
  const config = JSON.stringify({
    policyUrl: POLICY_PATH,
    internalDomains: parsePolicy(JSON.parse(policy), PUBLIC_LIST_DOMAIN_SAFETY).send.internalDomains,
    levels: builtIn === null ? [] : PLAYGROUND_LEVELS.map((id) => ({ id, policyUrl: levelPath(id) })),
    smime: { senderP12: SENDER_P12_PATH, password: PLAYGROUND_P12_PASSWORD, sender: PKI_PEOPLE.sender.address, recipients: PKI_PEOPLE.recipients },
  });
  const axe = options.testTools === true ? join(root, "node_modules", "axe-core", "axe.min.js") : null;
  // MSAL's browser bundle, for the test that drives the fake host's NAA bridge with the real MSAL.
  const msal = options.testTools === true ? join(root, "node_modules", "@azure", "msal-browser", "lib", "msal-browser.min.js") : null;

  /**
   * "playground": the compose window's files, with its CSP header. "shimmed": an add-in page
   * for the playground, Office.js pointed at the shim. "addin": the add-in as built, for real
   * Outlook (its pages carry their own CSP; Outlook on the web frames them).
   */
  async function file(path: string | null, kind: "playground" | "shimmed" | "addin"): Promise<Reply> {
    if (path === null) return notFound();
    try {
      const info = await stat(path);
      if (!info.isFile()) return notFound();
      const data = await readFile(path);
      const type = contentType(path);
      const html = type.startsWith("text/html");
      if (kind === "shimmed" && html) return { status: 200, type, body: data.toString("utf8").split(OFFICE_JS_URL).join(OFFICE_SHIM_URL) };
      return { status: 200, type, body: data, ...(kind === "playground" && html ? { headers: { "Content-Security-Policy": PLAYGROUND_CSP } } : {}) };
    } catch {
      return notFound();
    }
  }

  async function route(pathname: string, origin: string): Promise<Reply> {
    if (pathname === "/" || pathname === "/index.html") return file(join(dirs.playground, "playground.html"), "playground");
    if (pathname === DIRECTORY_PATH) return { status: 200, type: TYPES[".json"] ?? "", body: (await smimeReady()).directory };
    if (pathname === SENDER_P12_PATH) return { status: 200, type: "application/x-pkcs12", body: Buffer.from((await smimeReady()).pki.senderP12), headers: { "Content-Disposition": 'attachment; filename="sagsbehandler.p12"' } };
    if (pathname === CA_PEM_PATH) return { status: 200, type: "application/x-pem-file", body: (await smimeReady()).pki.caPem };
    const eml = pathname.startsWith(`${SENT_PATH}/`) ? /^(\d{1,9})\.eml$/.exec(pathname.slice(SENT_PATH.length + 1)) : null;
    if (eml !== null) {
      const mime = (await smimeReady()).graph.mime(Number(eml[1]));
      return mime !== undefined ? { status: 200, type: "message/rfc822", body: Buffer.from(mime) } : notFound();
    }
    if (pathname === SENT_PATH) return { status: 200, type: TYPES[".json"] ?? "", body: JSON.stringify(await (await smimeReady()).graph.sent()) };
    if (builtIn !== null && pathname === levelPath("smime")) return { status: 200, type: TYPES[".json"] ?? "", body: smimePolicy("sign-and-encrypt", (await smimeReady()).pki.caPem, origin) };
    if (builtIn !== null && pathname === levelPath("smime-encrypt-only")) return { status: 200, type: TYPES[".json"] ?? "", body: smimePolicy("encrypt-only", (await smimeReady()).pki.caPem, origin) };
    if (pathname === "/playground-config.json") return { status: 200, type: TYPES[".json"] ?? "", body: config };
    if (pathname === POLICY_PATH || pathname === "/policy.json") return { status: 200, type: TYPES[".json"] ?? "", body: policy };
    for (const level of ["unverified", "label"] as const) {
      if (builtIn !== null && pathname === levelPath(level)) return { status: 200, type: TYPES[".json"] ?? "", body: builtIn[level] };
    }
    if (pathname === "/samples/index.json") {
      const names = existsSync(dirs.samples) ? (await readdir(dirs.samples, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith(".")).map((d) => d.name).sort() : [];
      return { status: 200, type: TYPES[".json"] ?? "", body: JSON.stringify(names) };
    }
    if (pathname === "/test-tools/axe.min.js") return axe !== null ? file(axe, "playground") : notFound();
    if (pathname === "/test-tools/msal-browser.min.js") return msal !== null ? file(msal, "playground") : notFound();
    // /addin/* : the built add-in (its own CSP in the page), with Office.js pointed at the shim.
    if (pathname.startsWith("/addin/")) return file(safeJoin(dirs.addin, pathname.slice("/addin".length)), "shimmed");
    if (pathname.startsWith("/samples/")) return file(safeJoin(dirs.samples, pathname.slice("/samples".length)), "playground");
    const own = await file(safeJoin(dirs.playground, pathname), "playground");
    // Everything else is the add-in as built, where the manifest points real Outlook.
    return own.status === 200 ? own : file(safeJoin(dirs.addin, pathname), "addin");
  }

  /** The fake host's and the fake Graph's POST endpoints; null for any other path. */
  async function post(pathname: string, req: IncomingMessage): Promise<Reply | null> {
    if (pathname === NAA_TOKEN_PATH) {
      await readBody(req, 4096);
      return { status: 200, type: TYPES[".json"] ?? "", body: JSON.stringify({ accessToken: (await smimeReady()).graph.issueToken(), expiresIn: 3600 }) };
    }
    if (pathname === SEND_MAIL_PATH) {
      const body = await readBody(req, GRAPH_MAX_REQUEST_BYTES);
      return (await smimeReady()).graph.sendMail({ authorization: req.headers.authorization, contentType: req.headers["content-type"] }, body);
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };
    const raw = req.url ?? "/";
    const pathname = raw.split(/[?#]/, 1)[0] ?? "/";
    const posted = req.method === "POST" ? await post(pathname, req) : null;
    if (posted !== null) {
      const body = Buffer.from(posted.body as string, "utf8");
      res.writeHead(posted.status, { ...base, "Content-Type": posted.type, "Content-Length": String(body.length) });
      res.end(body);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...base, Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      res.end("Kun GET og HEAD\n");
      return;
    }
    // Only plain absolute paths; a literal or encoded ".." segment never reaches the disk.
    const reply = pathname.startsWith("/") ? await route(pathname, originOf(req, options.tls !== undefined)) : notFound();
    const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
    const headers: Record<string, string> = { ...base, ...reply.headers };
    if (reply.status === 200) {
      // Revalidated on every load (a rebuild is seen at once), but kept: Chromium then keeps the
      // scripts' compiled code too, and a new handler runtime starts ~45 ms sooner (docs/deployment.md).
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
      Object.assign(headers, { "Cache-Control": "no-cache", ETag: etag });
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    res.writeHead(reply.status, { ...headers, "Content-Type": reply.type, "Content-Length": String(body.length) });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Intern fejl\n");
    });
  };
  const server = options.tls !== undefined ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 3000, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `${options.tls !== undefined ? "https" : "http"}://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((e) => {
          if (e) fail(e);
          else ok();
        });
      }),
  };
}

const USAGE = `Brug: npm run playground -- [--port N] [--policy FIL] [--https [--cert FIL --key FIL]]

Starter Sikker Post-legepladsen: et simuleret Outlook-skrivevindue med det rigtige,
byggede tilføjelsesprogram. Kører kun på denne maskine.

  --port N       port (standard 3000; 0 vælger en ledig)
  --policy FIL   politikfil (JSON), kontrolleres ved start og bruges af tilføjelsesprogrammet
  --https        HTTPS på https://localhost:PORT/, så rigtig Outlook kan indlæse
                 tilføjelsesprogrammet (manifest.xml). Bruger udviklercertifikatet fra
                 "npx office-addin-dev-certs install" (${DEV_CERT_DIR}),
                 eller --cert/--key (PEM-filer)`;

/** Reads a PEM certificate and key; a missing file is a start-up problem with the fix named. */
export function readTls(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  } catch (e) {
    throw new PlaygroundStartError(`cannot read the HTTPS certificate (${e instanceof Error ? e.message : String(e)}). Run "npx office-addin-dev-certs install" (Windows/Mac), or give --cert and --key`);
  }
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Starts the server from command-line arguments: the server, or an exit code (2: usage or policy, 1: could not start). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<PlaygroundServer | number> {
  let values: { port?: string | undefined; policy?: string | undefined; help?: boolean | undefined; https?: boolean | undefined; cert?: string | undefined; key?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: "string" }, policy: { type: "string" }, help: { type: "boolean", short: "h" }, https: { type: "boolean" }, cert: { type: "string" }, key: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    io.err(`sikker-post playground: ${e instanceof Error ? e.message : String(e)}`);
    io.err(USAGE);
    return 2;
  }
  if (values.help === true) {
    io.out(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`sikker-post playground: --port must be a number from 0 to 65535, not "${values.port ?? ""}"`);
    return 2;
  }
  if ((values.cert !== undefined || values.key !== undefined) && values.https !== true) {
    io.err("sikker-post playground: --cert and --key go with --https");
    return 2;
  }
  try {
    const tls = values.https === true ? readTls(values.cert ?? join(DEV_CERT_DIR, "localhost.crt"), values.key ?? join(DEV_CERT_DIR, "localhost.key")) : undefined;
    const server = await startPlaygroundServer({
      port,
      ...(values.policy !== undefined ? { policyFile: values.policy } : {}),
      ...(tls !== undefined ? { tls, host: "localhost" } : {}),
    });
    io.out(`Sikker Post playground: ${server.url}`);
    if (values.policy !== undefined) {
      io.out(`Politik: ${values.policy} (${POLICY_PATH})`);
      for (const note of policyNotes(parsePolicy(JSON.parse(readFileSync(values.policy, "utf8")), PUBLIC_LIST_DOMAIN_SAFETY))) io.out(`Bemærk: ${note}`);
    } else {
      io.out(`Politik: den indbyggede, med ${ORG_DOMAIN} som intern domæne (${POLICY_PATH})`);
    }
    if (tls !== undefined) io.out(`Rigtig Outlook: manifest.xml peger på ${server.url}taskpane.html og ${server.url}commands.html`);
    io.out("Stop med Ctrl+C.");
    return server;
  } catch (e) {
    io.err(`sikker-post playground: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof PlaygroundStartError ? 2 : 1;
  }
}

if (require.main === module) {
  const io: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
  runCli(process.argv.slice(2), io).then(
    (result) => {
      if (typeof result === "number") {
        process.exitCode = result;
        return;
      }
      const stop = (): void => {
        result.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    },
    (e: unknown) => {
      io.err(`sikker-post playground: intern fejl: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 3;
    },
  );
}
