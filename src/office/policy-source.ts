/**
 * Where the policy comes from, as chosen when the add-in was built (scripts/addin-policy.cjs):
 * an admin policy compiled into the bundle (checked by the build with this same parsePolicy,
 * used as is, no network), an admin policy fetched from a URL on the add-in's origin, or the
 * built-in default when neither was given. When a policy URL is configured, anything wrong with
 * the fetched policy is an error that blocks sending; it never falls back silently to another
 * policy.
 */
import { BUILT_IN_DOMAIN_SAFETY, type DomainSafetyCheck } from "../core/policy/domain-safety";
import { DEFAULT_POLICY, parsePolicy, PolicyError, type Policy } from "../core/policy/policy";

export class PolicyLoadError extends Error {
  override readonly name = "PolicyLoadError";
}

export interface AddinConfig {
  /** URL of the admin policy (e.g. https://host/policy.json); empty means none. */
  readonly policyUrl: string;
  /** The admin policy compiled into the bundle (--env policy=FILE), already checked; null means none. */
  readonly policy?: Policy | null;
}

declare const __SIKKER_POST_POLICY_URL__: string | undefined;
declare const __SIKKER_POST_POLICY__: Policy | null | undefined;

/**
 * Build-time configuration, overridable at run time by the playground and tests. The build
 * gives a compiled policy or a URL, never both; a run-time override of the URL replaces a
 * compiled policy, so there is still one source.
 */
export function addinConfig(): AddinConfig {
  const override = (globalThis as { __SIKKER_POST_CONFIG__?: Partial<AddinConfig> }).__SIKKER_POST_CONFIG__;
  const builtUrl = typeof __SIKKER_POST_POLICY_URL__ === "string" ? __SIKKER_POST_POLICY_URL__ : "";
  const builtPolicy = typeof __SIKKER_POST_POLICY__ === "object" ? __SIKKER_POST_POLICY__ : null;
  if (override?.policy !== undefined && override.policy !== null) return { policyUrl: "", policy: override.policy };
  if (override?.policyUrl !== undefined) return { policyUrl: override.policyUrl, policy: null };
  return { policyUrl: builtPolicy === null ? builtUrl : "", policy: builtPolicy };
}

type FetchText = (url: string) => Promise<{ status: number; text: string }>;

/** fetch where it exists, XMLHttpRequest otherwise (the JavaScript-only runtime has one of them). */
export const defaultFetchText: FetchText = (url) => {
  const g = globalThis as { fetch?: (u: string, init?: Record<string, unknown>) => Promise<{ status: number; text(): Promise<string> }>; XMLHttpRequest?: new () => XMLHttpRequestLike };
  if (g.fetch) {
    return g.fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(async (r) => ({ status: r.status, text: await r.text() }));
  }
  const Xhr = g.XMLHttpRequest;
  if (Xhr === undefined) return Promise.reject(new PolicyLoadError("no fetch or XMLHttpRequest in this runtime"));
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open("GET", url);
    xhr.onload = () => {
      resolve({ status: xhr.status, text: xhr.responseText });
    };
    xhr.onerror = () => {
      reject(new PolicyLoadError("network error"));
    };
    xhr.send();
  });
};

interface XMLHttpRequestLike {
  open(method: string, url: string): void;
  send(): void;
  status: number;
  responseText: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
}

/**
 * `domainSafety`: the pane gives the full check (public suffix list, all webmail providers); the
 * send handler keeps the built-in one, so that its one file does not carry those lists.
 */
export async function loadPolicy(config: AddinConfig = addinConfig(), fetchText: FetchText = defaultFetchText, domainSafety: DomainSafetyCheck = BUILT_IN_DOMAIN_SAFETY): Promise<Policy> {
  // Compiled in: validated by the build with parsePolicy, used as it is.
  if (config.policy !== undefined && config.policy !== null) return config.policy;
  if (config.policyUrl === "") return DEFAULT_POLICY;
  let response: { status: number; text: string };
  try {
    response = await fetchText(config.policyUrl);
  } catch (e) {
    throw new PolicyLoadError(`could not fetch ${config.policyUrl}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (response.status !== 200) throw new PolicyLoadError(`${config.policyUrl} answered HTTP ${response.status}`);
  try {
    return parsePolicy(JSON.parse(response.text), domainSafety);
  } catch (e) {
    if (e instanceof PolicyError || e instanceof SyntaxError) throw new PolicyLoadError(`${config.policyUrl} is not a valid policy: ${e.message}`);
    throw e;
  }
}
