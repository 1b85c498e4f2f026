/**
 * Helpers for the manifest tests: a real XML parse of manifest.xml (htmlparser2 in XML mode,
 * tag names kept with their prefixes, e.g. "bt:Image"), the resources it declares, and the
 * Office.actions.associate calls found in the built handler bundle by walking its syntax tree.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as acorn from "acorn";
import { DomUtils, parseDocument } from "htmlparser2";

export const ROOT = join(__dirname, "..", "..");
export const MANIFEST = join(ROOT, "manifest.xml");
export const DIST = join(ROOT, "dist-addin");
export const DEV_ORIGIN = "https://localhost:3000/";

export type XmlDocument = ReturnType<typeof parseDocument>;
export type XmlElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];

export function parseXml(text: string): XmlDocument {
  return parseDocument(text, { xmlMode: true });
}

export function readManifestXml(path: string = MANIFEST): XmlDocument {
  return parseXml(readFileSync(path, "utf8"));
}

/** Every element with this (prefixed) tag name below `root`, in document order. */
export function all(root: XmlDocument | XmlElement, tag: string): XmlElement[] {
  return DomUtils.getElementsByTagName(tag, root, true);
}

/** The element's direct children with this tag name. */
export function children(el: XmlElement, tag: string): XmlElement[] {
  return DomUtils.getChildren(el).filter((c): c is XmlElement => DomUtils.isTag(c) && c.name === tag);
}

export function one(root: XmlDocument | XmlElement, tag: string): XmlElement {
  const found = all(root, tag);
  if (found.length !== 1) throw new Error(`expected one <${tag}>, found ${found.length}`);
  const [el] = found;
  if (el === undefined) throw new Error(`no <${tag}>`);
  return el;
}

export function attr(el: XmlElement, name: string): string {
  const value = el.attribs[name];
  if (value === undefined) throw new Error(`<${el.name}> has no ${name} attribute`);
  return value;
}

export function text(el: XmlElement): string {
  return DomUtils.textContent(el).trim();
}

/** The nearest ancestor with this tag name, or null. */
export function ancestor(el: XmlElement, tag: string): XmlElement | null {
  let p = el.parent;
  while (p !== null && DomUtils.isTag(p)) {
    if (p.name === tag) return p;
    p = p.parent;
  }
  return null;
}

export type ResourceKind = "bt:Images" | "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings";
export const RESOURCE_KINDS: readonly ResourceKind[] = ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"];

export interface Resource {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly value: string;
  readonly el: XmlElement;
}

export function resources(doc: XmlDocument): Resource[] {
  const out: Resource[] = [];
  for (const kind of RESOURCE_KINDS) {
    for (const group of all(doc, kind)) {
      for (const el of DomUtils.getChildren(group)) {
        if (!DomUtils.isTag(el)) continue;
        out.push({ kind, id: attr(el, "id"), value: attr(el, "DefaultValue"), el });
      }
    }
  }
  return out;
}

export function resource(doc: XmlDocument, id: string): Resource {
  const found = resources(doc).filter((r) => r.id === id);
  const [r] = found;
  if (found.length !== 1 || r === undefined) throw new Error(`expected one resource ${id}, found ${found.length}`);
  return r;
}

/** The Control element (button) with this id. */
export function control(doc: XmlDocument, id: string): XmlElement {
  const found = all(doc, "Control").filter((c) => c.attribs.id === id);
  const [c] = found;
  if (found.length !== 1 || c === undefined) throw new Error(`expected one Control ${id}, found ${found.length}`);
  return c;
}

// ---- office-addin-manifest ----

export interface ManifestInfo {
  id?: string;
  version?: string;
  hosts?: string[];
  officeAppType?: string;
  defaultLocale?: string;
  permissions?: string;
  displayName?: string;
  description?: string;
  iconUrl?: string;
  highResolutionIconUrl?: string;
  supportUrl?: string;
  manifestType?: string;
}

/**
 * office-addin-manifest's own parse (readManifestFile, what `office-addin-manifest info`
 * prints), run in a child Node process: the package's index loads an ES module dependency
 * that Node can require but Jest's CommonJS runtime cannot. Offline; it reports no usage data.
 */
export function officeManifestInfo(path: string): ManifestInfo {
  const script =
    'require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])' +
    ".then((m) => process.stdout.write(JSON.stringify(m)), (e) => { process.stderr.write(String(e)); process.exit(1); });";
  const out = execFileSync(process.execPath, ["-e", script, path], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out) as ManifestInfo;
}

// ---- the built handler bundle ----

interface AstNode {
  type: string;
  [key: string]: unknown;
}

function isNode(v: unknown): v is AstNode {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";
}

function walk(node: AstNode, visit: (n: AstNode) => void): void {
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) {
      walk(value, visit);
    }
  }
}

function isMember(node: unknown, object: (o: unknown) => boolean, property: string): boolean {
  if (!isNode(node) || node.type !== "MemberExpression" || node.computed === true) return false;
  const prop = node.property;
  return isNode(prop) && prop.type === "Identifier" && prop.name === property && object(node.object);
}

const isOfficeGlobal = (n: unknown): boolean => isNode(n) && n.type === "Identifier" && n.name === "Office";

/**
 * The names passed to Office.actions.associate("name", handler) in a script, from its syntax
 * tree. A call whose first argument is not a string literal is reported as "<dynamic>".
 */
export function associatedNames(source: string): string[] {
  const program = acorn.parse(source, { ecmaVersion: "latest", sourceType: "script" }) as unknown as AstNode;
  const names: string[] = [];
  walk(program, (n) => {
    if (n.type !== "CallExpression") return;
    if (!isMember(n.callee, (o) => isMember(o, isOfficeGlobal, "actions"), "associate")) return;
    const args = n.arguments as unknown[];
    const first = args[0];
    names.push(isNode(first) && first.type === "Literal" && typeof first.value === "string" ? first.value : "<dynamic>");
  });
  return names;
}

export function builtFile(name: string): string {
  const path = join(DIST, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build:addin" first (npm test does).`);
  return readFileSync(path, "utf8");
}

// ---- PNG ----

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error("not a PNG");
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// ---- scripts/manifest-origin.cjs (plain CommonJS, loaded the way webpack.config.js loads it) ----

export interface ManifestPattern {
  from: string;
  to: string;
  transform: (content: Buffer) => string;
}

export interface ManifestOriginModule {
  DEV_ORIGIN: string;
  parseOrigin: (origin: unknown) => string;
  manifestForOrigin: (xml: string, origin: unknown) => string;
  manifestPattern: (origin: unknown) => ManifestPattern;
}

export function manifestOrigin(): ManifestOriginModule {
  const load = createRequire(__filename);
  return load(join(ROOT, "scripts", "manifest-origin.cjs")) as ManifestOriginModule;
}
