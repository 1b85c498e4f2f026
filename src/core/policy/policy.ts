/**
 * The organisation's policy. This issue covers detection settings; the send rules
 * build on the same object. A policy is plain JSON, validated with clear messages.
 */
import type { CprConfidence } from "../cpr/cpr-detector";
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from "../extract/extract-limits";
import { DEFAULT_MAX_REQUEST_BYTES, DEFAULT_PROTECTION, GRAPH_V1, type EncryptingLabel, type GatewayAttestation, type ProtectionPolicy, type SmimePolicy } from "../secure/protection";
import { DEFAULT_IMAGE_POLICY, type ImageHandling, type ImagePolicy } from "../extract/inline-images";
import type { LexiconChanges, TermCategory, TermEntry, TermMatchMode } from "../terms/lexicon";
import { DEFAULT_SEND_POLICY, type FindingClass, type PartnerDomain, type SecureMailbox, type SendPolicy } from "./send-policy";

export interface DetectionPolicy {
  readonly cpr: {
    /** Extra birth dates without a control digit, added to the CPR office's list (YYYY-MM-DD). */
    readonly noControlDigitDates: readonly string[];
    /** Which confidence levels count as a CPR number (the others are reported, not acted on). */
    readonly countedConfidence: readonly CprConfidence[];
  };
  readonly terms: LexiconChanges;
}

/** The organisation's own guidance: extra paragraphs (or a replacement) and links, per language. */
export interface GuidancePolicy {
  /** true: the organisation's text replaces the built-in sections; false: it is added after them. */
  readonly replace: boolean;
  readonly text: { readonly da: readonly string[]; readonly en: readonly string[] };
  readonly links: readonly { readonly title: string; readonly url: string }[];
}

export interface Policy {
  readonly version: 1;
  readonly name: string;
  readonly detection: DetectionPolicy;
  readonly send: SendPolicy;
  readonly guidance: GuidancePolicy;
  /** Hard limits on reading attachments (docs/attachments.md). */
  readonly limits: ExtractLimits;
  /** Pictures are never read (no OCR): inline ones are ignored, attached ones unreadable, by default. */
  readonly images: ImagePolicy;
}

const NO_GUIDANCE: GuidancePolicy = { replace: false, text: { da: [], en: [] }, links: [] };

export const DEFAULT_POLICY: Policy = {
  version: 1,
  name: "Sikker Post standardpolitik",
  detection: {
    cpr: { noControlDigitDates: [], countedConfidence: ["high", "medium"] },
    terms: {},
  },
  send: DEFAULT_SEND_POLICY,
  guidance: NO_GUIDANCE,
  limits: DEFAULT_EXTRACT_LIMITS,
  images: DEFAULT_IMAGE_POLICY,
};

/**
 * What an administrator should know about a valid policy: settings whose consequence is easy to
 * miss. Shown by the build, the playground and the CLI; never an error.
 */
export function policyNotes(policy: Policy): string[] {
  const notes: string[] = [];
  if (policy.send.internalDomains.length === 0) {
    notes.push(
      "policy.send.internalDomains is empty: every recipient counts as external, colleagues too, so a CPR number or sensitive data is blocked to anyone until the mail is secured. List the organisation's own mail domains there (Outlook's recipient type never makes an address internal).",
    );
  }
  return notes;
}

export class PolicyError extends Error {
  override readonly name = "PolicyError";
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const CONFIDENCES: readonly CprConfidence[] = ["high", "medium", "low"];
const MODES: readonly TermMatchMode[] = ["compound", "exact", "head", "tail"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(path: string, message: string): never {
  throw new PolicyError(`${path}: ${message}`);
}

function stringArray(v: Json, path: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === "string")) fail(path, "must be a list of strings");
  return v;
}

function checkKeys(obj: Record<string, Json>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(`${path}.${key}`, `unknown setting (allowed: ${allowed.join(", ")})`);
  }
}

function parseTermEntry(v: Json, path: string): TermEntry {
  if (!isObject(v)) fail(path, "must be an object with term, category and lang");
  checkKeys(v, ["term", "category", "lang", "match", "forms", "weight", "inflect"], path);
  if (v.inflect !== undefined && typeof v.inflect !== "boolean") fail(`${path}.inflect`, "must be true or false");
  const { term, category, lang, match, weight } = v;
  if (typeof term !== "string" || term.trim() === "") fail(`${path}.term`, "must be a non-empty string");
  if (typeof category !== "string") fail(`${path}.category`, "must be a string");
  if (lang !== undefined && typeof lang !== "string") fail(`${path}.lang`, "must be a string");
  if (match !== undefined && !MODES.includes(match as TermMatchMode)) fail(`${path}.match`, `must be one of ${MODES.join(", ")}`);
  if (weight !== undefined && (typeof weight !== "number" || weight < 0)) fail(`${path}.weight`, "must be a number ≥ 0");
  return {
    term,
    category,
    lang: lang ?? "da",
    ...(match !== undefined ? { match: match as TermMatchMode } : {}),
    ...(v.forms !== undefined ? { forms: stringArray(v.forms, `${path}.forms`) } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(typeof v.inflect === "boolean" ? { inflect: v.inflect } : {}),
  };
}

function parseCategory(v: Json, path: string): TermCategory {
  if (!isObject(v)) fail(path, "must be an object");
  checkKeys(v, ["id", "label", "legalBasis", "weight"], path);
  const { id, label, legalBasis, weight } = v;
  if (typeof id !== "string" || id === "") fail(`${path}.id`, "must be a non-empty string");
  if (!isObject(label) || typeof label.da !== "string" || typeof label.en !== "string") fail(`${path}.label`, 'must be {"da": ..., "en": ...}');
  if (typeof legalBasis !== "string") fail(`${path}.legalBasis`, "must be a string");
  if (typeof weight !== "number" || weight < 0) fail(`${path}.weight`, "must be a number ≥ 0");
  return { id, label: { da: label.da, en: label.en }, legalBasis, weight };
}

/** Reads a policy from parsed JSON. Missing settings take the default; wrong ones throw a PolicyError naming the setting. */
export function parsePolicy(json: Json): Policy {
  if (!isObject(json)) fail("policy", "must be a JSON object");
  checkKeys(json, ["$schema", "version", "name", "detection", "send", "guidance", "limits", "images"], "policy");
  if (json.version !== 1) fail("policy.version", "must be 1");
  const name = json.name === undefined ? "Uden navn" : json.name;
  if (typeof name !== "string") fail("policy.name", "must be a string");
  const detection = json.detection ?? {};
  if (!isObject(detection)) fail("policy.detection", "must be an object");
  checkKeys(detection, ["cpr", "terms"], "policy.detection");

  const cpr = detection.cpr ?? {};
  if (!isObject(cpr)) fail("policy.detection.cpr", "must be an object");
  checkKeys(cpr, ["noControlDigitDates", "countedConfidence"], "policy.detection.cpr");
  const dates = stringArray(cpr.noControlDigitDates, "policy.detection.cpr.noControlDigitDates");
  for (const d of dates) {
    if (!ISO_DATE.test(d)) fail("policy.detection.cpr.noControlDigitDates", `"${d}" is not a date in the form YYYY-MM-DD`);
  }
  const counted =
    cpr.countedConfidence === undefined
      ? DEFAULT_POLICY.detection.cpr.countedConfidence
      : stringArray(cpr.countedConfidence, "policy.detection.cpr.countedConfidence");
  for (const c of counted) {
    if (!CONFIDENCES.includes(c as CprConfidence)) fail("policy.detection.cpr.countedConfidence", `"${c}" is not one of high, medium, low`);
  }
  if (!counted.includes("high")) fail("policy.detection.cpr.countedConfidence", "must include \"high\": a valid CPR number always counts");

  const terms = detection.terms ?? {};
  if (!isObject(terms)) fail("policy.detection.terms", "must be an object");
  checkKeys(terms, ["addTerms", "addCategories", "removeTerms", "disableCategories", "categoryWeights"], "policy.detection.terms");
  const addTerms = terms.addTerms === undefined ? [] : terms.addTerms;
  if (!Array.isArray(addTerms)) fail("policy.detection.terms.addTerms", "must be a list");
  const addCategories = terms.addCategories === undefined ? [] : terms.addCategories;
  if (!Array.isArray(addCategories)) fail("policy.detection.terms.addCategories", "must be a list");
  const weights = terms.categoryWeights ?? {};
  if (!isObject(weights) || !Object.values(weights).every((w) => typeof w === "number" && w >= 0)) {
    fail("policy.detection.terms.categoryWeights", "must map category ids to numbers ≥ 0");
  }
  return {
    version: 1,
    name,
    send: parseSendPolicy(json.send),
    guidance: parseGuidance(json.guidance),
    limits: parseLimits(json.limits),
    images: parseImages(json.images),
    detection: {
      cpr: { noControlDigitDates: dates, countedConfidence: counted as CprConfidence[] },
      terms: {
        addTerms: addTerms.map((t, i) => parseTermEntry(t, `policy.detection.terms.addTerms[${i}]`)),
        addCategories: addCategories.map((c, i) => parseCategory(c, `policy.detection.terms.addCategories[${i}]`)),
        removeTerms: stringArray(terms.removeTerms, "policy.detection.terms.removeTerms"),
        disableCategories: stringArray(terms.disableCategories, "policy.detection.terms.disableCategories"),
        categoryWeights: weights as Record<string, number>,
      },
    },
  };
}

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const ADDRESS = /^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

function domainList(v: Json, path: string): string[] {
  const list = stringArray(v, path).map((d) => d.trim().toLowerCase());
  for (const d of list) if (!DOMAIN.test(d)) fail(path, `"${d}" is not a domain name`);
  return list;
}

function oneOf<T extends string>(v: Json, allowed: readonly T[], fallback: T, path: string): T {
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) fail(path, `must be one of ${allowed.join(", ")}`);
  return v as T;
}

function parseSendPolicy(v: Json): SendPolicy {
  const d = DEFAULT_SEND_POLICY;
  if (v === undefined) return d;
  const path = "policy.send";
  if (!isObject(v)) fail(path, "must be an object");
  checkKeys(v, ["internalDomains", "partnerDomains", "termsAction", "unreadableAction", "publicWebmailDomains", "secureMailboxes", "markers", "scanTimeoutMs", "protection", "gateway", "labels", "smime"], path);
  const partners = v.partnerDomains === undefined ? [] : v.partnerDomains;
  if (!Array.isArray(partners)) fail(`${path}.partnerDomains`, "must be a list");
  const partnerDomains: PartnerDomain[] = partners.map((p, i) => {
    const at = `${path}.partnerDomains[${i}]`;
    if (!isObject(p)) fail(at, 'must be {"domain": ..., "protects": ["cpr", "terms"]}');
    checkKeys(p, ["domain", "protects", "note"], at);
    const [domain] = domainList([p.domain], `${at}.domain`);
    const protects = stringArray(p.protects, `${at}.protects`);
    for (const x of protects) if (x !== "cpr" && x !== "terms") fail(`${at}.protects`, `"${x}" is not "cpr" or "terms"`);
    if (domain === undefined) fail(`${at}.domain`, "is required");
    return { domain, protects: protects as FindingClass[] };
  });
  const boxes = v.secureMailboxes === undefined ? [] : v.secureMailboxes;
  if (!Array.isArray(boxes)) fail(`${path}.secureMailboxes`, "must be a list");
  const secureMailboxes: SecureMailbox[] = boxes.map((b, i) => {
    const at = `${path}.secureMailboxes[${i}]`;
    if (!isObject(b) || typeof b.address !== "string" || !ADDRESS.test(b.address)) fail(at, 'must be {"address": "name@domain", "name": ...}');
    if (typeof b.name !== "string" || b.name === "") fail(`${at}.name`, "must be a non-empty string");
    return { address: b.address, name: b.name };
  });
  let markers = d.markers;
  if (v.markers !== undefined) {
    const m = v.markers;
    if (!isObject(m)) fail(`${path}.markers`, "must be an object");
    checkKeys(m, ["method", "subjectCodes", "headers"], `${path}.markers`);
    const codes = m.subjectCodes ?? d.markers.subjectCodes;
    if (!isObject(codes) || typeof codes.sign !== "string" || typeof codes.encrypt !== "string" || codes.sign.trim() === "" || codes.encrypt.trim() === "" || /\s/.test(codes.sign + codes.encrypt)) {
      fail(`${path}.markers.subjectCodes`, 'must be {"sign": "#s#", "encrypt": "#k#"} (no spaces)');
    }
    markers = {
      method: oneOf(m.method, ["headers", "subject"], d.markers.method, `${path}.markers.method`),
      headers: parseMarkerHeaders(m.headers, `${path}.markers.headers`),
      subjectCodes: { sign: codes.sign, encrypt: codes.encrypt },
    };
  }
  const timeout = v.scanTimeoutMs ?? d.scanTimeoutMs;
  if (typeof timeout !== "number" || timeout < 500 || timeout > 60000) fail(`${path}.scanTimeoutMs`, "must be a number of milliseconds from 500 to 60000");
  return {
    internalDomains: v.internalDomains === undefined ? d.internalDomains : domainList(v.internalDomains, `${path}.internalDomains`),
    partnerDomains,
    termsAction: oneOf(v.termsAction, ["block", "warn"], d.termsAction, `${path}.termsAction`),
    unreadableAction: oneOf(v.unreadableAction, ["block", "warn"], d.unreadableAction, `${path}.unreadableAction`),
    publicWebmailDomains: v.publicWebmailDomains === undefined ? d.publicWebmailDomains : domainList(v.publicWebmailDomains, `${path}.publicWebmailDomains`),
    secureMailboxes,
    markers,
    protection: parseProtection(v.protection, v.gateway, v.labels, v.smime, path),
    scanTimeoutMs: timeout,
  };
}

// RFC 5322 field names: printable ASCII without ":" or space; an "X-" name keeps clear of standard ones.
const HEADER_NAME = /^X-[!-9;-~]{1,70}$/i;
const HEADER_VALUE = /^[!-~]{1,64}$/;

function parseMarkerHeaders(v: Json, path: string): SendPolicy["markers"]["headers"] {
  const d = DEFAULT_SEND_POLICY.markers.headers;
  if (v === undefined) return d;
  if (!isObject(v)) fail(path, 'must be {"encrypt": "X-…", "sign": "X-…", "mailbox": "X-…", "yes": "yes", "no": "no"}');
  checkKeys(v, ["sign", "encrypt", "mailbox", "yes", "no"], path);
  const out = { ...d };
  for (const key of ["sign", "encrypt", "mailbox"] as const) {
    const name = v[key];
    if (name === undefined) continue;
    if (typeof name !== "string" || !HEADER_NAME.test(name)) fail(`${path}.${key}`, "must be a header name starting with X- (letters, digits and - only, no spaces or colon)");
    out[key] = name;
  }
  for (const key of ["yes", "no"] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || !HEADER_VALUE.test(value)) fail(`${path}.${key}`, "must be a short value without spaces");
    out[key] = value;
  }
  if (out.yes.toLowerCase() === out.no.toLowerCase()) fail(`${path}.no`, "must differ from yes");
  if (new Set([out.sign, out.encrypt, out.mailbox].map((n) => n.toLowerCase())).size < 3) fail(path, "sign, encrypt and mailbox must be three different headers");
  return out;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function parseAttestation(v: Json, path: string): GatewayAttestation | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) fail(path, 'must be {"verifiedAt": "2026-12-07T10:00:00Z", "maxAgeDays": 31, "signs": false} as Test-SikkerPostGateway.ps1 writes it');
  checkKeys(v, ["verifiedAt", "maxAgeDays", "signs", "verifiedBy", "tenant", "rules"], path);
  const { verifiedAt, maxAgeDays, signs } = v;
  if (typeof verifiedAt !== "string" || !ISO_DATE_TIME.test(verifiedAt) || !Number.isFinite(Date.parse(verifiedAt))) fail(`${path}.verifiedAt`, "must be a date and time such as 2026-12-07T10:00:00Z");
  if (typeof maxAgeDays !== "number" || !Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > 366) fail(`${path}.maxAgeDays`, "must be a whole number of days from 1 to 366");
  if (signs !== undefined && typeof signs !== "boolean") fail(`${path}.signs`, "must be true or false");
  if (v.verifiedBy !== undefined && typeof v.verifiedBy !== "string") fail(`${path}.verifiedBy`, "must be a string");
  if (v.tenant !== undefined && typeof v.tenant !== "string") fail(`${path}.tenant`, "must be a string");
  return {
    verifiedAt,
    maxAgeDays,
    signs: signs === true,
    ...(typeof v.verifiedBy === "string" ? { verifiedBy: v.verifiedBy } : {}),
    ...(typeof v.tenant === "string" ? { tenant: v.tenant } : {}),
    ...(v.rules !== undefined ? { rules: stringArray(v.rules, `${path}.rules`) } : {}),
  };
}

function parseLabels(v: Json, path: string): ProtectionPolicy["labels"] {
  if (v === undefined) return DEFAULT_PROTECTION.labels;
  if (!isObject(v)) fail(path, 'must be {"apply": "<GUID>", "encrypting": [{"id": "<GUID>", "name": "…"}]}');
  checkKeys(v, ["apply", "encrypting"], path);
  const list = v.encrypting ?? [];
  if (!Array.isArray(list)) fail(`${path}.encrypting`, "must be a list");
  const encrypting = list.map((l, i): EncryptingLabel => {
    const at = `${path}.encrypting[${i}]`;
    if (!isObject(l)) fail(at, 'must be {"id": "<GUID>", "name": "…", "signs": false}');
    checkKeys(l, ["id", "name", "signs"], at);
    if (typeof l.id !== "string" || !GUID.test(l.id)) fail(`${at}.id`, "must be the label's GUID (Get-Label | Select Guid), not its name");
    if (typeof l.name !== "string" || l.name.trim() === "") fail(`${at}.name`, "must be the label's name, as shown to users");
    if (l.signs !== undefined && typeof l.signs !== "boolean") fail(`${at}.signs`, "must be true or false");
    return { id: l.id, name: l.name, signs: l.signs === true };
  });
  const apply = v.apply;
  if (apply !== undefined && (typeof apply !== "string" || !GUID.test(apply))) fail(`${path}.apply`, "must be the GUID of the label \"Send sikkert\" sets");
  if (typeof apply === "string" && !encrypting.some((l) => l.id.toLowerCase() === apply.toLowerCase())) fail(`${path}.apply`, "must be one of the labels in encrypting: a label that does not encrypt cannot secure a mail");
  return { ...(typeof apply === "string" ? { apply } : {}), encrypting };
}

// PEM certificate: header, base64 lines, footer. Linear: each part is a single character class.
const PEM_CERT = /^\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/;
const LOOPBACK_HTTP = /^http:\/\/(?:127\.0\.0\.1|localhost)(?::\d{1,5})?(?:\/[^\s]*)?$/;
const HTTPS_URL = /^https:\/\/[^\s/]+(?:\/[^\s]*)?$/;

/** send.smime (docs/smime.md). Certificates are only checked for PEM form here: pkijs stays out of the handler bundle. */
function parseSmime(v: Json, path: string): SmimePolicy {
  if (!isObject(v)) fail(path, 'must be {"mode": "sign-and-encrypt", "trustAnchors": ["-----BEGIN CERTIFICATE-----…"], "graph": {"clientId": "<Entra app id>"}}');
  checkKeys(v, ["mode", "directory", "trustAnchors", "graph", "maxRequestBytes"], path);
  const mode = oneOf(v.mode, ["sign-and-encrypt", "encrypt-only"] as const, "sign-and-encrypt", `${path}.mode`);
  let directory: string | undefined;
  if (v.directory !== undefined) {
    const dir = v.directory;
    // Same rule as the policy URL: the add-in's own origin (a path, or an https URL the pane checks is on it).
    if (typeof dir !== "string" || !((dir.startsWith("/") && !dir.startsWith("//") && !/\s/.test(dir)) || HTTPS_URL.test(dir))) {
      fail(`${path}.directory`, "must be a path on the add-in's own origin (/certificates/directory.json) or an https:// URL on it");
    }
    directory = dir;
  }
  const anchors = stringArray(v.trustAnchors, `${path}.trustAnchors`);
  if (anchors.length === 0) fail(`${path}.trustAnchors`, "must list at least one PEM root certificate (OCES3 or the organisation's own CA)");
  anchors.forEach((a, i) => {
    if (!PEM_CERT.test(a)) fail(`${path}.trustAnchors[${i}]`, "must be one PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)");
  });
  const graph = v.graph;
  if (!isObject(graph)) fail(`${path}.graph`, 'must be {"clientId": "<Entra app id>", "endpoint": "https://graph.microsoft.com/v1.0"}');
  checkKeys(graph, ["endpoint", "clientId"], `${path}.graph`);
  const clientId = graph.clientId;
  if (typeof clientId !== "string" || !GUID.test(clientId)) fail(`${path}.graph.clientId`, "must be the application (client) ID of the add-in's Entra app registration (a GUID)");
  const endpoint = graph.endpoint ?? GRAPH_V1;
  if (typeof endpoint !== "string" || !(HTTPS_URL.test(endpoint) || LOOPBACK_HTTP.test(endpoint))) fail(`${path}.graph.endpoint`, "must be an https:// URL (http:// only on 127.0.0.1 or localhost, for the playground)");
  const max = v.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 10_000 || max > DEFAULT_MAX_REQUEST_BYTES) fail(`${path}.maxRequestBytes`, `must be a whole number of bytes from 10000 to ${DEFAULT_MAX_REQUEST_BYTES} (Graph's limit)`);
  return { mode, ...(directory !== undefined ? { directory } : {}), trustAnchors: anchors, graph: { endpoint: endpoint.replace(/\/+$/, ""), clientId }, maxRequestBytes: max };
}

function parseProtection(v: Json, gateway: Json, labels: Json, smime: Json, sendPath: string): ProtectionPolicy {
  const path = `${sendPath}.protection`;
  const d = DEFAULT_PROTECTION;
  if (v !== undefined && !isObject(v)) fail(path, 'must be {"method": "gateway" | "label" | "smime", "minimumEvidence": "verified" | "marker"}');
  const o = v ?? {};
  checkKeys(o, ["method", "minimumEvidence"], path);
  const method = oneOf(o.method, ["gateway", "label", "smime"] as const, d.method, `${path}.method`);
  const minimumEvidence = oneOf(o.minimumEvidence, ["verified", "marker"] as const, d.minimumEvidence, `${path}.minimumEvidence`);
  const attestation = parseAttestation(gateway, `${sendPath}.gateway`);
  const parsedLabels = parseLabels(labels, `${sendPath}.labels`);
  if (method === "label" && parsedLabels.apply === undefined) fail(`${sendPath}.labels.apply`, 'is required with protection.method "label": the label "Send sikkert" sets');
  if (method === "smime" && smime === undefined) fail(`${sendPath}.smime`, 'is required with protection.method "smime": trust anchors and the Graph app registration');
  const parsedSmime = smime === undefined ? undefined : parseSmime(smime, `${sendPath}.smime`);
  return { method, minimumEvidence, ...(attestation !== undefined ? { gateway: attestation } : {}), labels: parsedLabels, ...(parsedSmime !== undefined ? { smime: parsedSmime } : {}) };
}

const IMAGE_HANDLING: readonly ImageHandling[] = ["ignore", "unreadable"];

function parseImages(v: Json): ImagePolicy {
  if (v === undefined) return DEFAULT_IMAGE_POLICY;
  const path = "policy.images";
  if (!isObject(v)) fail(path, 'must be {"inline": "ignore", "attached": "unreadable"}');
  checkKeys(v, ["inline", "attached"], path);
  return {
    inline: oneOf(v.inline, IMAGE_HANDLING, DEFAULT_IMAGE_POLICY.inline, `${path}.inline`),
    attached: oneOf(v.attached, IMAGE_HANDLING, DEFAULT_IMAGE_POLICY.attached, `${path}.attached`),
  };
}

function parseGuidance(v: Json): GuidancePolicy {
  if (v === undefined) return NO_GUIDANCE;
  const path = "policy.guidance";
  if (!isObject(v)) fail(path, "must be an object");
  checkKeys(v, ["replace", "text", "links"], path);
  if (v.replace !== undefined && typeof v.replace !== "boolean") fail(`${path}.replace`, "must be true or false");
  const text = v.text ?? {};
  if (!isObject(text)) fail(`${path}.text`, 'must be {"da": [...], "en": [...]}');
  checkKeys(text, ["da", "en"], `${path}.text`);
  const links = v.links ?? [];
  if (!Array.isArray(links)) fail(`${path}.links`, "must be a list");
  return {
    replace: v.replace === true,
    text: { da: stringArray(text.da, `${path}.text.da`), en: stringArray(text.en, `${path}.text.en`) },
    links: links.map((l, i) => {
      const at = `${path}.links[${i}]`;
      if (!isObject(l) || typeof l.title !== "string" || typeof l.url !== "string") fail(at, 'must be {"title": ..., "url": "https://..."}');
      // Only https links: the pane opens them, and nothing else may leave the add-in.
      if (!/^https:\/\/[^\s]+$/.test(l.url)) fail(`${at}.url`, "must be an https:// address");
      return { title: l.title, url: l.url };
    }),
  };
}

/** Allowed range of each limit: wide enough for any office, narrow enough that a typo cannot switch a guard off. */
const LIMIT_RANGES: Record<keyof ExtractLimits, readonly [number, number, string]> = {
  maxDepth: [1, 32, "levels"],
  maxBytes: [1024, 1024 * 1024 * 1024, "bytes"],
  maxTotalBytes: [1024, 4 * 1024 * 1024 * 1024, "bytes"],
  maxArchiveBytes: [1024, 4 * 1024 * 1024 * 1024, "bytes"],
  maxCompressionRatio: [10, 10000, "times"],
  maxEntries: [1, 1000000, "entries"],
  maxPdfPages: [1, 100000, "pages"],
  maxMillisPerAttachment: [100, 60000, "milliseconds"],
};

function parseLimits(v: Json): ExtractLimits {
  if (v === undefined) return DEFAULT_EXTRACT_LIMITS;
  const path = "policy.limits";
  if (!isObject(v)) fail(path, "must be an object");
  const keys = Object.keys(LIMIT_RANGES) as (keyof ExtractLimits)[];
  checkKeys(v, keys, path);
  const out: Record<string, number> = { ...DEFAULT_EXTRACT_LIMITS };
  for (const key of keys) {
    const value = v[key];
    if (value === undefined) continue;
    const [min, max, unit] = LIMIT_RANGES[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) fail(`${path}.${key}`, `must be a whole number of ${unit} from ${min} to ${max}`);
    out[key] = value;
  }
  return out as unknown as ExtractLimits;
}
