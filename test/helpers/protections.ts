/** Protections for tests: one of each kind the add-in can find (core/secure/protection.ts). */
import fc from "fast-check";
import type { Protection } from "../../src/core/secure/protection";

export const ATTESTED_GATEWAY: Protection = { kind: "gateway", verifiedAt: "2026-12-01T09:00:00Z", signs: false };
export const SIGNING_GATEWAY: Protection = { kind: "gateway", verifiedAt: "2026-12-01T09:00:00Z", signs: true };
export const ENCRYPTING_LABEL: Protection = { kind: "label", id: "9e4a3c8f-1b2d-4e5f-8a7b-6c5d4e3f2a1b", name: "Fortroligt – krypteret", signs: false };
export const UNATTESTED_MARKER: Protection = { kind: "unverified", why: "gateway_unverified" };
export const EXPIRED_MARKER: Protection = { kind: "unverified", why: "gateway_expired", since: "2026-10-01T09:00:00Z" };
export const NONE: Protection = { kind: "none" };

export const protectionArb: fc.Arbitrary<Protection> = fc.constantFrom(NONE, ATTESTED_GATEWAY, SIGNING_GATEWAY, ENCRYPTING_LABEL, UNATTESTED_MARKER, EXPIRED_MARKER, { kind: "unverified", why: "label_not_encrypting" } as Protection);
