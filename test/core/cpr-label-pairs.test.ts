/**
 * The birth date and the serial under labels of their own: two table columns (HTML cells, a
 * worksheet, CSV) headed "Fødselsdato" and "Løbenr.", or a form with "Fødselsdato: 010190" and
 * "Løbenummer: 1234" on separate lines. Paired by row; never across rows.
 */
import fc from "fast-check";
import { CprDetector, type CprMatch } from "../../src/core/cpr/cpr-detector";
import { birthDateDigits, findLabelledPairs, maySerialIn } from "../../src/core/cpr/cpr-label-pairs";
import { extractAttachment } from "../../src/core/extract/extract-mail";
import { excelDateText } from "../../src/core/extract/ooxml/number-formats";
import { DEFAULT_POLICY } from "../../src/core/policy/policy";
import { Scanner } from "../../src/core/scan/scanner";
import { htmlToText } from "../../src/core/text/html-to-text";
import { normaliseText } from "../../src/core/text/normalise";
import { dashed, makeCpr, seventhDigitsFor } from "../helpers/cpr-gen";
import { xlsx } from "../helpers/make-documents";

const today = { year: 2026, month: 11, day: 23 };
const detector = new CprDetector({ today });
const find = (text: string): CprMatch[] => detector.find(normaliseText(text).text);
const counted = (text: string): string[] => find(text).filter((m) => DEFAULT_POLICY.detection.cpr.countedConfidence.includes(m.confidence)).map((m) => m.value);

const A = makeCpr(1990, 1, 1, 1, 234); // 0101901xxx
const B = makeCpr(1972, 3, 15, 3, 400);
const INVALID = makeCpr(1985, 6, 12, 2, 100, false);
const d = (cpr: string): string => cpr.slice(0, 6);
const s = (cpr: string): string => cpr.slice(6);
const dmy = (cpr: string): string => `${cpr.slice(0, 2)}-${cpr.slice(2, 4)}-${cpr.slice(4, 6)}`;

describe("two table columns whose headers name them", () => {
  it("pairs the date and the serial of each row of a tab-separated table", () => {
    const text = `Navn\tFødselsdato\tAdresse\tLøbenr.\nJens Hansen\t${dmy(A)}\tVestergade 12\t${s(A)}\nLis Holm\t${d(B)}\tTorvet 1\t${s(B)}\n`;
    expect(counted(text)).toEqual([dashed(A), dashed(B)]);
    expect(find(text)[0]?.reasons).toContain("date_and_serial_labelled");
  });

  it.each([
    ["Født / Løbenummer", "Født", "Løbenummer"],
    ["Fødselsdato / Kontrolnr.", "Fødselsdato", "Kontrolnr."],
    ["Date of birth / Serial no", "Date of birth", "Serial no"],
  ])("reads the headers %s", (_, dateHeader, serialHeader) => {
    expect(counted(`${dateHeader}\tNavn\t${serialHeader}\n${dmy(A)}\tJens\t${s(A)}\n`)).toEqual([dashed(A)]);
  });

  it("reads the cells of an HTML table, th headers and td rows", () => {
    const html = `<table><tr><th>Navn</th><th>Fødselsdato</th><th>Postnr.</th><th>Løbenummer</th></tr><tr><td>Jens</td><td>${d(A)}</td><td>8000</td><td>${s(A)}</td></tr></table>`;
    expect(counted(htmlToText(html))).toEqual([dashed(A)]);
  });

  it("reads CSV with ; and quoted fields, and restores zeros Excel dropped", () => {
    const csv = `"Navn";"Fødselsdato";"By";"Løbenr."\r\n"Hansen; Jens";${d(A).slice(1)};"Aarhus";${s(A)}\r\n"Holm";${dmy(B)};"Odense";${s(B)}\r\n`;
    expect(counted(csv)).toEqual([dashed(A), dashed(B)]);
    const zeros = makeCpr(1961, 5, 4, 0, 345); // serial 0xxx: stored as a number, shown without its zero
    expect(counted(`Fødselsdato,Løbenr\n${d(zeros)},${Number(s(zeros))}\n`)).toEqual([dashed(zeros)]);
  });

  it("does not take a list's running number for a serial", () => {
    const rows = Array.from({ length: 40 }, (_, k) => `${k + 1};Deltager ${k + 1};${String(1 + (k % 28)).padStart(2, "0")}-05-8${k % 10};Aarhus`);
    expect(counted(`Løbenr.;Navn;Fødselsdato;By\n${rows.join("\n")}\n`)).toEqual([]);
    for (const first of [101, 1001]) {
      const numbered = Array.from({ length: 40 }, (_, k) => `${first + k};Deltager;${String(1 + (k % 28)).padStart(2, "0")}-05-8${k % 10}`);
      expect(find(`Løbenr.;Navn;Fødselsdato\n${numbered.join("\n")}\n`)).toEqual([]);
    }
  });

  it("takes a three-digit serial only where the ten digits pass on their own", () => {
    const failing = makeCpr(1961, 5, 4, 0, 345, false);
    expect(find(`Fødselsdato;Løbenr.\n${d(failing)};${Number(s(failing))}\n`)).toEqual([]);
    expect(counted(`Fødselsdato;Løbenr.\n${d(failing)};${s(failing)}\n`)).toEqual([dashed(failing)]);
  });

  it("takes a four-digit year only when the serial's century agrees", () => {
    const full = `${A.slice(0, 2)}.${A.slice(2, 4)}.1990`;
    expect(counted(`Fødselsdato\tLøbenr.\n${full}\t${s(A)}\n`)).toEqual([dashed(A)]);
    expect(counted(`Fødselsdato\tLøbenr.\n1990-01-01\t${s(A)}\n`)).toEqual([dashed(A)]);
    expect(counted(`Fødselsdato\tLøbenr.\n${A.slice(0, 4)}2090\t${s(A)}\n`)).toEqual([]);
  });

  it("counts a number that fails modulus 11 as medium: both labels are explicit", () => {
    const m = find(`Fødselsdato\tLøbenr.\n${d(INVALID)}\t${s(INVALID)}\n`);
    expect(m.map((x) => [x.value, x.confidence])).toEqual([[dashed(INVALID), "medium"]]);
  });

  it("pairs by row: a row without a serial takes none from the next row", () => {
    const text = `Fødselsdato\tNavn\tLøbenr.\n${d(A)}\tJens\t\n${d(B)}\tLis\t${s(B)}\n`;
    expect(counted(text)).toEqual([dashed(B)]);
  });

  it("ends the table at an empty line", () => {
    expect(counted(`Fødselsdato\tNavn\tLøbenr.\n\nSe bilag\t${d(A)}\t${s(A)}x\n`)).toEqual([]);
  });

  it("reports adjacent cells once, not as a pair and again as a tab-separated number", () => {
    expect(find(`Fødselsdato\tLøbenr.\n${d(A)}\t${s(A)}\n`).map((m) => m.value)).toEqual([dashed(A)]);
  });

  it("finds two neighbouring HTML cells without headers, as a tab-separated number", () => {
    expect(counted(htmlToText(`<table><tr><td>Jens</td><td>${d(A)}</td><td>${s(A)}</td></tr></table>`))).toEqual([dashed(A)]);
  });

  it("takes the serial the header names, not the number in the next cell", () => {
    const m = find(htmlToText(`<table><tr><th>Fødselsdato</th><th>Postnr.</th><th>Løbenr.</th></tr><tr><td>${d(A)}</td><td>8000</td><td>${s(A)}</td></tr></table>`));
    expect(m.map((x) => x.value)).toEqual([dashed(A)]);
  });

  it("reads nothing without both headers", () => {
    expect(counted(`Dato\tNavn\tLøbenr.\n${d(A)}\tJens\t${s(A)}\n`)).toEqual([]);
    expect(counted(`Fødselsdato\tNavn\tNr.\n${d(A)}\tJens\t${s(A)}\n`)).toEqual([]);
  });

  it("reads a worksheet whose birth dates are Excel dates (day counts under a date format)", async () => {
    const days = (cpr: string): string => {
      const yy = Number(cpr.slice(4, 6));
      const year = yy + (cpr.charCodeAt(6) - 48 <= 3 ? 1900 : 2000);
      return String((Date.UTC(year, Number(cpr.slice(2, 4)) - 1, Number(cpr.slice(0, 2))) - Date.UTC(1899, 11, 30)) / 86400000);
    };
    const sheet = xlsx(
      [[
        [{ ref: "A1", s: "Navn" }, { ref: "B1", s: "Fødselsdato" }, { ref: "C1", s: "Løbenr." }, { ref: "D1", s: "Oprettet" }],
        [{ ref: "A2", s: "Jens Hansen" }, { ref: "B2", n: days(A), style: 1 }, { ref: "C2", n: s(A) }, { ref: "D2", n: "45000", style: 2 }],
        [{ ref: "A3", s: "Lis Holm" }, { ref: "B3", n: days(B), style: 1 }, { ref: "C3", n: s(B) }, { ref: "D3", n: "45001", style: 2 }],
      ]],
      [{ id: 164, code: "dd\\-mm\\-yyyy;@" }, { id: 165, code: "[$-406]d. mmmm yyyy" }],
    );
    const extracted = await extractAttachment({ name: "borgere.xlsx", bytes: sheet });
    expect(extracted.texts.map((t) => t.content).join("\n")).toContain(`${A.slice(0, 2)}-${A.slice(2, 4)}-1990`);
    const scanner = new Scanner(DEFAULT_POLICY);
    const found = scanner.scan(extracted.texts, extracted.unreadable).findings.filter((f) => f.kind === "cpr" && scanner.counts(f));
    expect(found.map((f) => (f.kind === "cpr" ? f.value : ""))).toEqual([dashed(A), dashed(B)]);
  });

  it("shows Excel day counts as dates, with Excel's 29 February 1900", () => {
    expect([1, 59, 61, 32874, 45000].map((n) => excelDateText(String(n)))).toEqual(["01-01-1900", "28-02-1900", "01-03-1900", "01-01-1990", "15-03-2023"]);
    expect(excelDateText("0")).toBe("0");
    expect([0, 31412].map((n) => excelDateText(String(n), true))).toEqual(["01-01-1904", "01-01-1990"]);
  });

  it("gives every day count the date a JavaScript Date gives, in both date systems", () => {
    // The reference: Date arithmetic from each system's day 0 (Excel's 1900 system counts a 29 February 1900).
    const viaDate = (days: number, date1904: boolean): string => {
      const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 61 ? 31 : 30);
      const d = new Date(epoch + days * 86400000);
      const two = (n: number) => String(n).padStart(2, "0");
      return `${two(d.getUTCDate())}-${two(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }), fc.boolean(), (days, date1904) => excelDateText(String(days), date1904) === viaDate(days, date1904)),
      { numRuns: 20000 },
    );
    expect(excelDateText("2958465")).toBe("31-12-9999");
    expect(excelDateText("2958466")).toBe("2958466");
    expect(excelDateText("45000.75")).toBe("15-03-2023");
  });

  it("reads a worksheet with those headers", async () => {
    const sheet = xlsx([[
      [{ ref: "A1", s: "Navn" }, { ref: "B1", s: "Fødselsdato" }, { ref: "C1", s: "Løbenr." }],
      [{ ref: "A2", s: "Jens Hansen" }, { ref: "B2", s: dmy(A) }, { ref: "C2", n: s(A) }],
      [{ ref: "A3", s: "Lis Holm" }, { ref: "B3", n: d(B) }, { ref: "C3", n: s(B) }],
    ]]);
    const extracted = await extractAttachment({ name: "borgere.xlsx", bytes: sheet });
    const scanner = new Scanner(DEFAULT_POLICY);
    const found = scanner.scan(extracted.texts, extracted.unreadable).findings.filter((f) => f.kind === "cpr" && scanner.counts(f));
    expect(found.map((f) => (f.kind === "cpr" ? f.value : ""))).toEqual([dashed(A), dashed(B)]);
  });
});

describe("a form: date and serial on separate lines", () => {
  it.each([
    ["two lines", `Fødselsdato: ${d(A)}\nLøbenummer: ${s(A)}`],
    ["a line between", `Fødselsdato: ${dmy(A)}\nNavn: Jens Hansen\nLøbenr. ${s(A)}`],
    ["one line", `Født ${d(A)}, løbenr. ${s(A)}`],
    ["a two-column table", htmlToText(`<table><tr><td>Fødselsdato</td><td>${d(A)}</td></tr><tr><td>Kontrolnr.</td><td>${s(A)}</td></tr></table>`)],
  ])("finds %s", (_, text) => {
    expect(counted(text)).toEqual([dashed(A)]);
  });

  it("masks from the date to the serial", () => {
    const text = `Fødselsdato: ${d(A)}\nLøbenummer: ${s(A)}`;
    const [m] = find(text);
    expect(m?.start).toBe(text.indexOf(d(A)));
    expect(m?.end).toBe(text.length);
    expect(m?.masked).toBe(`${d(A)}-XXXX`);
  });

  it.each([
    ["a date three lines up", `Fødselsdato: ${d(A)}\nNavn: Jens\nAdresse: Torvet 1\nLøbenr. ${s(A)}`],
    ["a date without its label", `Dato: ${d(A)}\nLøbenr. ${s(A)}`],
    ["a serial of five digits", `Fødselsdato: ${d(A)}\nLøbenr. ${s(A)}5`],
    ["a date in the future", `Fødselsdato: 010130\nLøbenr. 4234`],
  ])("does not pair %s", (_, text) => {
    expect(counted(text)).toEqual([]);
  });
});

describe("birth-date values", () => {
  it.each([
    ["010190", "010190"],
    ["1-1-90", "010190"],
    ["01.01.1990", "010190"],
    ["01/01/90", "010190"],
    ["1990-01-01", "010190"],
    ["10190", "010190"],
    ["01011990", "010190"],
  ])("reads %s", (value, ddmmyy) => {
    expect(birthDateDigits(value)?.ddmmyy).toBe(ddmmyy);
  });

  it.each(["01-01.90", "1990", "0101901234", "01-01"])("refuses %s", (value) => {
    expect(birthDateDigits(value)).toBeNull();
  });
});

describe("properties over tables with a date and a serial column", () => {
  const cprArb = fc
    .record({ year: fc.integer({ min: 1900, max: 2020 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), pick: fc.nat(), seed: fc.nat(999) })
    .map(({ year, month, day, pick, seed }) => {
      const sevenths = seventhDigitsFor(year);
      return makeCpr(year, month, day, sevenths[pick % sevenths.length] ?? 0, seed);
    });
  const dateForm = fc.constantFrom(
    (c: string) => c.slice(0, 6),
    (c: string) => `${c.slice(0, 2)}-${c.slice(2, 4)}-${c.slice(4, 6)}`,
    (c: string) => `${c.slice(0, 2)}.${c.slice(2, 4)}.${c.slice(4, 6)}`,
    (c: string) => `${c.slice(0, 2)}/${c.slice(2, 4)}/${c.slice(4, 6)}`,
  );
  const dateHeader = fc.constantFrom("Fødselsdato", "Født", "fødselsdato:", "Date of birth", "FØDSELSDATO");
  const serialHeader = fc.constantFrom("Løbenr.", "Løbenummer", "Kontrolnr.", "kontrolnummer", "Lobenr", "LØBENR.");
  const delimiter = fc.constantFrom("\t", ";", ",");
  const filler = fc.constantFrom("Jens Hansen", "Vestergade 12", "8000", "2024", "Aarhus C");

  it("finds each row's number, whatever the column order, delimiter and other columns", () => {
    fc.assert(
      fc.property(fc.array(cprArb, { minLength: 1, maxLength: 6 }), dateForm, dateHeader, serialHeader, delimiter, filler, fc.boolean(), (cprs, date, dh, sh, sep, fill, serialFirst) => {
        const header = serialFirst ? [sh, "Navn", dh] : ["Navn", dh, "Adresse", sh];
        const row = (c: string): string[] => (serialFirst ? [c.slice(6), fill, date(c)] : [fill, date(c), fill, c.slice(6)]);
        const text = [header, ...cprs.map(row)].map((cells) => cells.join(sep)).join("\n");
        expect(counted(text)).toEqual(cprs.map(dashed));
      }),
      { seed: 20261207, numRuns: 500 },
    );
  });

  it("finds nothing when a header is another column's", () => {
    fc.assert(
      fc.property(cprArb, dateForm, delimiter, fc.constantFrom(["Dato", "Løbenr."], ["Fødselsdato", "Nr."], ["Oprettet", "Beløb"]), (cpr, date, sep, [h1, h2]) => {
        expect(counted([`${h1}${sep}Navn${sep}${h2}`, `${date(cpr)}${sep}Jens${sep}${cpr.slice(6)}`].join("\n"))).toEqual([]);
      }),
      { seed: 20261208, numRuns: 300 },
    );
  });
});

describe("the detector's gate: the label search runs only where a serial could stand", () => {
  const piece = fc.constantFrom("Løbenr.", "Løbenummer:", "kontrolnr", "Serial no", "sidste fire cifre", "Fødselsdato:", "Født", "Navn", "010190", "01-01-90", "1.1.1990", "10190", "1234", "0123", "123", "12", "12345", "2024", "\t", ";", ",", "\n", "\r", " ", ".", ":", '"', "x", "æ");
  it("finds a digit run that may be a serial in every text where a pair is found", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        if (findLabelledPairs(text).length > 0) expect(maySerialIn(text, 0, text.length)).toBe(true);
      }),
      { seed: 20261207, numRuns: 20000 },
    );
  });

  it("lets ordinary prose without such a run skip the search", () => {
    expect(maySerialIn("Mødet er flyttet til 14. marts 2024 kl. 10, lokale 2.12.", 0, 57)).toBe(false);
    expect(maySerialIn("Løbenummer: 1234", 0, 16)).toBe(true);
    expect(maySerialIn("Jens\t010190\t0123\n", 0, 17)).toBe(true);
  });
});

describe("linear time", () => {
  it("tries a line full of serial labels as a header once", () => {
    // 100 000 labels on 200 lines: reading each line once per label would be 10^8 steps.
    const text = `${"løbenr;".repeat(500)}\n`.repeat(200);
    expect(findLabelledPairs(text)).toEqual([]);
    // And on one line of a megabyte, where finding the line for each label would be 10^11.
    expect(findLabelledPairs("løbenr ".repeat(150_000))).toEqual([]);
  });

  it("reads each row once under many serial labels", () => {
    const rows = Array.from({ length: 2000 }, () => `Jens\t${d(A)}\tløbenr. løbenr.\t${s(A)}`).join("\n");
    const pairs = findLabelledPairs(`Navn\tFødselsdato\tNote\tLøbenr.\n${rows}\n`);
    expect(pairs).toHaveLength(2000);
  });
});
