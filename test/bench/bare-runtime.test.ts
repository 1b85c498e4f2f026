/** The bench's stand-in for classic Outlook's JavaScript-only runtime: what the bundle sees there. */
import { join } from "node:path";
import vm from "node:vm";
import { bareRuntime, loadInBareRuntime } from "../../bench/bare-runtime";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { bundleSource } from "../helpers/handler-bundle";

const CPR = dashed(makeCpr(1990, 1, 1, 1, 234));

describe("bareRuntime", () => {
  it("gives the bundle only the globals passed in, and none of Node's or a browser's extras", () => {
    const { context } = loadInBareRuntime("var seen = typeof Office + ',' + typeof setTimeout;", { Office: {}, setTimeout });
    expect(vm.runInContext("seen", context)).toBe("object,function");
    for (const name of ["TextDecoder", "DecompressionStream", "atob", "document", "window", "process", "require", "Buffer"]) {
      expect(vm.runInContext(`typeof ${name}`, context)).toBe("undefined");
    }
    expect(vm.runInContext("typeof Uint8Array.fromBase64", context)).toBe("undefined");
  });

  it("uses an ordinary global object where this Node can make one", () => {
    const hasPlain = "DONT_CONTEXTIFY" in vm.constants;
    const { context, ordinaryGlobal } = bareRuntime({ marker: 1 });
    expect(ordinaryGlobal).toBe(hasPlain);
    // A script's own global declarations land on the global object either way.
    vm.runInContext("var declared = 2;", context);
    expect(vm.runInContext("globalThis.declared + marker", context)).toBe(3);
    // Each runtime is fresh: nothing leaks from one to the next.
    expect(vm.runInContext("typeof declared", bareRuntime({}).context)).toBe("undefined");
  });
});

describe("sendsInFreshRuntime (the bench's built worker, dist/bench)", () => {
  // The worker file exists only in the build (npm test builds before Jest runs).
  const built = join(__dirname, "..", "..", "dist", "bench", "bare-runtime.js");

  it("runs the built handler in a worker of its own, one new context per send, and reports each send's time and the outcome", async () => {
    const { sendsInFreshRuntime } = (await import(built)) as typeof import("../../bench/bare-runtime");
    const internal = { subject: "Møde", bodyHtml: "<p>Vi ses torsdag.</p>", to: [{ emailAddress: "kollega@kommune.dk", recipientType: "user" as const }] };
    const allowed = await sendsInFreshRuntime(bundleSource(), internal, 2, "onMessageSendHandler", 20_000);
    expect(allowed.outcome).toBe("allow");
    expect(allowed.times).toHaveLength(2);
    expect(allowed.times.every((ms) => ms > 0)).toBe(true);
    // Each send's context loads the bundle first, and that is timed too.
    expect(allowed.loads).toHaveLength(2);
    expect(allowed.loads.every((ms) => ms > 0)).toBe(true);
    const blocked = await sendsInFreshRuntime(bundleSource(), { ...internal, bodyHtml: `<p>CPR ${CPR}</p>`, to: [{ emailAddress: "borger@gmail.com", recipientType: "externalUser" as const }] });
    expect(blocked.outcome).toBe("block");
  });

  it("counts a newly started runtime's bundle load in its send time, and a kept runtime's sends without it", async () => {
    const { coldAndKeptSends } = (await import(built)) as typeof import("../../bench/bare-runtime");
    const internal = { subject: "Møde", bodyHtml: "<p>Vi ses torsdag.</p>", to: [{ emailAddress: "kollega@kommune.dk", recipientType: "user" as const }] };
    const r = await coldAndKeptSends(bundleSource(), internal, 2, 20_000);
    expect(r.cold).toHaveLength(2);
    expect(r.coldLoads).toHaveLength(2);
    r.cold.forEach((ms, i) => {
      expect(ms).toBeGreaterThan(r.coldLoads[i] ?? Infinity);
    });
    expect(r.kept).toHaveLength(2);
    expect(r.outcome).toBe("allow");
    // And runtimes that the check on attaching started, timed apart from the send after it.
    expect(r.afterAttach).toHaveLength(2);
    expect(r.attachChecks).toHaveLength(2);
    expect(r.attachChecks.every((ms) => ms > 0)).toBe(true);
    // And newly started runtimes sending on what those checks carried in the session data.
    expect(r.carried).toHaveLength(2);
    expect(r.carried.every((ms) => ms > 0)).toBe(true);
  });

  it("gives the next runtime the draft's session data as the last one left it", async () => {
    const { sendsInFreshRuntime } = (await import(built)) as typeof import("../../bench/bare-runtime");
    const draft = { subject: "Sag", bodyHtml: "<p>Se bilag</p>", to: [{ emailAddress: "borger@gmail.com", recipientType: "externalUser" as const }], attachments: [{ id: "a", name: "noter.txt", attachmentType: "file" as const, size: 20, content: { format: "base64" as const, content: Buffer.from(`Notat ${CPR}`).toString("base64") } }] };
    const attaching = await sendsInFreshRuntime(bundleSource(), draft, 1, "onMessageAttachmentsChangedHandler", 20_000);
    expect(attaching.sessionData.sikkerPostRead).toContain(`${CPR.slice(0, 6)}-XXXX`);
    const later = await sendsInFreshRuntime(bundleSource(), { ...draft, sessionData: attaching.sessionData }, 1, "onMessageSendHandler", 20_000);
    expect(later.outcome).toBe("block");
  });

  it("runs a handler before the timed one in the same runtime, where asked", async () => {
    const { sendsInFreshRuntime } = (await import(built)) as typeof import("../../bench/bare-runtime");
    const draft = { subject: "Sag", bodyHtml: `<p>CPR ${CPR}</p>`, to: [{ emailAddress: "borger@gmail.com", recipientType: "externalUser" as const }] };
    const r = await sendsInFreshRuntime(bundleSource(), draft, 1, "onMessageSendHandler", 20_000, "onMessageAttachmentsChangedHandler");
    expect(r.befores).toHaveLength(1);
    expect(r.times).toHaveLength(1);
    expect(r.outcome).toBe("block");
    await expect(sendsInFreshRuntime(bundleSource(), draft, 1, "onMessageSendHandler", 20_000, "noSuchHandler")).rejects.toThrow("noSuchHandler");
  });

  it("rejects when the bundle cannot be loaded, instead of timing nothing", async () => {
    const { sendsInFreshRuntime } = (await import(built)) as typeof import("../../bench/bare-runtime");
    await expect(sendsInFreshRuntime("throw new Error('broken bundle')", {})).rejects.toThrow("broken bundle");
  });
});
