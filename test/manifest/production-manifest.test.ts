/**
 * The production manifest: `npm run build:addin -- --env origin=https://...` writes
 * dist-addin/manifest.xml with the admin's origin in every URL, and refuses an origin that
 * is not https before it compiles anything.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEV_ORIGIN, MANIFEST, ROOT, all, builtFile, manifestOrigin, officeManifestInfo, parseXml, resources } from "./manifest-helpers";

const WEBPACK_CLI = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
const ORIGIN = "https://sikkerpost.example.dk";
const devXml = readFileSync(MANIFEST, "utf8");

/** Builds only the "commands" config (handler bundle, assets, manifest) into a temporary folder. */
function buildCommands(env: readonly string[]): { status: number | null; output: string; outDir: string } {
  const outDir = mkdtempSync(join(tmpdir(), "sikker-post-manifest-"));
  const result = spawnSync(
    process.execPath,
    [WEBPACK_CLI, "--mode", "production", "--config-name", "commands", "--output-path", outDir, ...env.flatMap((e) => ["--env", e])],
    { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, outDir };
}

/** Every absolute URL in an attribute, leaving out XML namespace names. */
function urlsIn(xml: string): string[] {
  return all(parseXml(xml), "*").flatMap((el) =>
    Object.values(el.attribs).filter((v) => /^[a-z]+:\/\//i.test(v) && !v.startsWith("http://schemas.") && !v.startsWith("http://www.w3.org/")),
  );
}

describe("the production manifest built with --env origin", () => {
  let outDir = "";
  let prodXml = "";

  beforeAll(() => {
    const build = buildCommands([`origin=${ORIGIN}`]);
    outDir = build.outDir;
    expect([build.status, build.output.includes("compiled successfully")]).toEqual([0, true]);
    prodXml = readFileSync(join(outDir, "manifest.xml"), "utf8");
  }, 180_000);

  afterAll(() => {
    if (outDir !== "") rmSync(outDir, { recursive: true, force: true });
  });

  it("contains no localhost", () => {
    expect(prodXml).not.toMatch(/localhost/i);
  });

  it("puts the origin in every URL the developer manifest has, and changes nothing else", () => {
    const devUrls = urlsIn(devXml);
    const prodUrls = urlsIn(prodXml);
    expect(prodUrls).toHaveLength(devUrls.length);
    expect(prodUrls).toEqual(devUrls.map((u) => u.replace(DEV_ORIGIN, `${ORIGIN}/`)));
    expect(prodXml.split(`${ORIGIN}/`).join(DEV_ORIGIN)).toBe(devXml);
  });

  it("is still a manifest office-addin-manifest reads, with the same id and version", () => {
    const dev = officeManifestInfo(MANIFEST);
    const prod = officeManifestInfo(join(outDir, "manifest.xml"));
    expect(prod.id).toBe(dev.id);
    expect(prod.version).toBe(dev.version);
    expect(prod.hosts).toEqual(["Mailbox"]);
    expect(prod.iconUrl).toBe(`${ORIGIN}/assets/icon-64.png`);
    expect(prod.supportUrl).toBe(`${ORIGIN}/assets/support.html`);
  });

  it("ships the files its URLs point at (the task pane's page comes from the build's other config)", () => {
    for (const r of resources(parseXml(prodXml)).filter((x) => x.kind === "bt:Urls" || x.kind === "bt:Images")) {
      expect(r.value.startsWith(`${ORIGIN}/`)).toBe(true);
      const rel = r.value.slice(ORIGIN.length + 1);
      const shipped = rel === "taskpane.html" ? builtFile(rel).length > 0 : existsSync(join(outDir, rel));
      expect([rel, shipped]).toEqual([rel, true]);
    }
  });
});

describe("the manifest origin", () => {
  const { manifestForOrigin, parseOrigin, manifestPattern } = manifestOrigin();

  it("is refused, with a build error before compiling, when it is not https", () => {
    const build = buildCommands(["origin=http://sikkerpost.example.dk"]);
    try {
      expect(build.status).not.toBe(0);
      expect(build.output).toMatch(/must use https/);
      expect(existsSync(join(build.outDir, "manifest.xml"))).toBe(false);
      expect(existsSync(join(build.outDir, "commands.js"))).toBe(false);
    } finally {
      rmSync(build.outDir, { recursive: true, force: true });
    }
  }, 60_000);

  it.each([
    ["http://sikkerpost.example.dk", /https/],
    ["ftp://sikkerpost.example.dk", /https/],
    ["sikkerpost.example.dk", /not a URL/],
    ["", /needs a value/],
    [true, /needs a value/],
    ["https://sikkerpost.example.dk/?a=1", /query/],
    ["https://sikkerpost.example.dk/#top", /fragment/],
    ["https://admin:secret@sikkerpost.example.dk", /user name/],
    ["https://sikkerpost.example.dk/a&b", /characters/],
  ])("refuses %p", (origin, message) => {
    expect(() => parseOrigin(origin)).toThrow(message);
    expect(() => manifestPattern(origin)).toThrow(message);
  });

  it("accepts an https origin with a port or a folder, and ends it with one slash", () => {
    expect(parseOrigin('https://sikkerpost.example.dk/"><x')).toBe("https://sikkerpost.example.dk/%22%3E%3Cx/");
    expect(parseOrigin("https://sikkerpost.example.dk")).toBe("https://sikkerpost.example.dk/");
    expect(parseOrigin("https://sikkerpost.example.dk/")).toBe("https://sikkerpost.example.dk/");
    expect(parseOrigin("https://intra.example.dk:8443/sikker-post")).toBe("https://intra.example.dk:8443/sikker-post/");
    expect(manifestForOrigin(devXml, "https://intra.example.dk/sikker-post")).toContain('"https://intra.example.dk/sikker-post/commands.js"');
  });

  it("leaves the manifest as it is without an origin (the plain build:addin, used by npm test)", () => {
    expect(manifestForOrigin(devXml, undefined)).toBe(devXml);
    expect(manifestPattern(undefined).transform(Buffer.from(devXml))).toBe(devXml);
    expect(builtFile("manifest.xml")).toBe(devXml);
  });
});
