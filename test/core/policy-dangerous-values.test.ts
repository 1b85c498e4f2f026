/**
 * Policy values that would quietly switch protection off: a public suffix or a public webmail
 * domain as an internal or partner domain, and every sensitive-term category disabled.
 */
import allWebmail from "email-providers/all.json";
import { BUILT_IN_DOMAIN_SAFETY } from "../../src/core/policy/domain-safety";
import { parsePolicy, PolicyError, policyNotes } from "../../src/core/policy/policy";
import { PUBLIC_LIST_DOMAIN_SAFETY, SECTOR_NAME_MIN_ZONES } from "../../src/core/policy/public-domain-lists";
import { DEFAULT_PUBLIC_WEBMAIL_DOMAINS } from "../../src/core/policy/send-policy";
import { DEFAULT_LEXICON } from "../../src/core/terms/default-lexicon";

const full = (json: unknown) => parsePolicy(json, PUBLIC_LIST_DOMAIN_SAFETY);
const internal = (...domains: string[]) => ({ version: 1, send: { internalDomains: domains } });
const partner = (domain: string) => ({ version: 1, send: { internalDomains: ["kk.dk"], partnerDomains: [{ domain, protects: ["cpr"] }] } });

function refusal(json: unknown): string {
  try {
    full(json);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as Error).message;
  }
  throw new Error("the policy was accepted");
}

describe("internal and partner domains (the full check: public suffix list and email-providers)", () => {
  it("refuses a public suffix of the ICANN section, saying why and what to write instead", () => {
    const message = refusal(internal("kk.dk", "co.uk"));
    expect(message).toMatch(/^policy\.send\.internalDomains: "co\.uk" is a public suffix \(ICANN section of the public suffix list\)/);
    expect(message).toMatch(/every address under it would count as a colleague's/);
    expect(message).toMatch(/List your organisation's own mail domains/);
    expect(refusal(internal("dk"))).toMatch(/"dk" is not a domain name/);
  });

  it("refuses a public suffix of the private section (a hosting provider's customers' names)", () => {
    expect(refusal(internal("github.io"))).toMatch(/"github\.io" is a public suffix \(private section/);
    expect(refusal(partner("blogspot.com"))).toMatch(/^policy\.send\.partnerDomains\[0\]\.domain: "blogspot\.com" is a public suffix \(private section.*protected by forced TLS/);
  });

  it("refuses a webmail provider from the package's full list, and a subdomain of one", () => {
    // Neither is on the short built-in list the send handler keeps.
    for (const d of ["sol.dk", "mailinator.com"]) expect(allWebmail).toContain(d);
    expect(DEFAULT_PUBLIC_WEBMAIL_DOMAINS).not.toContain("sol.dk");
    expect(refusal(internal("sol.dk"))).toMatch(/^policy\.send\.internalDomains: "sol\.dk" is a public webmail provider: anyone can get an address there/);
    expect(refusal(partner("gmail.com"))).toMatch(/^policy\.send\.partnerDomains\[0\]\.domain: "gmail\.com" is a public webmail provider/);
    expect(refusal(internal("eu.hotmail.com"))).toMatch(/"eu\.hotmail\.com" is under hotmail\.com, a public webmail provider/);
  });

  it("refuses a Danish webmail provider the package lacks", () => {
    expect(allWebmail).not.toContain("stofanet.dk");
    expect(refusal(internal("stofanet.dk"))).toMatch(/"stofanet\.dk" is a public webmail provider/);
    expect(refusal(partner("get2net.dk"))).toMatch(/"get2net\.dk" is a public webmail provider/);
  });

  it("refuses gov.dk: not a public suffix, but named like the shared government zone of other countries", () => {
    const message = refusal(internal("gov.dk"));
    expect(message).toMatch(/^policy\.send\.internalDomains: "gov\.dk" names a sector, not an organisation: \d+ country domains keep "gov" as a shared zone/);
    const danger = PUBLIC_LIST_DOMAIN_SAFETY.dangerOf("gov.dk");
    expect(danger).toMatchObject({ kind: "sector-name", label: "gov" });
    expect(danger?.kind === "sector-name" && danger.zones).toBeGreaterThanOrEqual(100);
    // Ordinary names are not sector names, whatever other countries do with them.
    for (const d of ["web.dk", "kommune.dk", "region.dk", "aarhus.dk"]) expect(PUBLIC_LIST_DOMAIN_SAFETY.dangerOf(d)).toBeUndefined();
    expect(SECTOR_NAME_MIN_ZONES).toBeGreaterThan(10);
  });

  it("accepts the organisation's own domains and their subdomains, also under a sector zone", () => {
    const p = full({ ...internal("kk.dk", "sikkermail.kk.dk", "aarhus.dk", "kent.gov.uk", "kk.gov.dk"), send: { internalDomains: ["kk.dk", "sikkermail.kk.dk", "aarhus.dk", "kent.gov.uk", "kk.gov.dk"], partnerDomains: [{ domain: "rm.dk", protects: ["cpr", "terms"] }] } });
    expect(p.send.internalDomains).toEqual(["kk.dk", "sikkermail.kk.dk", "aarhus.dk", "kent.gov.uk", "kk.gov.dk"]);
    expect(p.send.partnerDomains).toEqual([{ domain: "rm.dk", protects: ["cpr", "terms"] }]);
  });

  it("reads upper case and a trailing dot as domainList does, before checking", () => {
    expect(full(internal("KK.DK.", "SikkerMail.KK.dk")).send.internalDomains).toEqual(["kk.dk", "sikkermail.kk.dk"]);
    expect(refusal(internal("GMAIL.COM."))).toMatch(/"gmail\.com" is a public webmail provider/);
    expect(refusal(internal(" Co.UK. "))).toMatch(/"co\.uk" is a public suffix/);
  });

  it("takes no names reserved for examples as webmail (the package lists example.com)", () => {
    expect(allWebmail).toContain("example.com");
    expect(full(internal("example.com")).send.internalDomains).toEqual(["example.com"]);
    expect(DEFAULT_PUBLIC_WEBMAIL_DOMAINS).not.toContain("example.com");
  });
});

describe("the send handler's built-in check (no public suffix list in its bundle)", () => {
  it("refuses the built-in webmail domains and is the default of parsePolicy", () => {
    expect(() => parsePolicy(internal("hotmail.dk"))).toThrow(/"hotmail\.dk" is a public webmail provider/);
    expect(() => parsePolicy(internal("mail.dk"))).toThrow(PolicyError);
    expect(BUILT_IN_DOMAIN_SAFETY.dangerOf("kk.dk")).toBeUndefined();
  });

  it("does not know the public suffix list: that check is the build's, the CLI's and the pane's", () => {
    expect(parsePolicy(internal("co.uk")).send.internalDomains).toEqual(["co.uk"]);
    expect(() => full(internal("co.uk"))).toThrow(PolicyError);
  });
});

describe("every sensitive-term category switched off", () => {
  const allIds = DEFAULT_LEXICON.categories.map((c) => c.id);

  it("is refused without the flag, whether by disableCategories or by weights of 0", () => {
    expect(() => parsePolicy({ version: 1, detection: { terms: { disableCategories: allIds } } })).toThrow(
      /^policy\.detection\.terms: switches every sensitive-term category off .* add "acknowledgeNoTermDetection": true/,
    );
    const zero = Object.fromEntries(allIds.map((id) => [id, 0]));
    expect(() => parsePolicy({ version: 1, detection: { terms: { categoryWeights: zero } } })).toThrow(PolicyError);
    expect(() => parsePolicy({ version: 1, detection: { terms: { disableCategories: allIds, acknowledgeNoTermDetection: false } } })).toThrow(PolicyError);
  });

  it("is accepted with acknowledgeNoTermDetection: true, and policyNotes says no sensitive terms are detected", () => {
    const p = parsePolicy({ version: 1, send: { internalDomains: ["kk.dk"] }, detection: { terms: { disableCategories: allIds, acknowledgeNoTermDetection: true } } });
    expect(p.detection.terms.acknowledgeNoTermDetection).toBe(true);
    expect(policyNotes(p)).toEqual([expect.stringMatching(/every sensitive-term category is off, so no sensitive terms are detected/)]);
  });

  it("is not the case while one category is left on, or an added category has terms", () => {
    const allButOne = allIds.slice(1);
    expect(parsePolicy({ version: 1, detection: { terms: { disableCategories: allButOne } } }).detection.terms.disableCategories).toEqual(allButOne);
    const own = {
      addCategories: [{ id: "own", label: { da: "Egen", en: "Own" }, legalBasis: "art. 9", weight: 1 }],
      addTerms: [{ term: "bostøtte", category: "own" }],
      disableCategories: allIds,
    };
    expect(parsePolicy({ version: 1, detection: { terms: own } }).detection.terms.addCategories).toHaveLength(1);
    // An added category without terms detects nothing.
    expect(() => parsePolicy({ version: 1, detection: { terms: { ...own, addTerms: [] } } })).toThrow(PolicyError);
    const flagged = parsePolicy({ version: 1, send: { internalDomains: ["kk.dk"] }, detection: { terms: { disableCategories: allButOne, acknowledgeNoTermDetection: true } } });
    expect(policyNotes(flagged)).toEqual([expect.stringMatching(/acknowledgeNoTermDetection is set, but categories are still on \(health\): it has no effect/)]);
  });

  it("names a flag that is not true or false", () => {
    expect(() => parsePolicy({ version: 1, detection: { terms: { acknowledgeNoTermDetection: "yes" } } })).toThrow("policy.detection.terms.acknowledgeNoTermDetection: must be true or false");
  });
});
