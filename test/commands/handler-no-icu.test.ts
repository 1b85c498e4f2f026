/**
 * The built handler bundle in classic Outlook's JavaScript-only runtime as it has been since
 * Version 2406: no Intl and no ICU, so String.prototype.normalize returns its string unchanged
 * (OfficeDev/office-js#4631). CPR numbers written in other digits must block there as well.
 */
import { FakeOffice, type FakeRecipient } from "../../src/fake-office/fake-office";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { bundleSource, loadBundle } from "../helpers/handler-bundle";

const citizen: FakeRecipient = { emailAddress: "borger@gmail.com", recipientType: "externalUser" };

/** Runs in the vm context before the bundle: its String and globalThis are the context's own. */
const NO_ICU = "delete globalThis.Intl; String.prototype.normalize = function () { return String(this); };";

const FULL_WIDTH = "０２０５５３-２００５"; // 020553-2005: mod 11 valid
const CPR = dashed(makeCpr(1972, 3, 15, 3, 400));
const inDigits = (text: string, zero: number): string => text.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));

const runtimes: [string, string | undefined][] = [
  ["with ICU", undefined],
  ["without Intl and ICU", NO_ICU],
];

async function send(before: string | undefined, bodyHtml: string): Promise<{ allowEvent?: boolean; errorMessage?: unknown } | undefined> {
  const fake: FakeOffice = loadBundle({ ...(before !== undefined ? { before } : {}), draft: { subject: "Sag", bodyHtml, to: [citizen] } });
  const done = await fake.fire("onMessageSendHandler");
  return done?.options;
}

describe.each(runtimes)("the handler bundle %s", (_name, before) => {
  it("blocks a CPR number in full-width digits to an external recipient", async () => {
    const options = await send(before, `<p>Borgerens nummer er ${FULL_WIDTH}.</p>`);
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain("020553-XXXX");
  });

  it("blocks a CPR number in Arabic-Indic digits to an external recipient", async () => {
    const options = await send(before, `<p>Nummer: ${inDigits(CPR, 0x0660)}</p>`);
    expect(options?.allowEvent).toBe(false);
    expect(String(options?.errorMessage)).toContain(`${CPR.slice(0, 6)}-XXXX`);
  });

  it("blocks a CPR number in mathematical monospace digits to an external recipient", async () => {
    const options = await send(before, `<p>CPR ${inDigits(CPR, 0x1d7f6)}</p>`);
    expect(options?.allowEvent).toBe(false);
  });

  it("allows a clean mail with accents, full-width letters and other digits", async () => {
    const options = await send(before, "<p>Kære Åse, vi ses på café A\u030ase kl. １４ i lokale ٣.</p>");
    expect(options).toEqual({ allowEvent: true });
  });
});

describe("the bundle and the runtime without ICU", () => {
  it("calls normalize nowhere: its result would differ between runtimes", () => {
    expect(bundleSource().match(/.{0,40}\.normalize\(.{0,20}/g) ?? []).toEqual([]);
  });

  it("the test context really has no Intl, and a normalize that returns its string unchanged", () => {
    const check = `if (typeof Intl !== "undefined" || "\\uFF11".normalize("NFKC") !== "\\uFF11") throw new Error("ICU is still there");`;
    expect(() => loadBundle({ before: `${NO_ICU}\n${check}` })).not.toThrow();
    expect(() => loadBundle({ before: check })).toThrow("ICU is still there");
  });
});
