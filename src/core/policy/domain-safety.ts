/**
 * Why a domain must not be an internal or partner domain of a policy. Every address on an
 * internal domain (or a subdomain of it) is a colleague to the add-in, so a public suffix or a
 * public webmail domain there would let a CPR number out to strangers unchecked.
 *
 * The check is injected into parsePolicy: the full one (public-domain-lists.ts: the public suffix
 * list and a maintained list of webmail providers, ~280 KB) is used by the build, the CLI, the
 * playground and the pane; the send handler keeps the built-in check below so that its one
 * JavaScript file stays small (docs/deployment.md, "What the policy check refuses").
 */
import { DEFAULT_PUBLIC_WEBMAIL_DOMAINS } from "./send-policy";

export type DomainDanger =
  /** The domain is a public suffix: anyone can register a domain under it ("co.uk", "dk", "github.io"). */
  | { readonly kind: "public-suffix"; readonly section: "icann" | "private" }
  /**
   * The domain is "<label>.<top-level domain>", not itself a public suffix, but the label is the
   * name other countries give a shared zone of a whole sector ("gov": gov.uk, gov.au …).
   */
  | { readonly kind: "sector-name"; readonly label: string; readonly zones: number; readonly examples: readonly string[] }
  /** The domain, or the domain it is part of, is a public webmail provider. */
  | { readonly kind: "webmail"; readonly provider: string };

export interface DomainSafetyCheck {
  /** What is dangerous about a lower-case domain without a trailing dot, or undefined. */
  dangerOf(domain: string): DomainDanger | undefined;
}

/** The webmail provider a domain is, or is a subdomain of, in a list of lower-case domains. */
export function webmailProviderOf(domain: string, providers: ReadonlySet<string>): string | undefined {
  // "a.b.gmail.com", then "b.gmail.com", then "gmail.com" …: one lookup per label.
  let rest = domain;
  for (;;) {
    if (providers.has(rest)) return rest;
    const dot = rest.indexOf(".");
    if (dot < 0) return undefined;
    rest = rest.slice(dot + 1);
  }
}

const BUILT_IN_WEBMAIL = new Set(DEFAULT_PUBLIC_WEBMAIL_DOMAINS);

/**
 * The send handler's check: only the built-in webmail list (send-policy.ts), no public suffix
 * list. A policy the handler fetches at run time is checked by the pane with the full lists too.
 */
export const BUILT_IN_DOMAIN_SAFETY: DomainSafetyCheck = {
  dangerOf(domain) {
    const provider = webmailProviderOf(domain, BUILT_IN_WEBMAIL);
    return provider === undefined ? undefined : { kind: "webmail", provider };
  },
};
