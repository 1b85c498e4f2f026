import { NO_PROTECTION } from "../../src/core/secure/protection";
import { blockMessage, MAX_ERROR_MESSAGE } from "../../src/core/i18n/block-message";
import { da, en, languageOf } from "../../src/core/i18n/strings";
import { decideSend, failClosed, type Recipient } from "../../src/core/policy/decide-send";
import { DEFAULT_SEND_POLICY } from "../../src/core/policy/send-policy";
import type { CprFinding } from "../../src/core/scan/findings";

const cpr = (i: number, part: "body" | "attachment" = "body"): CprFinding => ({
  kind: "cpr", value: `1503${String(i).padStart(2, "0")}-3405`, masked: `1503${String(i).padStart(2, "0")}-XXXX`, birthDate: "", confidence: "high", reasons: [],
  where: { part, ...(part === "attachment" ? { path: ["bilag.zip", "sag.docx"] } : {}), start: 0, end: 0, snippet: "" },
});
const recipients: Recipient[] = Array.from({ length: 30 }, (_, i) => ({ address: `modtager${i}@gmail.com`, field: "to", recipientType: "externalUser" }));

describe("block message", () => {
  const decision = decideSend({
    findings: [cpr(1, "attachment"), ...Array.from({ length: 40 }, (_, i) => cpr(i + 2))],
    unreadable: [],
    recipients,
    protection: NO_PROTECTION,
    policy: DEFAULT_SEND_POLICY,
    countedConfidence: ["high"],
  });

  it("counts CPR numbers a carried summary left out (moreCprs) with the ones it lists", () => {
    const base = { unreadable: [], recipients: recipients.slice(0, 1), protection: NO_PROTECTION, policy: DEFAULT_SEND_POLICY, countedConfidence: ["high" as const] };
    const summarised = decideSend({ ...base, findings: [cpr(1, "attachment"), cpr(2, "attachment")], moreCprs: 5 });
    expect(summarised.reasons[0]).toMatchObject({ code: "CPR_UNENCRYPTED", moreCprs: 5 });
    expect(blockMessage(summarised, da)).toContain("150302-XXXX i bilaget bilag.zip › sag.docx og 5 mere");
    expect(blockMessage(summarised, en)).toContain(" and 5 more");
    expect(blockMessage(decideSend({ ...base, findings: [cpr(1, "attachment"), cpr(2, "attachment")] }), da)).not.toContain("mere");
  });

  it("says what, where (with the attachment path), who, and how to fix it, in Danish", () => {
    const m = blockMessage(decision, da);
    expect(m).toContain("CPR-nummer 150301-XXXX i bilaget bilag.zip › sag.docx");
    expect(m).toContain("modtager0@gmail.com");
    expect(m).toContain("og 27 mere");
    expect(m).toContain("Vælg \"Send sikkert\"");
    expect(m).toContain("Digital Post");
  });

  it("never holds a full CPR number and fits Outlook's limit", () => {
    for (const s of [da, en]) {
      const m = blockMessage(decision, s);
      expect(m).not.toMatch(/\d{6}-\d{4}/);
      expect(m.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
      expect(m).toContain(s.digitalPost); // the advice at the end survives shortening
    }
  });

  it("explains a failed check without mail content", () => {
    expect(blockMessage(failClosed("policy", "HTTP 500"), da)).toBe(
      "Sikker Post kunne ikke kontrollere mailen, så den er ikke sendt. (organisationens politik for Sikker Post kunne ikke indlæses.)\nPrøv at sende igen. Sker det igen, så kontakt IT-supporten.",
    );
  });

  it("chooses Danish unless Office says another language", () => {
    expect([languageOf(undefined), languageOf("da-DK"), languageOf("en-US"), languageOf("de-DE")]).toEqual(["da", "da", "en", "en"]);
  });
});


