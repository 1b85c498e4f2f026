/*
 * Where the built add-in takes its policy from, chosen at build time by webpack.config.js:
 *
 *   npm run build:addin -- --env origin=https://sikkerpost.example.dk --env policy=policy.json
 *     compiles policy.json into commands.js and taskpane.js (no network at run time);
 *   npm run build:addin -- --env origin=https://sikkerpost.example.dk --env policyUrl=https://sikkerpost.example.dk/policy.json
 *     compiles the URL in; the add-in fetches the policy, and the build also writes
 *     dist-addin/.well-known/microsoft-officeaddins-allowed.json;
 *   neither: the built-in default policy.
 *
 * Both at once stop the build (one source of truth). A policy file is checked with the add-in's
 * own parsePolicy (src/core/policy/policy.ts) before anything is compiled, with the full domain
 * check (public suffix list and webmail providers, src/core/policy/public-domain-lists.ts); an
 * invalid file stops the build with the setting's path, e.g.
 * "policy.send.termsAction: must be one of block, warn".
 */
"use strict";
const { execFileSync } = require("node:child_process");
const { mkdtempSync, readFileSync, rmSync, symlinkSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const { URL } = require("node:url");

class PolicyBuildError extends Error {}

/**
 * The add-in's parsePolicy, compiled from TypeScript for this build. Node 20 cannot load .ts
 * files, and the validator must be the very code the add-in runs, not a copy: so the real
 * TypeScript compiler (tsc, already a dev dependency) compiles src/core/policy/policy.ts and the
 * few modules it imports (tsconfig.policy.json) into a temporary folder, ~1 s, only when a
 * policy file is given. No loader hooks, no second bundler run, no stale dist/ to trust. The
 * full domain check needs tldts and email-providers: a link to the project's node_modules in the
 * temporary folder lets the compiled files find them.
 */
function compiledParsePolicy(root = path.join(__dirname, "..")) {
  const outDir = mkdtempSync(path.join(tmpdir(), "sikker-post-policy-"));
  try {
    const tsc = require.resolve("typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.policy.json"), "--outDir", outDir], { cwd: root, stdio: "pipe" });
    symlinkSync(path.join(root, "node_modules"), path.join(outDir, "node_modules"), "junction");
    const { parsePolicy, policyNotes } = require(path.join(outDir, "core", "policy", "policy.js"));
    const { PUBLIC_LIST_DOMAIN_SAFETY } = require(path.join(outDir, "core", "policy", "public-domain-lists.js"));
    return (json) => {
      const policy = parsePolicy(json, PUBLIC_LIST_DOMAIN_SAFETY);
      for (const note of policyNotes(policy)) console.warn(`sikker-post policy: ${note}`);
      return policy;
    };
  } catch (e) {
    const output = e && e.stdout ? `\n${e.stdout}${e.stderr}` : "";
    throw new PolicyBuildError(`could not compile the policy validator (src/core/policy/policy.ts): ${e instanceof Error ? e.message : String(e)}${output}`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Reads and checks the policy file given as --env policy=FILE. Returns the policy as the add-in
 * reads it (parsePolicy's result, every default filled in), ready to be compiled in.
 */
function readPolicyFile(file, parsePolicy) {
  if (typeof file !== "string" || file.trim() === "") throw new PolicyBuildError("--env policy needs a file, e.g. --env policy=policy.json");
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new PolicyBuildError(`--env policy=${file}: cannot read the file (${e instanceof Error ? e.message : String(e)})`);
  }
  let json;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new PolicyBuildError(`--env policy=${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parsePolicy(json);
  } catch (e) {
    // PolicyError names the setting: "policy.send.termsAction: must be one of block, warn".
    if (e instanceof Error && e.name === "PolicyError") throw new PolicyBuildError(`--env policy=${file} is not a valid policy: ${e.message}`);
    throw e;
  }
}

/**
 * Checks --env policyUrl: an absolute https URL. The JavaScript-only runtime of classic Outlook
 * fetches only absolute URLs, and the pages' Content-Security-Policy (connect-src 'self') lets
 * them fetch from their own origin only, so the URL must also be on the add-in's origin.
 */
function parsePolicyUrl(policyUrl, addinBase) {
  if (typeof policyUrl !== "string" || policyUrl.trim() === "") {
    throw new PolicyBuildError("--env policyUrl needs a value, e.g. --env policyUrl=https://sikkerpost.example.dk/policy.json");
  }
  let url;
  try {
    url = new URL(policyUrl.trim());
  } catch {
    throw new PolicyBuildError(`--env policyUrl=${policyUrl} is not an absolute URL; give e.g. https://sikkerpost.example.dk/policy.json`);
  }
  if (url.protocol !== "https:") throw new PolicyBuildError(`--env policyUrl=${policyUrl} must use https`);
  if (url.username !== "" || url.password !== "" || url.hash !== "") {
    throw new PolicyBuildError(`--env policyUrl=${policyUrl} must carry no user name or fragment`);
  }
  const addinOrigin = new URL(addinBase).origin;
  if (url.origin !== addinOrigin) {
    throw new PolicyBuildError(
      `--env policyUrl=${policyUrl} must be on the add-in's origin ${addinOrigin}: the add-in's pages may fetch only from their own origin (connect-src 'self')`,
    );
  }
  return url.href;
}

/**
 * The well-known file that lets classic Outlook's JavaScript-only runtime make CORS requests,
 * for an add-in whose files are at addinBase (e.g. "https://sikkerpost.example.dk/"). From
 * "Use single sign-on (SSO) or cross-origin resource sharing (CORS) in your event-based or
 * spam-reporting Office Add-in",
 * https://learn.microsoft.com/office/dev/add-ins/develop/use-sso-in-event-based-activation :
 *
 *   {
 *       "allowed":
 *       [
 *           "https://addin.contoso.com:8000/main/js/autorun.js",
 *           "https://addin.contoso.com:8000/beta/js/autorun.js"
 *       ]
 *   }
 *
 *   "Host the JSON file under a location named .well-known in the URI at the root of the origin.
 *   For example, if the origin is https://addin.contoso.com:8000/, then the well-known URI is
 *   https://addin.contoso.com:8000/.well-known/microsoft-officeaddins-allowed.json. For
 *   clarification, this file is to be hosted in your Office Web Add-in, not the web server that
 *   you're attempting to make a CORS request to." ... "This file must contain a JSON object with
 *   an attribute named allowed whose value is an array of all JavaScript files authorized ..."
 *
 * So it lists the add-in's one JavaScript file of the JavaScript-only runtime, commands.js (the
 * manifest's <Override type="javascript">), by its absolute URL.
 */
function wellKnownAllowed(addinBase) {
  return `${JSON.stringify({ allowed: [new URL("commands.js", addinBase).href] }, null, 2)}\n`;
}

const WELL_KNOWN_PATH = ".well-known/microsoft-officeaddins-allowed.json";

/**
 * What webpack.config.js compiles in and writes, for the build's env and the add-in's base URL
 * (parseOrigin's result). `parsePolicy` is only called for when a policy file is given.
 */
function policySource(env, addinBase, parsePolicy = undefined) {
  // --env wins; an empty environment variable counts as not set.
  const file = env.policy !== undefined ? env.policy : process.env.SIKKER_POST_POLICY || undefined;
  const policyUrl = env.policyUrl !== undefined ? env.policyUrl : process.env.SIKKER_POST_POLICY_URL || undefined;
  if (file !== undefined && policyUrl !== undefined) {
    throw new PolicyBuildError(
      "give either --env policy=FILE (the policy compiled into the add-in) or --env policyUrl=URL (fetched at run time), not both: one policy, one source of truth",
    );
  }
  if (file !== undefined) {
    const policy = readPolicyFile(file, parsePolicy ?? compiledParsePolicy());
    return { policy, policyUrl: "", wellKnown: null };
  }
  if (policyUrl !== undefined) {
    return { policy: null, policyUrl: parsePolicyUrl(policyUrl, addinBase), wellKnown: wellKnownAllowed(addinBase) };
  }
  return { policy: null, policyUrl: "", wellKnown: null };
}

/** The DefinePlugin values read by src/office/policy-source.ts. */
function policyDefines(source) {
  return {
    __SIKKER_POST_POLICY_URL__: JSON.stringify(source.policyUrl),
    __SIKKER_POST_POLICY__: JSON.stringify(source.policy),
  };
}

module.exports = { PolicyBuildError, WELL_KNOWN_PATH, compiledParsePolicy, readPolicyFile, parsePolicyUrl, wellKnownAllowed, policySource, policyDefines };
