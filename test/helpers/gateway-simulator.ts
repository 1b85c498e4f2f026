/**
 * A small model of Exchange Online applying Sikker Post's mail flow rules
 * (admin/gateway/rules.json, the same file the PowerShell scripts read) to a sent mail as the
 * playground records it. It proves that the rules, as written, do what docs/gateway.md says
 * for the markers the add-in sets; it cannot prove that Exchange evaluates them the same way.
 *
 * Simplifications, on purpose: a mail is "NotInOrganization" when any recipient is outside the
 * organisation's domains (Exchange decides per recipient); a header pattern is matched against
 * the header's one value (Exchange: any instance); encryption is S/MIME with openssl, standing
 * in for Purview Message Encryption or an S/MIME gateway; the data classification is
 * Sikker Post's own CPR detector, counting only numbers that pass modulus 11, as Purview's
 * "Denmark Personal Identification Number" requires a passing checksum.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CprDetector } from "../../src/core/cpr/cpr-detector";

export type MarkerRole = "encrypt" | "sign" | "mailbox";
export type MarkerMethod = "headers" | "subject";
export type GatewayPath = "ome" | "smime";

export interface HeaderMatch {
  readonly marker: MarkerRole;
  readonly headerName: string;
  readonly pattern: string;
}
export interface SubjectMatch {
  readonly marker: MarkerRole;
  readonly pattern: string;
}
export interface Predicates {
  readonly sentToScope?: "NotInOrganization" | "InOrganization";
  readonly headerMatches?: HeaderMatch;
  readonly subjectMatches?: SubjectMatch;
  readonly messageContainsDataClassifications?: readonly { readonly name: string; readonly minCount: number }[];
}
export interface RuleActions {
  readonly applyRightsProtectionTemplate?: string;
  readonly routeMessageOutboundConnector?: string;
  readonly rejectMessageReasonText?: string;
  readonly removeHeader?: { readonly marker: MarkerRole; readonly headerName: string };
}
export interface GatewayRule {
  readonly id: string;
  readonly name: string;
  readonly markerMethod: MarkerMethod;
  readonly path: GatewayPath | "any";
  readonly priority: number;
  readonly enabled: boolean;
  readonly mode: "Enforce" | "Audit" | "AuditAndNotify";
  readonly ruleErrorAction: "Defer" | "Ignore";
  readonly conditions: Predicates;
  readonly exceptions?: Predicates;
  readonly actions: RuleActions;
  readonly comments?: string;
}
export interface RulesFile {
  readonly version: number;
  readonly defaultPath: GatewayPath;
  readonly markers: {
    readonly encrypt: { readonly headerName: string; readonly yes: string };
    readonly sign: { readonly headerName: string; readonly yes: string };
    readonly mailbox: { readonly headerName: string };
    readonly subjectCodes: { readonly sign: string; readonly encrypt: string };
  };
  readonly rules: readonly GatewayRule[];
}

export const RULES_PATH = join(__dirname, "..", "..", "admin", "gateway", "rules.json");

export function loadRulesFile(path: string = RULES_PATH): RulesFile {
  return JSON.parse(readFileSync(path, "utf8")) as RulesFile;
}

/** The policy's marker names (send.markers.headers), as Install-SikkerPostRules.ps1 -HeaderName/-EncryptValue take them. */
export interface MarkerConfig {
  readonly method: MarkerMethod;
  readonly path: GatewayPath;
  readonly encryptHeader?: string;
  readonly signHeader?: string;
  readonly yes?: string;
}

/** Escapes a literal the way .NET's [regex]::Escape does (the install script uses that), for the characters it escapes. */
export function escapePattern(literal: string): string {
  return literal.replace(/[\\*+?|{[()^$.#\s]/g, (c) => `\\${c}`);
}

function configure(rule: GatewayRule, file: RulesFile, config: MarkerConfig): GatewayRule {
  const encryptHeader = config.encryptHeader ?? file.markers.encrypt.headerName;
  const signHeader = config.signHeader ?? file.markers.sign.headerName;
  const yes = config.yes ?? file.markers.encrypt.yes;
  // As written in rules.json unless the policy names other markers; then built as the install script builds it.
  const yesPattern = (written: string): string => (yes === file.markers.encrypt.yes ? written : `^${escapePattern(yes)}$`);
  const header = (m: HeaderMatch | undefined): HeaderMatch | undefined => {
    if (m === undefined) return undefined;
    if (m.marker === "encrypt") return { ...m, headerName: encryptHeader, pattern: yesPattern(m.pattern) };
    if (m.marker === "sign") return { ...m, headerName: signHeader, pattern: yesPattern(m.pattern) };
    return m;
  };
  const predicates = (p: Predicates | undefined): Predicates | undefined =>
    p === undefined ? undefined : { ...p, ...(p.headerMatches !== undefined ? { headerMatches: header(p.headerMatches) } : {}) };
  const remove = rule.actions.removeHeader;
  const removeName = remove === undefined ? undefined : remove.marker === "encrypt" ? encryptHeader : remove.marker === "sign" ? signHeader : remove.headerName;
  return {
    ...rule,
    conditions: predicates(rule.conditions) ?? {},
    ...(rule.exceptions !== undefined ? { exceptions: predicates(rule.exceptions) } : {}),
    actions: { ...rule.actions, ...(remove !== undefined && removeName !== undefined ? { removeHeader: { ...remove, headerName: removeName } } : {}) },
  };
}

/** The rules an organisation installs for its marker method and path, in Exchange's order (lowest priority first). */
export function selectRules(file: RulesFile, config: MarkerConfig): GatewayRule[] {
  return file.rules
    .filter((r) => r.enabled && r.markerMethod === config.method && (r.path === "any" || r.path === config.path))
    .map((r) => configure(r, file, config))
    .sort((a, b) => a.priority - b.priority);
}

export interface SimMail {
  readonly from: string;
  readonly subject: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface GatewayResult {
  readonly outcome: "delivered" | "rejected";
  readonly rejectText?: string;
  /** Names of the rules whose conditions matched, in order. */
  readonly fired: readonly string[];
  readonly encrypted: boolean;
  readonly routedTo?: string;
  /** The headers as they leave (after RemoveHeader). */
  readonly headers: Readonly<Record<string, string>>;
  /** The MIME message as it leaves: S/MIME enveloped when encrypted. */
  readonly mime: string;
}

export interface SimOptions {
  readonly orgDomains: readonly string[];
  /** Encrypts the MIME entity (content headers and body); without it, encryption is only recorded. */
  readonly encrypt?: (entity: string) => string;
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

const detector = new CprDetector();

/** Valid CPR numbers (passing modulus 11) in the text: what Purview's checksum-based type can find. */
export function countValidCpr(text: string): number {
  return detector.find(text).filter((m) => m.reasons.includes("mod11_valid")).length;
}

function isExternal(address: string, orgDomains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  return !orgDomains.some((d) => d.toLowerCase() === domain);
}

function matches(p: Predicates, mail: SimMail, headers: Readonly<Record<string, string>>, orgDomains: readonly string[]): boolean {
  const recipients = [...mail.to, ...mail.cc, ...mail.bcc];
  if (p.sentToScope === "NotInOrganization" && !recipients.some((r) => isExternal(r, orgDomains))) return false;
  if (p.sentToScope === "InOrganization" && recipients.some((r) => isExternal(r, orgDomains))) return false;
  if (p.headerMatches !== undefined) {
    const value = headerValue(headers, p.headerMatches.headerName);
    if (value === undefined || !new RegExp(p.headerMatches.pattern).test(value)) return false;
  }
  if (p.subjectMatches !== undefined && !new RegExp(p.subjectMatches.pattern).test(mail.subject)) return false;
  if (p.messageContainsDataClassifications !== undefined) {
    const found = countValidCpr(`${mail.subject}\n${mail.body}`);
    if (!p.messageContainsDataClassifications.every((c) => found >= c.minCount)) return false;
  }
  return true;
}

/** Applies the rules in order, as the transport rules agent does. */
export function runGateway(mail: SimMail, rules: readonly GatewayRule[], options: SimOptions): GatewayResult {
  const headers: Record<string, string> = { ...mail.headers };
  const fired: string[] = [];
  let encrypt = false;
  let routedTo: string | undefined;
  for (const rule of rules) {
    if (!matches(rule.conditions, mail, headers, options.orgDomains)) continue;
    if (rule.exceptions !== undefined && matches(rule.exceptions, mail, headers, options.orgDomains)) continue;
    fired.push(rule.name);
    if (rule.mode !== "Enforce") continue;
    const a = rule.actions;
    if (a.rejectMessageReasonText !== undefined) {
      return { outcome: "rejected", rejectText: a.rejectMessageReasonText, fired, encrypted: false, headers, mime: "" };
    }
    if (a.applyRightsProtectionTemplate !== undefined) encrypt = true;
    if (a.routeMessageOutboundConnector !== undefined) {
      routedTo = a.routeMessageOutboundConnector;
      encrypt = true; // the S/MIME gateway behind the connector encrypts
    }
    if (a.removeHeader !== undefined) {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === a.removeHeader?.headerName.toLowerCase());
      if (key !== undefined) Reflect.deleteProperty(headers, key);
    }
  }
  // Encryption happens as the message leaves, after every rule (as OME applies it at the end).
  const entity = mimeEntity(mail.body);
  const content = encrypt && options.encrypt !== undefined ? options.encrypt(entity) : entity;
  return { outcome: "delivered", fired, encrypted: encrypt, ...(routedTo !== undefined ? { routedTo } : {}), headers, mime: `${outerHeaders(mail, headers)}${content}` };
}

/** The body as a MIME entity: content headers, a blank line, Base64 text (so no line or charset is changed in transit). */
export function mimeEntity(body: string): string {
  const b64 = Buffer.from(body, "utf8").toString("base64").replace(/.{1,76}/g, "$&\r\n");
  return `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}`;
}

/** The text of a single-part entity built by mimeEntity (or decrypted from one). */
export function entityText(entity: string): string {
  const split = entity.indexOf("\r\n\r\n");
  const head = entity.slice(0, split);
  if (!/^Content-Transfer-Encoding: base64$/im.test(head)) throw new Error("not a base64 entity");
  return Buffer.from(entity.slice(split + 4).replace(/\s+/g, ""), "base64").toString("utf8");
}

function outerHeaders(mail: SimMail, headers: Readonly<Record<string, string>>): string {
  const lines = [`From: ${mail.from}`, `To: ${mail.to.join(", ")}`];
  if (mail.cc.length > 0) lines.push(`Cc: ${mail.cc.join(", ")}`);
  lines.push(`Subject: ${mail.subject}`, "MIME-Version: 1.0");
  // (openssl's own MIME-Version line is dropped in TestSmime.encrypt, so there is one.)
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n`;
}

/** A throw-away recipient certificate and key, and openssl cms around them. */
export class TestSmime {
  readonly dir: string;
  readonly cert: string;
  readonly key: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "sikker-post-gateway-"));
    this.cert = join(this.dir, "cert.pem");
    this.key = join(this.dir, "key.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", this.key, "-out", this.cert, "-days", "1", "-subj", "/CN=Sikker Post test gateway"], { stdio: "pipe" });
  }

  /** S/MIME enveloped data (AES-256) for the entity, as the part that replaces the body. */
  encrypt(entity: string): string {
    const input = join(this.dir, "in.txt");
    writeFileSync(input, entity);
    const out = execFileSync("openssl", ["cms", "-encrypt", "-aes256", "-binary", "-in", input, "-outform", "SMIME", this.cert], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return out.replace(/^MIME-Version: 1\.0\r?\n/, "").replace(/\r?\n/g, "\r\n");
  }

  /** The entity back from a message whose content is S/MIME enveloped data (outer headers are skipped by openssl). */
  decrypt(mime: string): string {
    const input = join(this.dir, "msg.eml");
    writeFileSync(input, mime);
    return execFileSync("openssl", ["cms", "-decrypt", "-inform", "SMIME", "-in", input, "-recip", this.cert, "-inkey", this.key], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
