/**
 * manifest.xml against what Outlook needs and what the add-in actually contains: the parse by
 * office-addin-manifest (offline), the XML structure, the handler names associated in the
 * built bundle, the commandId targets of the Smart Alerts dialog, resources, icons, strings.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DomUtils } from "htmlparser2";
import { ENABLE_SECURE_BUTTON, OPEN_PANE_BUTTON } from "../../src/commands/command-ids";
import { stringsFor } from "../../src/core/i18n/strings";
import {
  DEV_ORIGIN,
  MANIFEST,
  ROOT,
  all,
  ancestor,
  associatedNames,
  attr,
  builtFile,
  children,
  control,
  officeManifestInfo,
  one,
  pngSize,
  readManifestXml,
  resource,
  resources,
  text,
  type XmlElement,
} from "./manifest-helpers";

const doc = readManifestXml();
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

/** The OfficeApp element's own child with this tag (not, e.g., a Supertip's Description). */
function top(tag: string): XmlElement {
  const found = children(one(doc, "OfficeApp"), tag);
  const [el] = found;
  if (found.length !== 1 || el === undefined) throw new Error(`expected one <${tag}> in OfficeApp, found ${found.length}`);
  return el;
}

const V1_0 = "http://schemas.microsoft.com/office/mailappversionoverrides";
const V1_1 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";

function launchEvents(): XmlElement[] {
  return all(doc, "LaunchEvent");
}

function executeFunctionNames(): string[] {
  return all(doc, "Action")
    .filter((a) => a.attribs["xsi:type"] === "ExecuteFunction")
    .map((a) => text(one(a, "FunctionName")));
}

function manifestFunctionNames(): string[] {
  return [...launchEvents().map((e) => attr(e, "FunctionName")), ...executeFunctionNames()];
}

function actionOf(controlId: string): XmlElement {
  return one(control(doc, controlId), "Action");
}

/** A resource URL as a path below the origin, e.g. "assets/icon-16.png". */
function pathBelowOrigin(url: string): string {
  expect(url.startsWith(DEV_ORIGIN)).toBe(true);
  return url.slice(DEV_ORIGIN.length);
}

describe("manifest.xml, as office-addin-manifest reads it (offline)", () => {
  it("is a Mailbox add-in with a fixed id and the package's version", () => {
    const info = officeManifestInfo(MANIFEST);
    expect(info.manifestType).toBe("xml");
    expect(info.officeAppType).toBe("MailApp");
    expect(info.id).toBe("48dccde9-bf82-41d0-b4c7-6925670f286e");
    expect(info.version).toBe(`${pkg.version}.0`);
    expect(info.hosts).toEqual(["Mailbox"]);
    expect(info.defaultLocale).toBe("da-DK");
    expect(info.permissions).toBe("ReadWriteItem");
    expect(info.displayName).toBe("Sikker Post");
    expect(info.iconUrl).toBe(`${DEV_ORIGIN}assets/icon-64.png`);
    expect(info.highResolutionIconUrl).toBe(`${DEV_ORIGIN}assets/icon-128.png`);
  });
});

describe("manifest.xml structure", () => {
  it("nests VersionOverridesV1_1 inside VersionOverridesV1_0, and keeps the 1.1-only elements inside 1.1", () => {
    const overrides = all(doc, "VersionOverrides");
    expect(overrides).toHaveLength(2);
    const [outer, inner] = overrides as [XmlElement, XmlElement];
    expect(outer.attribs["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(outer.attribs.xmlns).toBe(V1_0);
    expect(inner.attribs["xsi:type"]).toBe("VersionOverridesV1_1");
    expect(inner.attribs.xmlns).toBe(V1_1);
    expect(children(outer, "VersionOverrides")).toEqual([inner]);
    for (const tag of ["Runtimes", "LaunchEvents", "SupportsPinning"]) {
      const found = all(doc, tag);
      expect(found.length).toBeGreaterThan(0);
      for (const el of found) expect(ancestor(el, "VersionOverrides")).toBe(inner);
    }
  });

  it("needs Mailbox 1.1 at the top (installable where the server has less than 1.12, e.g. Exchange on-premises) and 1.12 (Smart Alerts) in VersionOverridesV1_1", () => {
    const top = children(one(doc, "OfficeApp"), "Requirements");
    expect(top).toHaveLength(1);
    const sets = all(top[0] as XmlElement, "Set");
    expect(sets.map((s) => [s.attribs.Name, s.attribs.MinVersion])).toEqual([["Mailbox", "1.1"]]);
    const btSets = one(doc, "bt:Sets");
    expect(ancestor(btSets, "VersionOverrides")?.attribs["xsi:type"]).toBe("VersionOverridesV1_1");
    expect(btSets.attribs.DefaultMinVersion).toBe("1.12");
    expect(all(btSets, "bt:Set").map((s) => [s.attribs.Name, s.attribs.MinVersion])).toEqual([["Mailbox", undefined]]);
  });

  it("supports shared folders and shared mailboxes: SupportsSharedFolders true, first in the 1.1 DesktopFormFactor", () => {
    const shared = one(doc, "SupportsSharedFolders");
    expect(text(shared)).toBe("true");
    const formFactor = one(doc, "DesktopFormFactor");
    expect(shared.parent).toBe(formFactor);
    expect(ancestor(formFactor, "VersionOverrides")?.attribs["xsi:type"]).toBe("VersionOverridesV1_1");
    expect(DomUtils.getChildren(formFactor).find((c) => DomUtils.isTag(c))).toBe(shared);
  });

  it("asks for ReadWriteItem and nothing more, and activates in compose forms", () => {
    expect(text(one(doc, "Permissions"))).toBe("ReadWriteItem");
    const itemRules = all(doc, "Rule").filter((r) => r.attribs["xsi:type"] === "ItemIs");
    expect(itemRules.map((r) => [r.attribs.ItemType, r.attribs.FormType])).toEqual([["Message", "Edit"]]);
    expect(all(doc, "Form").map((f) => f.attribs["xsi:type"])).toEqual(["ItemEdit"]);
  });

  it("points the runtime at commands.html, classic Outlook's JavaScript override at commands.js, and the launch events at that runtime", () => {
    const runtime = one(doc, "Runtime");
    expect(pathBelowOrigin(resource(doc, attr(runtime, "resid")).value)).toBe("commands.html");
    const override = one(runtime, "Override");
    expect(override.attribs.type).toBe("javascript");
    expect(pathBelowOrigin(resource(doc, attr(override, "resid")).value)).toBe("commands.js");
    const launchPoint = all(doc, "ExtensionPoint").filter((e) => e.attribs["xsi:type"] === "LaunchEvent");
    expect(launchPoint).toHaveLength(1);
    expect(attr(one(launchPoint[0] as XmlElement, "SourceLocation"), "resid")).toBe(attr(runtime, "resid"));
    expect(pathBelowOrigin(resource(doc, attr(one(doc, "FunctionFile"), "resid")).value)).toBe("commands.html");
  });

  it("registers OnMessageSend once, with SendMode Block, and the compose events that pre-compute the scan", () => {
    const events = launchEvents();
    const send = events.filter((e) => e.attribs.Type === "OnMessageSend");
    expect(send).toHaveLength(1);
    expect((send[0] as XmlElement).attribs.SendMode).toBe("Block");
    // OnMessageCompose, not OnNewMessageCompose: it also fires when a saved draft is opened for editing.
    expect(events.map((e) => e.attribs.Type).sort()).toEqual(["OnMessageAttachmentsChanged", "OnMessageCompose", "OnMessageRecipientsChanged", "OnMessageSend", "OnSensitivityLabelChanged"]);
    const compose = events.find((e) => e.attribs.Type === "OnMessageCompose");
    expect(compose?.attribs.FunctionName).toBe("onNewMessageComposeHandler");
    for (const e of events.filter((x) => x.attribs.Type !== "OnMessageSend")) expect(e.attribs.SendMode).toBeUndefined();
  });

  it("has every manifest function associated in the built dist-addin/commands.js, and every associated function in the manifest", () => {
    const associated = associatedNames(builtFile("commands.js"));
    expect(associated).not.toContain("<dynamic>");
    expect(new Set(associated).size).toBe(associated.length);
    const inManifest = manifestFunctionNames();
    expect(new Set(inManifest).size).toBe(inManifest.length);
    expect([...inManifest].sort()).toEqual([...associated].sort());
    expect(executeFunctionNames()).toEqual(["enableSecureSending"]);
  });

  it("has the buttons that the Smart Alerts dialog's commandId points at (src/commands/handlers.ts)", () => {
    // Mailbox 1.14: a task pane command; Mailbox 1.15 adds function commands.
    const pane = actionOf(OPEN_PANE_BUTTON);
    expect(pane.attribs["xsi:type"]).toBe("ShowTaskpane");
    expect(pathBelowOrigin(resource(doc, attr(one(pane, "SourceLocation"), "resid")).value)).toBe("taskpane.html");
    const secure = actionOf(ENABLE_SECURE_BUTTON);
    expect(secure.attribs["xsi:type"]).toBe("ExecuteFunction");
    expect(text(one(secure, "FunctionName"))).toBe("enableSecureSending");
    expect(ancestor(control(doc, OPEN_PANE_BUTTON), "ExtensionPoint")?.attribs["xsi:type"]).toBe("MessageComposeCommandSurface");
    expect(ancestor(control(doc, ENABLE_SECURE_BUTTON), "ExtensionPoint")?.attribs["xsi:type"]).toBe("MessageComposeCommandSurface");
  });

  it("lets the task pane be pinned", () => {
    const pinning = children(actionOf(OPEN_PANE_BUTTON), "SupportsPinning");
    expect(pinning.map(text)).toEqual(["true"]);
  });

  it("has unique control and group ids", () => {
    const ids = [...all(doc, "Control"), ...all(doc, "Group")].map((c) => attr(c, "id"));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("manifest.xml resources", () => {
  const declared = resources(doc);

  it("declares each resource id once, within 32 characters", () => {
    const ids = declared.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
  });

  it("resolves every resid to a resource of the right kind", () => {
    const referencing = all(doc, "*").filter((el) => el.attribs.resid !== undefined);
    expect(referencing.length).toBeGreaterThan(10);
    for (const el of referencing) {
      const r = resource(doc, attr(el, "resid"));
      const expected =
        el.name === "bt:Image" ? "bt:Images" : el.name === "Label" || el.name === "Title" ? "bt:ShortStrings" : el.name === "Description" ? "bt:LongStrings" : "bt:Urls";
      expect([el.name, r.id, r.kind]).toEqual([el.name, r.id, expected]);
    }
  });

  it("uses every declared resource", () => {
    const used = new Set(all(doc, "*").map((el) => el.attribs.resid));
    expect(declared.filter((r) => !used.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it("has an Icon.16x16 image, the icon the compose notification uses", () => {
    const source = readFileSync(join(ROOT, "src", "office", "compose-item.ts"), "utf8");
    const icons = [...source.matchAll(/icon:\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(icons).toContain("Icon.16x16");
    for (const icon of icons) expect(resource(doc, icon ?? "").kind).toBe("bt:Images");
  });

  it("gives every button the 16, 32 and 80 px icons, each image of the size it claims", () => {
    for (const icon of all(doc, "Icon")) {
      const sizes = all(icon, "bt:Image").map((i) => attr(i, "size"));
      expect(sizes).toEqual(expect.arrayContaining(["16", "32", "80"]));
      for (const image of all(icon, "bt:Image")) {
        const file = join(ROOT, pathBelowOrigin(resource(doc, attr(image, "resid")).value));
        const size = Number(attr(image, "size"));
        expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size });
      }
    }
  });

  it("refers only to image files that exist in assets/ and are PNGs of the size in their name", () => {
    const urls = [
      ...declared.filter((r) => r.kind === "bt:Images").map((r) => r.value),
      attr(one(doc, "IconUrl"), "DefaultValue"),
      attr(one(doc, "HighResolutionIconUrl"), "DefaultValue"),
    ];
    for (const url of urls) {
      const rel = pathBelowOrigin(url);
      expect(rel).toMatch(/^assets\/[a-z]+-\d+\.png$/);
      const file = join(ROOT, rel);
      expect(existsSync(file)).toBe(true);
      const size = Number(/-(\d+)\.png$/.exec(rel)?.[1]);
      expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size });
    }
    expect(pngSize(readFileSync(join(ROOT, "assets", "icon-64.png"))).width).toBe(64);
    expect(pngSize(readFileSync(join(ROOT, "assets", "icon-128.png"))).width).toBe(128);
  });

  it("points every page URL at a file the build produces, and the support URL at a page in assets/", () => {
    for (const r of declared.filter((x) => x.kind === "bt:Urls")) {
      const rel = pathBelowOrigin(r.value);
      expect(builtFile(rel).length).toBeGreaterThan(0);
    }
    const formPage = pathBelowOrigin(attr(one(one(doc, "FormSettings"), "SourceLocation"), "DefaultValue"));
    expect(formPage).toBe("taskpane.html");
    const support = pathBelowOrigin(attr(one(doc, "SupportUrl"), "DefaultValue"));
    expect(existsSync(join(ROOT, support))).toBe(true);
    expect(builtFile(support)).toContain("Sikker Post");
  });

  it("uses only https URLs on the developer origin", () => {
    const values = all(doc, "*").flatMap((el) => Object.values(el.attribs).filter((v) => /^[a-z]+:\/\//i.test(v) && !v.startsWith("http://schemas.") && !v.startsWith("http://www.w3.org/")));
    expect(values.length).toBeGreaterThan(20);
    for (const v of values) expect(v.startsWith(DEV_ORIGIN)).toBe(true);
  });
});

describe("manifest.xml strings", () => {
  const localised = [top("DisplayName"), top("Description"), ...all(doc, "bt:String")];

  it("is Danish by default, with an English (en-US) override for every string", () => {
    expect(text(one(doc, "DefaultLocale"))).toBe("da-DK");
    expect(localised.length).toBeGreaterThan(5);
    for (const el of localised) {
      const overrides = [...children(el, "Override"), ...children(el, "bt:Override")];
      expect([attr(el, "DefaultValue").length > 0, overrides.map((o) => o.attribs.Locale)]).toEqual([true, ["en-US"]]);
      expect(attr(overrides[0] as XmlElement, "Value").length).toBeGreaterThan(0);
    }
    // Not just copies: the descriptions and the tooltips are translated.
    const differing = localised.filter((el) => attr(el, "DefaultValue") !== attr([...children(el, "Override"), ...children(el, "bt:Override")][0] as XmlElement, "Value"));
    expect(differing.length).toBeGreaterThanOrEqual(4);
    expect(attr(top("Description"), "DefaultValue")).toMatch(/CPR-numre/);
  });

  it("labels the ribbon's secure button as the block message names it (\"Send sikkert\" / \"Send securely\")", () => {
    const label = resource(doc, attr(one(control(doc, ENABLE_SECURE_BUTTON), "Label"), "resid"));
    const english = attr(one(label.el, "bt:Override"), "Value");
    expect([label.value, english]).toEqual([stringsFor("da").cancelLabel, stringsFor("en").cancelLabel]);
    expect(stringsFor("da").fix.secure).toContain(`"${label.value}"`);
  });

  it("keeps within the manifest's lengths: 125 characters for short strings, 250 for long strings and the description", () => {
    for (const r of resources(doc)) {
      const values = [r.value, ...children(r.el, "bt:Override").map((o) => attr(o, "Value"))];
      const max = r.kind === "bt:ShortStrings" ? 125 : r.kind === "bt:LongStrings" ? 250 : 2048;
      for (const v of values) expect(v.length).toBeLessThanOrEqual(max);
    }
    const description = top("Description");
    for (const v of [attr(description, "DefaultValue"), ...children(description, "Override").map((o) => attr(o, "Value"))]) {
      expect(v.length).toBeLessThanOrEqual(250);
    }
  });
});
