/**
 * Sikker Post's mail flow rules (admin/gateway/rules.json) applied by the simulator to mails
 * as the playground records them, with real S/MIME encryption by openssl. What this proves and
 * what only a real tenant can confirm: docs/gateway.md, "What CI proves".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { SentMail } from "../../src/playground/page/compose-model";
import {
  countValidCpr,
  entityText,
  escapePattern,
  loadRulesFile,
  runGateway,
  selectRules,
  TestSmime,
  type GatewayRule,
  type MarkerConfig,
  type SimMail,
} from "../helpers/gateway-simulator";

const ORG = ["kommune.example.dk"];
const CPR = "150372-1224"; // made up; passes modulus 11 (4·1+3·5+2·0+7·3+6·7+5·2+4·1+3·2+2·2+1·4 = 110)
const BODY = `Kære Jens\n\nVedr. din sag: CPR-nr. ${CPR}. Æbler, øl og ål – og en lang linje ${"x".repeat(120)}\n\nMed venlig hilsen\nSagsbehandleren\n`;
const PLAIN_BODY = "Mødet er flyttet til torsdag kl. 10.\n";

const file = loadRulesFile();
const HEADERS: MarkerConfig = { method: "headers", path: "ome" };
const SUBJECT: MarkerConfig = { method: "subject", path: "ome" };

/** The markers as the add-in sets them at every allowed send: explicit yes/no, never removed. */
function markers(encrypt: boolean, sign = false, mailbox = "none", names = { encrypt: "X-Sikker-Post-Encrypt", sign: "X-Sikker-Post-Sign", yes: "yes", no: "no" }): Record<string, string> {
  return { [names.encrypt]: encrypt ? names.yes : names.no, [names.sign]: sign ? names.yes : names.no, "X-Sikker-Post-Mailbox": mailbox };
}

/** A sent mail as the playground's "Sendt post" records it, plus the body text. */
function mail(sent: Partial<SentMail>, body: string): SimMail {
  return { from: "sagsbehandler@kommune.example.dk", subject: sent.subject ?? "Sag 12", to: sent.to ?? ["jens.holm@gmail.com"], cc: sent.cc ?? [], bcc: sent.bcc ?? [], headers: sent.headers ?? {}, body };
}

function run(m: SimMail, config: MarkerConfig = HEADERS, rules: readonly GatewayRule[] = selectRules(file, config)): ReturnType<typeof runGateway> {
  return runGateway(m, rules, { orgDomains: ORG });
}

const markerNames = (headers: Readonly<Record<string, string>>): string[] => Object.keys(headers).filter((k) => /^x-sikker-post-/i.test(k));

describe("gateway rules in the simulator (headers)", () => {
  let smime: TestSmime;
  beforeAll(() => {
    smime = new TestSmime();
  });
  afterAll(() => {
    smime.dispose();
  });

  it("encrypts a mail marked yes to an outsider; the recipient's key gives the body back intact; the markers are gone", () => {
    const m = mail({ headers: markers(true, false, "sikker@kommune.example.dk") }, BODY);
    const out = runGateway(m, selectRules(file, HEADERS), { orgDomains: ORG, encrypt: (e) => smime.encrypt(e) });
    expect(out.outcome).toBe("delivered");
    expect(out.encrypted).toBe(true);
    expect(out.fired).toEqual(["Sikker Post – krypter markeret post", "Sikker Post – fjern markør (krypter)", "Sikker Post – fjern markør (signer)", "Sikker Post – fjern markør (postkasse)"]);
    expect(out.mime).toMatch(/^Content-Type: application\/(x-)?pkcs7-mime; smime-type=enveloped-data/m);
    expect(out.mime).not.toContain(CPR);
    expect(out.mime).not.toContain("Kære Jens");
    expect(markerNames(out.headers)).toEqual([]);
    expect(out.mime).not.toMatch(/^X-Sikker-Post-/im);
    expect(entityText(smime.decrypt(out.mime))).toBe(BODY);
  });

  it("does not encrypt a mail marked no; with a CPR number the backstop rejects it", () => {
    const plain = run(mail({ headers: markers(false) }, PLAIN_BODY));
    expect(plain.outcome).toBe("delivered");
    expect(plain.encrypted).toBe(false);
    expect(markerNames(plain.headers)).toEqual([]);
    const withCpr = run(mail({ headers: markers(false) }, BODY));
    expect(withCpr.outcome).toBe("rejected");
    expect(withCpr.rejectText).toMatch(/CPR-nummer/);
  });

  it("rejects an unmarked external mail with a CPR number, in Danish, and lets one without through", () => {
    const out = run(mail({ headers: {} }, BODY));
    expect(out.outcome).toBe("rejected");
    expect(out.fired).toEqual(["Sikker Post – stop CPR uden markør"]);
    expect(out.rejectText).toMatch(/^Mailen blev afvist, fordi den indeholder et CPR-nummer/);
    expect(run(mail({ headers: {} }, PLAIN_BODY)).outcome).toBe("delivered");
    // A number that fails modulus 11 is not what Purview's type finds either.
    expect(run(mail({ headers: {} }, "CPR-nr. 150372-1225")).outcome).toBe("delivered");
  });

  it("counts an outsider in Cc or Bcc as external", () => {
    expect(run(mail({ to: ["kollega@kommune.example.dk"], cc: ["jens.holm@gmail.com"], headers: markers(false) }, BODY)).outcome).toBe("rejected");
    expect(run(mail({ to: ["kollega@kommune.example.dk"], bcc: ["jens.holm@gmail.com"], headers: markers(true) }, BODY)).encrypted).toBe(true);
  });

  it("leaves internal mail untouched, CPR number, markers and all", () => {
    const headers = markers(false);
    const out = run(mail({ to: ["kollega@kommune.example.dk"], headers }, BODY));
    expect(out.outcome).toBe("delivered");
    expect(out.fired).toEqual([]);
    expect(out.encrypted).toBe(false);
    expect(out.headers).toEqual(headers);
  });

  it("follows the header name and value the policy configures, and only those", () => {
    const names = { encrypt: "X-Kommune-Krypter", sign: "X-Kommune-Signer", yes: "ja", no: "nej" };
    const config: MarkerConfig = { ...HEADERS, encryptHeader: names.encrypt, signHeader: names.sign, yes: names.yes };
    const marked = run(mail({ headers: markers(true, true, "none", names) }, BODY), config);
    expect(marked.outcome).toBe("delivered");
    expect(marked.encrypted).toBe(true);
    expect(Object.keys(marked.headers)).toEqual([]);
    // The default name and value no longer count, and "yes" is not "ja".
    expect(run(mail({ headers: markers(true) }, BODY), config).outcome).toBe("rejected");
    expect(run(mail({ headers: { [names.encrypt]: "yes" } }, BODY), config).outcome).toBe("rejected");
  });

  it("matches header names case-insensitively and values exactly", () => {
    expect(run(mail({ headers: { "x-sikker-post-encrypt": "yes" } }, BODY)).encrypted).toBe(true);
    expect(run(mail({ headers: { "X-Sikker-Post-Encrypt": "yes please" } }, BODY)).outcome).toBe("rejected");
    expect(run(mail({ headers: { "X-Sikker-Post-Encrypt": "no yes" } }, BODY)).outcome).toBe("rejected");
  });

  it("needs the backstop before the marker removal: the other way round it rejects every marked CPR mail", () => {
    const rules = selectRules(file, HEADERS);
    const backstop = rules.findIndex((r) => r.id === "backstop");
    const removal = rules.findIndex((r) => r.id === "remove-encrypt");
    const encrypt = rules.findIndex((r) => r.id === "encrypt");
    expect(encrypt).toBeLessThan(removal);
    expect(backstop).toBeLessThan(removal);
    const swapped = [...rules.filter((r) => r.id !== "backstop"), ...rules.filter((r) => r.id === "backstop")];
    expect(run(mail({ headers: markers(true) }, BODY), HEADERS, swapped).outcome).toBe("rejected");
    expect(run(mail({ headers: markers(true) }, BODY)).outcome).toBe("delivered");
  });

  it("routes marked mail to the S/MIME gateway's connector on that path, and keeps the sign marker for it", () => {
    const out = run(mail({ headers: markers(true, true) }, BODY), { method: "headers", path: "smime" });
    expect(out.routedTo).toBe("Sikker Post S/MIME gateway");
    expect(out.fired).not.toContain("Sikker Post – krypter markeret post");
    expect(markerNames(out.headers)).toEqual(["X-Sikker-Post-Sign"]);
  });
});

describe("gateway rules in the simulator (subject codes)", () => {
  it("encrypts a subject starting with #k#, or #s# #k# as the add-in writes it when it also signs", () => {
    expect(run(mail({ subject: "#k# Sag 12" }, BODY), SUBJECT).encrypted).toBe(true);
    expect(run(mail({ subject: "#s# #k# Sag 12" }, BODY), SUBJECT).encrypted).toBe(true);
  });

  it("does not take a code elsewhere in the subject, or the sign code alone, as the encrypt marker", () => {
    expect(run(mail({ subject: "Sag 12 #k#" }, BODY), SUBJECT).outcome).toBe("rejected");
    expect(run(mail({ subject: "#s# Sag 12" }, BODY), SUBJECT).outcome).toBe("rejected");
    expect(run(mail({ subject: "Sag 12" }, PLAIN_BODY), SUBJECT).encrypted).toBe(false);
  });

  it("ignores marker headers when the policy uses subject codes", () => {
    expect(run(mail({ subject: "Sag 12", headers: markers(true) }, BODY), SUBJECT).outcome).toBe("rejected");
  });
});

describe("the invariant: nothing with a CPR number leaves unencrypted", () => {
  const recipient = fc.constantFrom("jens.holm@gmail.com", "anna@partner.dk", "kollega@kommune.example.dk", "chef@kommune.example.dk");
  const headerValue = fc.option(fc.constantFrom("yes", "no", "Yes", "", "yes ", "none"), { nil: undefined });
  const subject = fc.constantFrom("Sag 12", "#k# Sag 12", "#s# #k# Sag 12", "#s# Sag 12", "Sag #k#");

  it("holds for any recipients, marker values and subjects, with either method", () => {
    fc.assert(
      fc.property(fc.array(recipient, { minLength: 1, maxLength: 3 }), fc.array(recipient, { maxLength: 2 }), headerValue, subject, fc.boolean(), fc.constantFrom(HEADERS, SUBJECT), (to, cc, encrypt, subj, cpr, config) => {
        const m = mail({ to, cc, subject: subj, headers: encrypt === undefined ? {} : { "X-Sikker-Post-Encrypt": encrypt } }, cpr ? BODY : PLAIN_BODY);
        const out = run(m, config);
        const external = [...to, ...cc].some((r) => !r.endsWith("@kommune.example.dk"));
        if (external && cpr) expect(out.outcome === "rejected" || out.encrypted).toBe(true);
        // Encryption happens exactly for external mail carrying the encrypt marker of the method in use.
        const marked = config.method === "headers" ? encrypt === "yes" : /^(#s# )?#k#/.test(subj);
        if (out.outcome === "delivered") expect(out.encrypted).toBe(external && marked);
      }),
    );
  });
});

describe("rules.json", () => {
  const patterns = file.rules.flatMap((r) =>
    [r.conditions, r.exceptions].flatMap((p) => [p?.headerMatches?.pattern, p?.subjectMatches?.pattern]).filter((x): x is string => x !== undefined),
  );

  // Literals, escapes and optional groups of literals: no repetition at all, so matching is
  // linear, and the pattern means the same in .NET (Exchange) and JavaScript.
  const SIMPLE = /^\^?(?:[^\\()[\]{}*+?|.$^]|\\.|\((?:[^\\()[\]{}*+?|.$^]|\\.)+\)\?)*\$?$/;

  it("has only simple, linear patterns", () => {
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(p).toMatch(SIMPLE);
    for (const bad of ["^(a+)+$", "^.*yes", "^(yes|ja)$", "a{2,}"]) expect(bad).not.toMatch(SIMPLE);
    expect(`^${escapePattern("ja. (ok)")}$`).toMatch(SIMPLE);
  });

  it("uses the same marker test for the encryption and the backstop's exception, so the exception never lets unencrypted mail out", () => {
    for (const method of ["headers", "subject"] as const) {
      const rules = selectRules(file, { method, path: "ome" });
      const encrypt = rules.find((r) => r.actions.applyRightsProtectionTemplate !== undefined);
      const backstop = rules.find((r) => r.actions.rejectMessageReasonText !== undefined);
      expect(backstop?.exceptions).toEqual({ headerMatches: encrypt?.conditions.headerMatches, subjectMatches: encrypt?.conditions.subjectMatches });
      expect(backstop?.conditions.sentToScope).toBe(encrypt?.conditions.sentToScope);
    }
  });

  it("matches the marker contract's defaults", () => {
    expect(file.markers.encrypt).toEqual({ headerName: "X-Sikker-Post-Encrypt", yes: "yes" });
    expect(file.markers.subjectCodes).toEqual({ sign: "#s#", encrypt: "#k#" });
    for (const r of file.rules) {
      const m = r.conditions.headerMatches ?? r.exceptions?.headerMatches;
      if (m?.marker === "encrypt") expect([m.headerName, m.pattern]).toEqual([file.markers.encrypt.headerName, `^${file.markers.encrypt.yes}$`]);
    }
  });

  it("has unique names of at most 64 characters, Enforce everywhere, Defer where a failure must not let mail out", () => {
    const names = file.rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of file.rules) {
      expect(r.name.length).toBeLessThanOrEqual(64);
      expect(r.mode).toBe("Enforce");
      const protects = r.actions.applyRightsProtectionTemplate !== undefined || r.actions.routeMessageOutboundConnector !== undefined || r.actions.rejectMessageReasonText !== undefined;
      expect(r.ruleErrorAction).toBe(protects ? "Defer" : "Ignore");
      expect((r.actions.rejectMessageReasonText ?? "").length).toBeLessThanOrEqual(1024);
    }
  });

  it("is the only place the scripts get rule names, conditions and patterns from", () => {
    for (const script of ["Install-SikkerPostRules.ps1", "Test-SikkerPostGateway.ps1", "SikkerPostRules.psm1"]) {
      const text = readFileSync(join(__dirname, "..", "..", "admin", "gateway", script), "utf8");
      expect(text).toContain("rules.json");
      for (const r of file.rules) expect(text).not.toContain(r.name);
      expect(text).not.toContain("^yes$");
      expect(text).not.toContain("Denmark Personal Identification Number");
    }
  });

  it("uses a test CPR number the detector counts as valid", () => {
    expect(countValidCpr(BODY)).toBe(1);
    const script = readFileSync(join(__dirname, "..", "..", "admin", "gateway", "Test-SikkerPostGateway.ps1"), "utf8");
    expect(script).toContain(CPR);
  });
});
