/**
 * The full check of internal and partner domains: the public suffix list (tldts, ICANN and
 * private sections) and the full list of public webmail providers (email-providers, ~8,700).
 * Together they are ~280 KB minified, so only the build, the CLI, the playground and the pane
 * import this module; the send handler keeps BUILT_IN_DOMAIN_SAFETY (a test checks its bundle).
 */
import allWebmail from "email-providers/all.json";
import { parse } from "tldts";
import { webmailProviderOf, type DomainDanger, type DomainSafetyCheck } from "./domain-safety";
import { DEFAULT_PUBLIC_WEBMAIL_DOMAINS, isReservedExampleDomain } from "./send-policy";

const WEBMAIL = new Set([...allWebmail, ...DEFAULT_PUBLIC_WEBMAIL_DOMAINS].filter((d) => !isReservedExampleDomain(d)));

/**
 * A label is a sector name when at least this many two-letter country domains have
 * "<label>.<country>" as a shared zone in the public suffix list: gov (125), edu, com, net, org,
 * mil, co, ac, info. Lower, and ordinary words such as "web" or "pro" would be refused as
 * "<word>.dk".
 */
export const SECTOR_NAME_MIN_ZONES = 25;

/** "aa" … "zz": every two-letter name a country domain can have, generated rather than listed. */
const LETTER_CODES = Array.from({ length: 26 }, (_, i) => 97 + i);
const COUNTRY_CODES = LETTER_CODES.flatMap((a) => LETTER_CODES.map((b) => String.fromCharCode(a, b)));

const isIcannSuffix = (name: string): boolean => {
  const r = parse(name);
  return r.isIcann === true && r.publicSuffix === name;
};

/** Country domains with a "*" rule ("*.ck"): every name under them is a suffix, so they say nothing of a label. */
const WILDCARD_COUNTRIES = new Set(COUNTRY_CODES.filter((cc) => isIcannSuffix(`sikker-post-probe.${cc}`)));

/** The shared zones "<label>.<country>" in the public suffix list, over every two-letter country domain. */
function sectorZones(label: string): string[] {
  return COUNTRY_CODES.filter((cc) => !WILDCARD_COUNTRIES.has(cc)).map((cc) => `${label}.${cc}`).filter(isIcannSuffix);
}

/** Zones an administrator knows first (gov.uk, gov.au), then the others in order. */
function examplesOf(zones: readonly string[]): string[] {
  const known = (z: string): number => (z.endsWith(".uk") || z.endsWith(".au") ? 0 : 1);
  return [...zones].sort((a, b) => known(a) - known(b)).slice(0, 3);
}

export const PUBLIC_LIST_DOMAIN_SAFETY: DomainSafetyCheck = {
  dangerOf(domain): DomainDanger | undefined {
    const r = parse(domain, { allowPrivateDomains: true });
    if (r.publicSuffix === domain) return { kind: "public-suffix", section: r.isPrivate === true ? "private" : "icann" };
    const provider = webmailProviderOf(domain, WEBMAIL);
    if (provider !== undefined) return { kind: "webmail", provider };
    // "gov.dk": one ordinary registration directly under a country domain, named like a sector.
    const labels = domain.split(".");
    if (labels.length === 2 && r.domain === domain && r.publicSuffix === labels[1]) {
      const label = labels[0] ?? "";
      const zones = sectorZones(label);
      if (zones.length >= SECTOR_NAME_MIN_ZONES) return { kind: "sector-name", label, zones: zones.length, examples: examplesOf(zones) };
    }
    return undefined;
  },
};
