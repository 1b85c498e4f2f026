import { DEFAULT_POLICY, parsePolicy, PolicyError, policyNotes } from "../../src/core/policy/policy";

describe("parsePolicy", () => {
  it("gives the built-in default for an empty policy", () => {
    expect(parsePolicy({ version: 1 })).toEqual({ ...DEFAULT_POLICY, name: "Uden navn", detection: { ...DEFAULT_POLICY.detection, terms: { addTerms: [], addCategories: [], removeTerms: [], disableCategories: [], categoryWeights: {} } } });
  });

  it("reads the send rules", () => {
    const p = parsePolicy({
      version: 1,
      send: {
        internalDomains: ["Kommune.dk"],
        partnerDomains: [{ domain: "region.dk", protects: ["cpr", "terms"], note: "aftale 2025" }],
        termsAction: "warn",
        secureMailboxes: [{ address: "sikker@kommune.dk", name: "Familieafdelingen (sikker)" }],
        markers: { method: "subject", subjectCodes: { sign: "[S]", encrypt: "[K]" } },
        scanTimeoutMs: 3000,
      },
    });
    expect(p.send).toMatchObject({
      internalDomains: ["kommune.dk"],
      partnerDomains: [{ domain: "region.dk", protects: ["cpr", "terms"] }],
      termsAction: "warn",
      unreadableAction: "block",
      secureMailboxes: [{ address: "sikker@kommune.dk", name: "Familieafdelingen (sikker)" }],
      markers: { method: "subject", subjectCodes: { sign: "[S]", encrypt: "[K]" } },
      scanTimeoutMs: 3000,
    });
  });

  it.each([
    [{ version: 2 }, "policy.version"],
    [{ version: 1, extra: 1 }, "policy.extra"],
    [{ version: 1, send: { termsAction: "allow" } }, "policy.send.termsAction"],
    [{ version: 1, send: { internalDomains: ["not a domain"] } }, "policy.send.internalDomains"],
    [{ version: 1, send: { partnerDomains: [{ domain: "x.dk", protects: ["everything"] }] } }, "policy.send.partnerDomains[0].protects"],
    [{ version: 1, send: { secureMailboxes: [{ address: "nope", name: "x" }] } }, "policy.send.secureMailboxes[0]"],
    [{ version: 1, send: { markers: { method: "subject", subjectCodes: { sign: "# s", encrypt: "#k#" } } } }, "policy.send.markers.subjectCodes"],
    [{ version: 1, send: { scanTimeoutMs: 10 } }, "policy.send.scanTimeoutMs"],
    [{ version: 1, detection: { cpr: { countedConfidence: ["low"] } } }, "policy.detection.cpr.countedConfidence"],
    [{ version: 1, detection: { cpr: { noControlDigitDates: ["1.1.1999"] } } }, "policy.detection.cpr.noControlDigitDates"],
    [{ version: 1, detection: { terms: { addTerms: [{ term: "", category: "x" }] } } }, "policy.detection.terms.addTerms[0].term"],
    ["[]", "policy"],
  ])("rejects %j naming %s", (json, path) => {
    expect(() => parsePolicy(json)).toThrow(PolicyError);
    expect(() => parsePolicy(json)).toThrow(path);
  });
});

describe("policyNotes", () => {
  it("says that a policy without internalDomains treats every recipient as external", () => {
    const notes = policyNotes(parsePolicy({ version: 1 }));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/internalDomains is empty: every recipient counts as external/);
    expect(policyNotes(parsePolicy({ version: 1, send: { internalDomains: ["kommune.dk"] } }))).toEqual([]);
  });
});

describe("policy.images", () => {
  it("defaults to inline pictures ignored and attached ones unreadable, and names a wrong value", () => {
    expect(parsePolicy({ version: 1 }).images).toEqual({ inline: "ignore", attached: "unreadable" });
    expect(parsePolicy({ version: 1, images: { attached: "ignore" } }).images).toEqual({ inline: "ignore", attached: "ignore" });
    expect(() => parsePolicy({ version: 1, images: { inline: "skip" } })).toThrow("policy.images.inline: must be one of ignore, unreadable");
    expect(() => parsePolicy({ version: 1, images: { ocr: true } })).toThrow("policy.images.ocr: unknown setting");
  });
});
