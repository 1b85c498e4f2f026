/**
 * The policy chosen at build time (scripts/addin-policy.cjs, used by webpack.config.js):
 * `--env policy=FILE` is checked with the add-in's own parsePolicy and compiled into
 * commands.js and taskpane.js; `--env policyUrl=https://…` is compiled in as a URL and brings
 * the well-known file classic Outlook needs; both at once, or a bad value, stop the build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_POLICY, parsePolicy, type Policy } from "../../src/core/policy/policy";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { BUNDLE, loadBundle } from "../helpers/handler-bundle";
import { ROOT } from "./manifest-helpers";

interface PolicySource {
  policy: Policy | null;
  policyUrl: string;
  wellKnown: string | null;
}

interface AddinPolicyModule {
  WELL_KNOWN_PATH: string;
  compiledParsePolicy: () => (json: unknown) => Policy;
  readPolicyFile: (file: unknown, parsePolicy: (json: unknown) => Policy) => Policy;
  parsePolicyUrl: (url: unknown, addinBase: string) => string;
  wellKnownAllowed: (addinBase: string) => string;
  policySource: (env: Record<string, unknown>, addinBase: string, parsePolicy?: (json: unknown) => Policy) => PolicySource;
  policyDefines: (source: PolicySource) => Record<string, string>;
}

interface WebpackConfig {
  name: string;
  plugins?: { constructor: { name: string }; definitions?: Record<string, string>; apply?: unknown }[];
}

const load = createRequire(__filename);
const addinPolicy = load(join(ROOT, "scripts", "addin-policy.cjs")) as AddinPolicyModule;
const webpackConfig = load(join(ROOT, "webpack.config.js")) as (env: Record<string, unknown>, argv: Record<string, unknown>) => WebpackConfig[];
const WEBPACK_CLI = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
const BASE = "https://sikkerpost.kommune.dk/";

const dir = mkdtempSync(join(tmpdir(), "sikker-post-policy-test-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function policyFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const EXAMPLE_INTERNAL = { version: 1, name: "Eksempel Kommune", send: { internalDomains: ["example.dk"] } };

/** The DefinePlugin values of each of the add-in's webpack configs, for an env. */
function definesFor(env: Record<string, unknown>): Record<string, Record<string, string> | undefined> {
  const out: Record<string, Record<string, string> | undefined> = {};
  for (const config of webpackConfig(env, { mode: "production" })) {
    out[config.name] = config.plugins?.find((p) => p.constructor.name === "DefinePlugin")?.definitions;
  }
  return out;
}

describe("a policy file compiled into the add-in (--env policy=FILE)", () => {
  // The validator the build runs: src/core/policy/policy.ts compiled by tsc (tsconfig.policy.json).
  let built: (json: unknown) => Policy = () => DEFAULT_POLICY;
  beforeAll(() => {
    built = addinPolicy.compiledParsePolicy();
  }, 60_000);

  it("is checked with the add-in's own parsePolicy: the build's validator and the add-in agree", () => {
    const file = policyFile("good.json", EXAMPLE_INTERNAL);
    expect(addinPolicy.readPolicyFile(file, built)).toEqual(parsePolicy(EXAMPLE_INTERNAL));
    expect(addinPolicy.readPolicyFile(file, built).send.internalDomains).toEqual(["example.dk"]);
  });

  it.each([
    [{ version: 1, send: { termsAction: "maybe" } }, "policy.send.termsAction: must be one of block, warn"],
    [{ version: 2 }, "policy.version: must be 1"],
    [{ version: 1, send: { internalDomains: ["not a domain"] } }, 'policy.send.internalDomains: "not a domain" is not a domain name'],
    [{ version: 1, limits: { maxDepth: 0 } }, "policy.limits.maxDepth: must be a whole number"],
    // The full domain check (public suffix list, webmail providers), which the send handler's bundle does not carry.
    [{ version: 1, send: { internalDomains: ["kommune.dk", "co.uk"] } }, 'policy.send.internalDomains: "co.uk" is a public suffix (ICANN section'],
    [{ version: 1, send: { internalDomains: ["gov.dk"] } }, 'policy.send.internalDomains: "gov.dk" names a sector, not an organisation'],
    [{ version: 1, send: { partnerDomains: [{ domain: "sol.dk", protects: ["cpr"] }] } }, 'policy.send.partnerDomains[0].domain: "sol.dk" is a public webmail provider'],
    [{ version: 1, detection: { terms: { disableCategories: ["health", "criminal", "social", "ethnicity", "beliefs", "trade-union", "sex-life", "genetic-biometric"] } } }, "policy.detection.terms: switches every sensitive-term category off"],
  ])("refuses %j, naming the setting", (content, message) => {
    const file = policyFile("bad.json", content);
    expect(() => addinPolicy.readPolicyFile(file, built)).toThrow(`--env policy=${file} is not a valid policy: ${message}`);
  });

  it("refuses a file that is missing or not JSON, and an empty value", () => {
    expect(() => addinPolicy.readPolicyFile(join(dir, "missing.json"), built)).toThrow(/cannot read the file/);
    expect(() => addinPolicy.readPolicyFile(policyFile("broken.json", "{version: 1"), built)).toThrow(/is not JSON/);
    expect(() => addinPolicy.readPolicyFile("", built)).toThrow(/needs a file/);
    expect(() => addinPolicy.readPolicyFile(true, built)).toThrow(/needs a file/);
  });

  it("goes into both commands.js and taskpane.js as the parsed policy, with no policy URL and no well-known file", () => {
    const defines = definesFor({ policy: policyFile("good.json", EXAMPLE_INTERNAL) });
    for (const name of ["commands", "taskpane"]) {
      const d = defines[name];
      expect(d?.__SIKKER_POST_POLICY_URL__).toBe('""');
      expect(JSON.parse(d?.__SIKKER_POST_POLICY__ ?? "null")).toEqual(JSON.parse(JSON.stringify(parsePolicy(EXAMPLE_INTERNAL))));
    }
    expect(addinPolicy.policySource({ policy: policyFile("good.json", EXAMPLE_INTERNAL) }, BASE, built).wellKnown).toBeNull();
  }, 60_000);

  it("stops the webpack config, before anything is compiled, when the file is invalid", () => {
    const file = policyFile("bad.json", { version: 1, send: { termsAction: "maybe" } });
    expect(() => webpackConfig({ policy: file }, { mode: "production" })).toThrow("policy.send.termsAction: must be one of block, warn");
  }, 60_000);

  it("cannot be combined with --env policyUrl: one source of truth", () => {
    const both = { policy: policyFile("good.json", EXAMPLE_INTERNAL), policyUrl: `${BASE}policy.json` };
    expect(() => addinPolicy.policySource(both, BASE, built)).toThrow(/either --env policy=FILE .* or --env policyUrl=URL .*not both/);
    expect(() => webpackConfig(both, { mode: "production" })).toThrow(/not both/);
  });
});

describe("the default build", () => {
  it("compiles in no policy and no URL: the add-in uses the built-in policy", () => {
    const before = [process.env.SIKKER_POST_POLICY, process.env.SIKKER_POST_POLICY_URL];
    delete process.env.SIKKER_POST_POLICY;
    delete process.env.SIKKER_POST_POLICY_URL;
    try {
      const defines = definesFor({});
      for (const name of ["commands", "taskpane"]) expect(defines[name]).toEqual({ __SIKKER_POST_POLICY_URL__: '""', __SIKKER_POST_POLICY__: "null" });
      expect(addinPolicy.policySource({}, BASE)).toEqual({ policy: null, policyUrl: "", wellKnown: null });
    } finally {
      if (before[0] !== undefined) process.env.SIKKER_POST_POLICY = before[0];
      if (before[1] !== undefined) process.env.SIKKER_POST_POLICY_URL = before[1];
    }
  });
});

describe("a fetched policy (--env policyUrl=URL)", () => {
  it("is compiled in as the URL, with the well-known file for the add-in's origin", () => {
    const source = addinPolicy.policySource({ policyUrl: `${BASE}policy.json` }, BASE);
    expect(source).toEqual({ policy: null, policyUrl: `${BASE}policy.json`, wellKnown: addinPolicy.wellKnownAllowed(BASE) });
    const defines = definesFor({ origin: "https://sikkerpost.kommune.dk", policyUrl: `${BASE}policy.json` });
    for (const name of ["commands", "taskpane"]) expect(defines[name]).toEqual({ __SIKKER_POST_POLICY_URL__: JSON.stringify(`${BASE}policy.json`), __SIKKER_POST_POLICY__: "null" });
  });

  it.each([
    ["http://sikkerpost.kommune.dk/policy.json", /must use https/],
    ["/policy.json", /not an absolute URL/],
    ["policy.json", /not an absolute URL/],
    ["//sikkerpost.kommune.dk/policy.json", /not an absolute URL/],
    ["", /needs a value/],
    [true, /needs a value/],
    ["https://admin:secret@sikkerpost.kommune.dk/policy.json", /user name/],
    ["https://politik.kommune.dk/policy.json", /must be on the add-in's origin https:\/\/sikkerpost\.kommune\.dk/],
    ["https://sikkerpost.kommune.dk:8443/policy.json", /must be on the add-in's origin/],
  ])("refuses %p", (url, message) => {
    expect(() => addinPolicy.parsePolicyUrl(url, BASE)).toThrow(message);
    expect(() => webpackConfig({ origin: BASE, policyUrl: url }, { mode: "production" })).toThrow(message);
  });

  it("accepts an https URL on the add-in's origin, also in a folder of it", () => {
    expect(addinPolicy.parsePolicyUrl("https://sikkerpost.kommune.dk/config/policy.json", BASE)).toBe("https://sikkerpost.kommune.dk/config/policy.json");
    expect(addinPolicy.parsePolicyUrl("https://intra.kommune.dk/politik.json", "https://intra.kommune.dk/sikker-post/")).toBe("https://intra.kommune.dk/politik.json");
  });

  it("writes the well-known file in Microsoft's format, listing the add-in's JavaScript-only runtime file", () => {
    expect(addinPolicy.WELL_KNOWN_PATH).toBe(".well-known/microsoft-officeaddins-allowed.json");
    expect(JSON.parse(addinPolicy.wellKnownAllowed(BASE))).toEqual({ allowed: ["https://sikkerpost.kommune.dk/commands.js"] });
    expect(JSON.parse(addinPolicy.wellKnownAllowed("https://intra.kommune.dk:8443/sikker-post/"))).toEqual({ allowed: ["https://intra.kommune.dk:8443/sikker-post/commands.js"] });
  });
});

/** Builds only the "commands" config into a temporary folder. */
function buildCommands(env: readonly string[]): { status: number | null; output: string; outDir: string } {
  const outDir = mkdtempSync(join(tmpdir(), "sikker-post-policy-build-"));
  const result = spawnSync(
    process.execPath,
    [WEBPACK_CLI, "--mode", "production", "--config-name", "commands", "--output-path", outDir, ...env.flatMap((e) => ["--env", e])],
    { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, outDir };
}

describe("commands.js built with --env policy (a real build, in the JavaScript-only runtime's bare vm)", () => {
  const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
  const draft = { subject: "Sag", bodyHtml: `<p>CPR: ${CPR}</p>`, to: [{ emailAddress: "x@example.dk", recipientType: "externalUser" as const }] };
  let outDir = "";

  beforeAll(() => {
    const build = buildCommands([`policy=${policyFile("internal.json", EXAMPLE_INTERNAL)}`]);
    outDir = build.outDir;
    expect([build.status, build.output.includes("compiled successfully")]).toEqual([0, true]);
  }, 180_000);

  afterAll(() => {
    if (outDir !== "") rmSync(outDir, { recursive: true, force: true });
  });

  it("uses the compiled-in policy without fetching anything: a CPR mail to x@example.dk goes, as the policy makes example.dk internal", async () => {
    const fetched: string[] = [];
    const fake = loadBundle({ draft, bundlePath: join(outDir, "commands.js"), globals: {
        fetch: (url: string) => {
          fetched.push(url);
          return Promise.reject(new Error("no network"));
        },
      },
    });
    expect((await fake.fire("onMessageSendHandler"))?.options).toEqual({ allowEvent: true });
    expect(fetched).toEqual([]);
    expect(existsSync(join(outDir, ".well-known"))).toBe(false);
  });

  it("while the default bundle (dist-addin/commands.js) blocks the same mail", async () => {
    const fake = loadBundle({ draft, bundlePath: BUNDLE });
    expect((await fake.fire("onMessageSendHandler"))?.options?.allowEvent).toBe(false);
  });

  it("carries the policy in the file itself", () => {
    expect(readFileSync(join(outDir, "commands.js"), "utf8")).toContain("Eksempel Kommune");
    expect(readFileSync(BUNDLE, "utf8")).not.toContain("Eksempel Kommune");
  });
});
