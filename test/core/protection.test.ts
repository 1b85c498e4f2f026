import { methodGuidance, protectionText } from "../../src/core/i18n/block-message";
import { da, en } from "../../src/core/i18n/strings";
import { parsePolicy, PolicyError } from "../../src/core/policy/policy";
import { attestationHolds, DEFAULT_PROTECTION, gatewayProtection, labelProtection, protects, securingCanHelp, signs, type ProtectionPolicy } from "../../src/core/secure/protection";
import { ATTESTED_GATEWAY, ENCRYPTING_LABEL, EXPIRED_MARKER, SIGNING_GATEWAY, UNATTESTED_MARKER } from "../helpers/protections";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const DAY = 86_400_000;
const attested = (verifiedAt: string, maxAgeDays = 31): ProtectionPolicy => ({ ...DEFAULT_PROTECTION, gateway: { verifiedAt, maxAgeDays, signs: false } });

describe("gateway attestation", () => {
  it("fresh: the marker counts as encryption, with the date it was verified", () => {
    expect(gatewayProtection(true, attested("2026-12-01T09:00:00Z"), NOW)).toEqual({ kind: "gateway", verifiedAt: "2026-12-01T09:00:00Z", signs: false });
  });

  it("expired: older than maxAgeDays is a marker only, and says since when", () => {
    expect(gatewayProtection(true, attested("2026-11-05T11:59:59Z", 32), NOW)).toEqual({ kind: "unverified", why: "gateway_expired", since: "2026-11-05T11:59:59Z" });
    expect(attestationHolds({ verifiedAt: new Date(NOW - 31 * DAY).toISOString(), maxAgeDays: 31, signs: false }, NOW)).toBe(true);
    expect(attestationHolds({ verifiedAt: new Date(NOW - 31 * DAY - 1000).toISOString(), maxAgeDays: 31, signs: false }, NOW)).toBe(false);
  });

  it("missing: a marker no administrator has verified", () => {
    expect(gatewayProtection(true, DEFAULT_PROTECTION, NOW)).toEqual({ kind: "unverified", why: "gateway_unverified" });
  });

  it("dated in the future beyond a day of clock skew: not believed", () => {
    expect(attestationHolds({ verifiedAt: new Date(NOW + 2 * DAY).toISOString(), maxAgeDays: 31, signs: false }, NOW)).toBe(false);
    expect(attestationHolds({ verifiedAt: new Date(NOW + 3_600_000).toISOString(), maxAgeDays: 31, signs: false }, NOW)).toBe(true);
  });

  it("malformed: the policy is refused with the setting named, so it never reaches a send", () => {
    const bad: [unknown, string][] = [
      [{ verifiedAt: "i går", maxAgeDays: 31 }, "policy.send.gateway.verifiedAt"],
      [{ verifiedAt: "2026-13-45T00:00:00Z", maxAgeDays: 31 }, "policy.send.gateway.verifiedAt"],
      [{ verifiedAt: "2026-12-01T09:00:00Z", maxAgeDays: 0 }, "policy.send.gateway.maxAgeDays"],
      [{ verifiedAt: "2026-12-01T09:00:00Z", maxAgeDays: 400 }, "policy.send.gateway.maxAgeDays"],
      [{ verifiedAt: "2026-12-01T09:00:00Z", maxAgeDays: 31, signs: "ja" }, "policy.send.gateway.signs"],
      [{ verifiedAt: "2026-12-01T09:00:00Z", maxAgeDays: 31, trustMe: true }, "policy.send.gateway.trustMe"],
      ["2026-12-01", "policy.send.gateway"],
    ];
    for (const [gateway, path] of bad) {
      expect(() => parsePolicy({ version: 1, send: { gateway } })).toThrow(PolicyError);
      expect(() => parsePolicy({ version: 1, send: { gateway } })).toThrow(path);
    }
    expect(parsePolicy({ version: 1, send: { gateway: { verifiedAt: "2026-12-01T09:00:00Z", maxAgeDays: 31 } } }).send.protection.gateway).toEqual({ verifiedAt: "2026-12-01T09:00:00Z", maxAgeDays: 31, signs: false });
  });

  it("nothing chosen: no protection, whatever the attestation", () => {
    expect(gatewayProtection(false, attested("2026-12-01T09:00:00Z"), NOW)).toEqual({ kind: "none" });
  });
});

describe("labels", () => {
  const policy: ProtectionPolicy = { method: "label", minimumEvidence: "verified", labels: { apply: "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b", encrypting: [{ id: "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b", name: "Fortroligt – krypteret", signs: false }] } };
  it("match by GUID, in any case, never by name", () => {
    expect(labelProtection("9E4A3C8F-1B2D-4E5F-8A7B-6C5D4E3F2A1B", policy)).toMatchObject({ kind: "label", name: "Fortroligt – krypteret" });
    expect(labelProtection("Fortroligt – krypteret", policy)).toEqual({ kind: "none" });
    expect(labelProtection("", policy)).toEqual({ kind: "none" });
  });

  it("the policy refuses a label method without a label to apply, an apply label that does not encrypt, or a name for a GUID", () => {
    expect(() => parsePolicy({ version: 1, send: { protection: { method: "label" } } })).toThrow("policy.send.labels.apply");
    expect(() => parsePolicy({ version: 1, send: { protection: { method: "label" }, labels: { apply: "11111111-2222-3333-4444-555555555555", encrypting: [{ id: "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b", name: "X" }] } } })).toThrow("must be one of the labels in encrypting");
    expect(() => parsePolicy({ version: 1, send: { labels: { encrypting: [{ id: "Fortroligt", name: "Fortroligt" }] } } })).toThrow("policy.send.labels.encrypting[0].id");
  });
});

describe("what counts, and what may be said", () => {
  it("protects: an attested gateway or an encrypting label; a marker only where the policy says so", () => {
    expect(protects(ATTESTED_GATEWAY, DEFAULT_PROTECTION)).toBe(true);
    expect(protects(ENCRYPTING_LABEL, DEFAULT_PROTECTION)).toBe(true);
    expect(protects(UNATTESTED_MARKER, DEFAULT_PROTECTION)).toBe(false);
    expect(protects(EXPIRED_MARKER, DEFAULT_PROTECTION)).toBe(false);
    expect(protects(UNATTESTED_MARKER, { minimumEvidence: "marker" })).toBe(true);
    expect(protects({ kind: "unverified", why: "label_catalog_off" }, { minimumEvidence: "marker" })).toBe(false);
  });

  it("says \"signeret\" only where something in the path signs", () => {
    expect(signs(ATTESTED_GATEWAY)).toBe(false);
    expect(protectionText(ATTESTED_GATEWAY, da)).toBe("krypteres af organisationens gateway (kontrolleret 01.12.2026)");
    expect(protectionText(ATTESTED_GATEWAY, da)).not.toMatch(/signer/);
    expect(protectionText(ENCRYPTING_LABEL, da)).not.toMatch(/signer/);
    expect(protectionText(SIGNING_GATEWAY, da)).toMatch(/^signeres og krypteres/);
    expect(protectionText(ATTESTED_GATEWAY, en)).not.toMatch(/sign/);
  });

  it("names each level in words a caseworker reads", () => {
    expect(protectionText(UNATTESTED_MARKER, da)).toBe("markeret – gatewayen er ikke kontrolleret af IT");
    expect(protectionText(EXPIRED_MARKER, da)).toContain("01.10.2026");
    expect(protectionText(ENCRYPTING_LABEL, da)).toBe('krypteres med følsomhedsmærkatet "Fortroligt – krypteret"');
  });

  it("securing from the dialog helps only where it can make the evidence the policy asks for", () => {
    expect(securingCanHelp(DEFAULT_PROTECTION, NOW)).toBe(false);
    expect(securingCanHelp(attested("2026-12-01T09:00:00Z"), NOW)).toBe(true);
    expect(securingCanHelp(attested("2026-01-01T09:00:00Z"), NOW)).toBe(false);
    expect(securingCanHelp({ ...DEFAULT_PROTECTION, minimumEvidence: "marker" }, NOW)).toBe(true);
  });
});

describe("the guidance says what the organisation's method does", () => {
  it("names the gateway and its verification date, or says it is not verified, or names the label", () => {
    expect(methodGuidance(attested("2026-12-01T09:00:00Z"), NOW, da)).toContain("kontrollerede senest 01.12.2026");
    expect(methodGuidance(attested("2026-12-01T09:00:00Z"), NOW, da)).not.toMatch(/signer/);
    expect(methodGuidance(DEFAULT_PROTECTION, NOW, da)).toContain("IT har ikke bekræftet");
    expect(methodGuidance(attested("2025-01-01T09:00:00Z"), NOW, da)).toContain("IT har ikke bekræftet");
    expect(methodGuidance({ ...DEFAULT_PROTECTION, minimumEvidence: "marker" }, NOW, da)).toContain("godtager markeringen alene");
    const label: ProtectionPolicy = { method: "label", minimumEvidence: "verified", labels: { apply: "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b", encrypting: [{ id: "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b", name: "Fortroligt – krypteret", signs: true }] } };
    expect(methodGuidance(label, NOW, en)).toContain('"Fortroligt – krypteret", which signs and encrypts');
  });
});
