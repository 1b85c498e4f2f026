/**
 * Sensitive terms count when the mail ties them to a person: a reference or name near the term,
 * a date of birth, a CPR number anywhere in the mail, or a private (webmail) recipient. A topic
 * alone ("konference om psykiatri") is shown but does not stop the mail.
 */
import fc from "fast-check";
import { decideSend, termContext, termStanding, type Recipient, type SendCheckInput } from "../../src/core/policy/decide-send";
import { da, en } from "../../src/core/i18n/strings";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { DEFAULT_SEND_POLICY, type SendPolicy } from "../../src/core/policy/send-policy";
import type { CprFinding, Finding, TermFinding } from "../../src/core/scan/findings";
import { Scanner } from "../../src/core/scan/scanner";
import { DEFAULT_LEXICON } from "../../src/core/terms/default-lexicon";
import type { Lexicon, PersonAnchors, TermAbout } from "../../src/core/terms/lexicon";
import { checkPersonAnchors, DEFAULT_PERSON_ANCHORS } from "../../src/core/terms/person-anchors";
import { ADDRESSEE_WINDOW_WORDS, ANCHOR_WINDOW_WORDS, TermDetector } from "../../src/core/terms/term-detector";
import { termStandingText } from "../../src/core/terms/term-standing-text";
import { dashed, makeCpr } from "../helpers/cpr-gen";
import { NONE } from "../helpers/protections";

const lexicon: Lexicon = {
  id: "test",
  version: "1",
  source: "test",
  categories: [
    { id: "health", label: { da: "Helbred", en: "Health" }, legalBasis: "art. 9", weight: 1 },
    { id: "social", label: { da: "Sociale forhold", en: "Social" }, legalBasis: "§ 8", weight: 0.8 },
    { id: "trade-union", label: { da: "Fagforening", en: "Union" }, legalBasis: "art. 9", weight: 0.8 },
  ],
  terms: [
    { term: "diagnose", category: "health", lang: "da" },
    { term: "misbrug", category: "social", lang: "da" },
    { term: "psykiatri", category: "health", lang: "da" },
    { term: "psykisk syg", category: "health", lang: "da", match: "exact" },
    { term: "medlem af 3F", category: "trade-union", lang: "da", match: "exact", inflect: false, forms: ["medlemmer af 3F"] },
  ],
};
const anchors: PersonAnchors = {
  addressee: { da: ["du", "dig", "din", "dit", "dine"], en: ["you", "your"] },
  references: { da: ["hun", "han", "borgeren", "den unge", "mor"], en: ["she", "the patient"] },
  names: ["Mette", "Line"],
  birthDate: { da: ["født", "f"], en: ["born"] },
};
const detector = new TermDetector(lexicon, anchors);
const plain = detector;
const about = (text: string): (string | undefined)[] =>
  detector.find(text).map((m) => {
    const a = m.about;
    return a === undefined ? undefined : a.kind === "reference" || a.kind === "subject" ? `${a.kind}:${a.word}` : a.kind;
  });
const filler = (n: number): string => Array.from({ length: n }, (_, k) => `ord${String.fromCharCode(97 + (k % 26))}`).join(" ");

describe("TermDetector with person anchors", () => {
  it("ties a term to a third-person reference or a form of address before or after it", () => {
    expect(about("Hun har fået en diagnose.")).toEqual(["reference:hun"]);
    expect(about("Der er et misbrug, som borgeren selv har fortalt om.")).toEqual(["reference:borgeren"]);
    expect(about("Diagnosen kom i går. Den unge var glad.")).toEqual(["reference:den unge"]);
    expect(about("She has a diagnose")).toEqual(["reference:she"]);
  });

  it(`ties within ${ANCHOR_WINDOW_WORDS} words on the same line, across a full stop, not further and not across a line break`, () => {
    expect(about(`Hun ${filler(ANCHOR_WINDOW_WORDS - 1)} misbrug`)).toEqual(["reference:hun"]);
    expect(about(`Hun ${filler(ANCHOR_WINDOW_WORDS)} misbrug`)).toEqual(["topic"]);
    expect(about(`misbrug ${filler(ANCHOR_WINDOW_WORDS - 1)} hun`)).toEqual(["reference:hun"]);
    expect(about(`misbrug ${filler(ANCHOR_WINDOW_WORDS)} hun`)).toEqual(["topic"]);
    expect(about("Hun har det svært. Der er et misbrug.")).toEqual(["reference:hun"]);
    expect(about("Hej Mette\nKonference om psykiatri i marts.\nMvh Line")).toEqual(["topic"]);
  });

  it(`ties the addressee ("du", "din", "your") only within ${ADDRESSEE_WINDOW_WORDS} words in the same sentence`, () => {
    expect(about("Vi har modtaget din diagnose.")).toEqual(["reference:din"]);
    expect(about("Du er psykisk syg efter lægens vurdering.")).toEqual(["reference:du"]);
    expect(about("your diagnose")).toEqual(["reference:your"]);
    expect(about("Du skal arbejde med borgere med et misbrug.")).toEqual(["topic"]);
    expect(about("Konference om psykiatri. Du kan tilmelde dig her.")).toEqual(["topic"]);
  });

  it("with the addressee rule, tells the reader from \"you\" in general", () => {
    const ruled = new TermDetector(lexicon, { ...anchors, addresseeRule: DEFAULT_PERSON_ANCHORS.addresseeRule ?? { possessive: [], states: [], genericBefore: [] } });
    const tie = (text: string) => ruled.find(text).map((m) => (m.about?.kind === "reference" ? m.about.word : m.about?.kind));
    // The reader's own: a possessive before the term, or "du" with a verb of state or having.
    expect(tie("Vi har modtaget din diagnose.")).toEqual(["din"]);
    expect(tie("Vi har læst din ansøgning om misbrug-behandling.")).toEqual(["din"]);
    expect(tie("Du er psykisk syg efter lægens vurdering.")).toEqual(["du"]);
    expect(tie("Da du har fået en diagnose, kan vi hjælpe.")).toEqual(["du"]);
    expect(tie("We received your diagnose today.")).toEqual(["your"]);
    // You in general: a job advert, a course, a policy, a condition, a term before a possessive.
    expect(tie("Du skal arbejde med borgere med et misbrug.")).toEqual(["topic"]);
    expect(tie("På kurset lærer du om psykiatri og misbrug.")).toEqual(["topic", "topic"]);
    expect(tie("Hvis du har en diagnose, så kontakt lederen.")).toEqual(["topic"]);
    expect(tie("Ved misbrug på arbejdet kan du gå hjem.")).toEqual(["topic"]);
    expect(tie("If you have a diagnose, stay at home.")).toEqual(["topic"]);
    expect(tie("Sensors for people with a diagnose now work with your systems.")).toEqual(["topic"]);
    // A possessive in a condition is general too: a newsletter's "når din nabo …", a handbook's "hvis dit barn …".
    expect(tie("Når din nabo har et misbrug, kan du ringe.")).toEqual(["topic"]);
    expect(tie("Hvis dit barn får en diagnose, har du ret til fri.")).toEqual(["topic"]);
    // A job advert's "du har erfaring med", "du er velkommen": the word after the verb makes it general.
    expect(tie("Du har erfaring med misbrug og psykiatri.")).toEqual(["topic", "topic"]);
    expect(tie("Du er velkommen til at ringe om misbrug.")).toEqual(["topic"]);
    expect(tie("Du har et misbrug, som vi skal tale om.")).toEqual(["du"]);
    // A third-person reference ties as before, whatever the addressee says.
    expect(tie("Du skal vide, at hun har et misbrug.")).toEqual(["hun"]);
  });

  it("the bundled anchors know common first names and forms of address, and leave out names that are everyday words", () => {
    const bundled = new TermDetector(lexicon, DEFAULT_PERSON_ANCHORS);
    const kind = (text: string) => bundled.find(text).map((m) => (m.about?.kind === "reference" ? m.about.word : m.about?.kind));
    expect(kind("Sanne er indlagt med en diagnose.")).toEqual(["name"]);
    expect(kind("Ingrid har et misbrug.")).toEqual(["name"]);
    expect(kind("Fru Hansen har fået en diagnose.")).toEqual(["fru"]);
    expect(kind("Mrs Hansen has a diagnose.")).toEqual(["mrs"]);
    // "far" is English too ("so far"): only "faren", "farens" and "hans far" tie.
    expect(kind("Medicine dispensers: so far no diagnose questions.")).toEqual(["topic"]);
    expect(kind("Faren har et misbrug.")).toEqual(["faren"]);
    // "Bo", "Per", "Mark" are names and words ("Bo i egen bolig", "Per dag"): not anchors.
    expect(kind("Bo i egen bolig med misbrug.")).toEqual(["topic"]);
    expect(kind("Per dag: misbrug og diagnose.")).toEqual(["topic", "topic"]);
  });

  it("takes a first name only with a capital letter, and anchor words only whole", () => {
    expect(about("Mette har et misbrug.")).toEqual(["name"]);
    expect(about("line har et misbrug.")).toEqual(["topic"]);
    expect(about("Hundens misbrug, moderens diagnose, dumme psykiatri")).toEqual(["topic", "topic", "topic"]);
  });

  it("ties every term in the text to a date of birth, and only to a date", () => {
    expect(about(`Borger født 3. marts 1972.\n${filler(40)}\nmisbrug`)).toEqual(["birthDate"]);
    expect(about(`(f. 03.03.72)\n\nmisbrug og diagnose`)).toEqual(["birthDate", "birthDate"]);
    expect(about(`f. 2007. ${filler(30)} misbrug`)).toEqual(["birthDate"]);
    expect(about("f.eks. misbrug, født i Irak, born in a diagnose")).toEqual(["topic", "topic"]);
  });

  it("without anchors, says nothing about persons (every term counts, as before)", () => {
    expect(new TermDetector(lexicon).find("Hun har en diagnose").map((m) => m.about)).toEqual([undefined]);
  });

  it("matches a term whose last word holds digits only when the text goes on with that word", () => {
    const text = "Han er medlem af 3F, hun er medlemmer af 3F. Ikke medlem af 3FF eller medlem af 33F eller medlem af3F.";
    const found = detector.find(text).map((m) => text.slice(m.start, m.end));
    expect(found).toEqual(["medlem af 3F", "medlemmer af 3F"]);
  });

  it("with firstOfEach, gives the first match of each entry, tied when any of its matches is tied", () => {
    const piece = fc.constantFrom("misbrug", "diagnose", "psykisk syg", "hun", "Mette", "mette", "du", "din", "har", "hvis", "født 1.2.1990", "f.", "ord", " ", "\n", ". ", "-", "1");
    const ruled = new TermDetector(lexicon, { ...anchors, addresseeRule: DEFAULT_PERSON_ANCHORS.addresseeRule ?? { possessive: [], states: [], genericBefore: [] } });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.boolean(), (pieces, withRule) => {
        const detector = withRule ? ruled : plain;
        const text = pieces.join(" ");
        const all = detector.find(text);
        const personal = (a: TermAbout | undefined) => a !== undefined && a.kind !== "topic";
        const expected = new Map<string, { start: number; personal: boolean }>();
        for (const m of all) {
          const e = expected.get(m.key);
          if (e === undefined) expected.set(m.key, { start: m.start, personal: personal(m.about) });
          else e.personal ||= personal(m.about);
        }
        const firsts = detector.find(text, true);
        expect(firsts.map((m) => [m.key, m.start, personal(m.about)])).toEqual([...expected].map(([key, e]) => [key, e.start, e.personal]));
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps no text of the mail in what it says: a reference as the list spells it, no name, no date", () => {
    const found = detector.find("BORGEREN har misbrug. Mette har en diagnose.\nFødt 3. marts 1972.");
    expect(found.map((m) => m.about)).toEqual([{ kind: "reference", word: "borgeren" }, { kind: "name" }]);
    expect(JSON.stringify(detector.find("Psykiatri. Født 3. marts 1972."))).not.toMatch(/1972|marts|Mette/);
  });

  it("checks the bundled anchors on load", () => {
    expect(DEFAULT_PERSON_ANCHORS.references.da).toContain("borgeren");
    expect(DEFAULT_PERSON_ANCHORS.addressee.da).toContain("du");
    expect(() => checkPersonAnchors({ ...anchors, names: [""] })).toThrow(/names/);
    expect(() => checkPersonAnchors({})).toThrow(/addressee/);
    expect(DEFAULT_PERSON_ANCHORS.addresseeRule?.possessive).toContain("din");
    expect(() => checkPersonAnchors({ ...anchors, addresseeRule: { possessive: ["hans"], states: ["har"], genericBefore: [] } })).toThrow(/not an addressee word/);
    expect(() => checkPersonAnchors({ ...anchors, addresseeRule: { possessive: ["din"], states: [""], genericBefore: [] } })).toThrow(/addresseeRule\.states/);
  });
});

describe("Scanner: a teaching case", () => {
  const scanner = new Scanner(DEFAULT_POLICY);
  const body = "En kvinde i 40'erne med depression. Hun har været sygemeldt i et år.";
  const abouts = (subject: string, withAttachment = false) =>
    scanner
      .scan([
        { part: "subject", format: "text", content: subject },
        { part: "body", format: "text", content: body },
        ...(withAttachment ? [{ part: "attachment" as const, path: ["case.txt"], format: "text" as const, content: "Hun har en depression." }] : []),
      ])
      .findings.filter((f): f is TermFinding => f.kind === "term")
      .map((f) => `${f.where.part}:${f.about?.kind ?? ""}${f.about?.kind === "topic" && f.about.teachingCase === true ? "(case)" : ""}`);

  it("turns the ties in the subject and body of a mail its subject calls a teaching case into topics", () => {
    for (const subject of ["Kursuscase til modul 3", "Case til undervisning – modul 5", "Øvelsescase: underretninger", "Teaching case for social work students", "Case study for Thursday", "Fiktiv case"]) {
      const found = abouts(subject);
      expect(found.every((a) => /:topic/.test(a))).toBe(true);
      expect(found.filter((a) => a.startsWith("body:"))).toEqual(["body:topic(case)", "body:topic(case)"]);
    }
  });

  it("leaves a real case alone: a subject that only says \"case\" or \"sag\", or names the person", () => {
    for (const subject of ["Case: Jens", "Sag 2024-117", "Opfølgning på casen fra i går", "Kursus for Hanne"]) {
      expect(abouts(subject).filter((a) => a.startsWith("body:")).every((a) => a === "body:reference")).toBe(true);
    }
  });

  it("keeps an attachment's ties (the add-in reads attachments apart from the subject), and a CPR number still counts", () => {
    expect(abouts("Kursuscase til modul 3", true).filter((a) => a.startsWith("attachment:"))).toEqual(["attachment:reference"]);
    const result = scanner.scan([
      { part: "subject", format: "text", content: "Kursuscase til modul 3" },
      { part: "body", format: "text", content: `${body} CPR-nr. ${dashed(makeCpr(1984, 5, 2, 1, 31))}.` },
    ]);
    const context = termContext({ findings: result.findings, recipients: [], policy: DEFAULT_SEND_POLICY, countedConfidence: DEFAULT_POLICY.detection.cpr.countedConfidence });
    const term = result.findings.find((f): f is TermFinding => f.kind === "term");
    expect(term && termStanding(term, context)).toBe("cpr");
    expect(term && termStandingText(da, term, "topic")).toContain("undervisningscase");
    expect(term && termStandingText(en, term, "topic")).toContain("teaching case");
  });
});

describe("Scanner: a subject over a text about a person", () => {
  const scanner = new Scanner(DEFAULT_POLICY);
  const subjectAbout = (subject: string, body: string) =>
    scanner
      .scan([
        { part: "subject", format: "text", content: subject },
        { part: "body", format: "text", content: body },
      ])
      .findings.filter((f): f is TermFinding => f.kind === "term" && f.where.part === "subject")
      .map((f) => f.about);

  it("ties a subject term to a third-person reference in the body", () => {
    expect(subjectAbout("Underretning", "Jeg er bekymret for en pige i 4. klasse. Hun kommer ofte sulten i skole.")).toEqual([{ kind: "subject", word: "hun" }]);
  });

  it("leaves it a topic when the body only addresses the reader or names a colleague", () => {
    expect(subjectAbout("Konference om psykiatri", "Hej Mette\nDu kan tilmelde dig på hjemmesiden.")).toEqual([{ kind: "topic" }]);
  });

  it("uses the bundled lexicon and anchors by default, and none when told", () => {
    const plain = new Scanner(DEFAULT_POLICY, { personAnchors: null });
    expect(plain.scanText({ part: "body", format: "text", content: "Hun har en diagnose." }).map((f) => (f.kind === "term" ? f.about : null))).toEqual([undefined]);
    expect(new Scanner(DEFAULT_POLICY, { lexicon: DEFAULT_LEXICON }).scanText({ part: "body", format: "text", content: "Hun har en diagnose." }).map((f) => (f.kind === "term" ? f.about?.kind : null))).toEqual(["reference"]);
  });
});

describe("decideSend: a term counts only when the mail ties it to a person", () => {
  const at = (part: "subject" | "body" | "attachment") => ({ part, start: 0, end: 1, snippet: "" });
  const term = (a: TermAbout | undefined, part: "subject" | "body" | "attachment" = "body"): TermFinding => ({
    kind: "term", term: "misbrug", category: "social", lang: "da", weight: 0.8, matched: "misbrug", where: at(part), ...(a !== undefined ? { about: a } : {}),
  });
  const topic = term({ kind: "topic" });
  const cpr = (confidence: CprFinding["confidence"] = "high"): CprFinding => ({
    kind: "cpr", value: "150372-3405", masked: "150372-XXXX", birthDate: "1972-03-15", confidence, reasons: ["mod11_valid"], where: at("attachment"),
  });
  const ext = (address: string): Recipient => ({ address, field: "to", recipientType: "externalUser" });
  const decide = (findings: Finding[], recipients: Recipient[], extra: Partial<SendCheckInput> = {}, policy: Partial<SendPolicy> = {}) =>
    decideSend({ findings, unreadable: [], recipients, protection: NONE, policy: { ...DEFAULT_SEND_POLICY, internalDomains: ["kommune.dk"], ...policy }, countedConfidence: ["high", "medium"], ...extra });
  const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => r.code);

  it("a topic alone, to an external organisation, does not stop the mail", () => {
    const d = decide([topic], [ext("indkob@region.dk")]);
    expect(d).toMatchObject({ action: "allow", exposedRecipients: [] });
    expect(decide([topic], [ext("indkob@region.dk")], {}, { termsAction: "warn" }).action).toBe("allow");
  });

  it("a term near a reference, a name or a date of birth blocks as before", () => {
    for (const a of [{ kind: "reference", word: "hun" }, { kind: "name" }, { kind: "birthDate" }, { kind: "subject", word: "hun" }] as const) {
      expect(codes(decide([term(a)], [ext("a@firma.dk")]))).toEqual(["SENSITIVE_UNENCRYPTED"]);
    }
  });

  it("a CPR number anywhere in the mail makes a topic count (SENSITIVE_UNENCRYPTED beside CPR_UNENCRYPTED)", () => {
    const d = decide([topic, cpr()], [ext("a@firma.dk")]);
    expect(codes(d)).toEqual(["CPR_UNENCRYPTED", "SENSITIVE_UNENCRYPTED"]);
    expect(d.reasons[1]?.terms).toEqual([{ category: "social", matched: "misbrug", where: at("body") }]);
    // Also one only counted in a summarised attachment; a low-confidence number does not.
    expect(codes(decide([topic], [ext("a@firma.dk")], { moreCprs: 1 }))).toEqual(["SENSITIVE_UNENCRYPTED"]);
    expect(codes(decide([topic, cpr("low")], [ext("a@firma.dk")]))).toEqual([]);
  });

  it("a recipient on a public webmail domain (a private person) makes a topic count", () => {
    expect(codes(decide([topic], [ext("borger@gmail.com")]))).toEqual(["SENSITIVE_UNENCRYPTED"]);
    expect(decide([topic], [ext("borger@gmail.com")]).advice).toEqual(["USE_DIGITAL_POST"]);
    expect(codes(decide([topic], [ext("borger@gmail.com")], {}, { termsAction: "warn" }))).toEqual(["SENSITIVE_CONFIRM"]);
  });

  it("a finding without `about` (made before this rule) counts: fail closed", () => {
    expect(codes(decide([term(undefined)], [ext("a@firma.dk")]))).toEqual(["SENSITIVE_UNENCRYPTED"]);
  });

  it("says why each term counts, or that it does not", () => {
    const input = { findings: [topic], recipients: [ext("a@firma.dk")], policy: DEFAULT_SEND_POLICY, countedConfidence: ["high", "medium"] as const };
    expect(termStanding(topic, termContext(input))).toBe("topic");
    expect(termStanding(topic, termContext({ ...input, findings: [topic, cpr()] }))).toBe("cpr");
    expect(termStanding(topic, termContext({ ...input, recipients: [ext("x@hotmail.com")] }))).toBe("webmail");
    expect(termStanding(term({ kind: "name" }), termContext(input))).toBe("name");
    expect(termStanding(term(undefined), termContext(input))).toBe("unchecked");
  });
});

describe("the pane's words for a term's standing", () => {
  const f = (about: TermAbout): TermFinding => ({ kind: "term", term: "misbrug", category: "social", lang: "da", weight: 0.8, matched: "misbrug", where: { part: "body", start: 0, end: 1, snippet: "" }, about });

  it("says in Danish and English why a word counts, or that it only names a topic", () => {
    expect(termStandingText(da, f({ kind: "topic" }), "topic")).toBe("nævner et følsomt emne, men ikke om en bestemt person");
    expect(termStandingText(da, f({ kind: "reference", word: "hun" }), "reference")).toContain('"hun"');
    expect(termStandingText(en, f({ kind: "subject", word: "borgeren" }), "subject")).toContain('"borgeren"');
    for (const s of [da, en]) {
      const texts = (["reference", "name", "birthDate", "subject", "cpr", "webmail", "topic", "unchecked"] as const).map((k) => termStandingText(s, f({ kind: "reference", word: "x" }), k));
      expect(new Set(texts).size).toBe(texts.length);
      for (const t of texts) expect(t.length).toBeGreaterThan(10);
    }
  });
});
