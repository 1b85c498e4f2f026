/**
 * Loads the built handler bundle (dist-addin/commands.js) into a Node vm context that has
 * only what classic Outlook's JavaScript-only runtime offers: the ECMAScript built-ins,
 * timers, console and Office. No document, window, localStorage, fetch, TextDecoder or Blob.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { FakeOffice, type FakeOfficeOptions } from "../../src/fake-office/fake-office";

export const BUNDLE = join(__dirname, "..", "..", "dist-addin", "commands.js");

export function bundleSource(path: string = BUNDLE): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build:addin" first (npm test does).`);
  return readFileSync(path, "utf8");
}

export interface LoadOptions extends FakeOfficeOptions {
  /** An admin policy served at the configured policy URL (object, raw text, or an HTTP status). */
  readonly policy?: unknown;
  readonly policyStatus?: number;
  /** Extra globals, e.g. localStorage for a Mac-like host. */
  readonly globals?: Record<string, unknown>;
  /** A script run in the context before the bundle loads (e.g. to take built-ins away). */
  readonly before?: string;
  /** Another build of commands.js (e.g. one with a compiled-in policy); dist-addin/commands.js by default. */
  readonly bundlePath?: string;
}

export function loadBundle(options: LoadOptions = {}): FakeOffice {
  const fake = new FakeOffice(options);
  const globals: Record<string, unknown> = {
    Office: fake.office,
    setTimeout,
    clearTimeout,
    console: { log: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined, debug: () => undefined },
    ...options.globals,
  };
  if (options.policy !== undefined || options.policyStatus !== undefined) {
    const url = "https://sikkerpost.example.dk/policy.json";
    globals.__SIKKER_POST_CONFIG__ = { policyUrl: url };
    globals.fetch = (requested: string) =>
      Promise.resolve({
        status: requested === url ? (options.policyStatus ?? 200) : 404,
        text: () => Promise.resolve(typeof options.policy === "string" ? options.policy : JSON.stringify(options.policy)),
      });
  }
  const context = vm.createContext(globals);
  if (options.before !== undefined) vm.runInContext(options.before, context);
  vm.runInContext(bundleSource(options.bundlePath), context, { filename: "commands.js" });
  return fake;
}

/** A policy whose gateway an administrator verified just now (Test-SikkerPostGateway.ps1), with the playground's domain internal. */
export function attestedPolicy(extra: { signs?: boolean; send?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    version: 1,
    send: {
      internalDomains: ["kommune.example.dk"],
      gateway: { verifiedAt: new Date().toISOString(), maxAgeDays: 31, signs: extra.signs ?? false },
      ...extra.send,
    },
  };
}
