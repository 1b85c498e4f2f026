/**
 * The dedicated worksheet scanner (sheetText) gives exactly what the generic XML scanner gave:
 * the reference below is the former sheetText, built on scanXml's callbacks, kept here verbatim.
 */
import fc from "fast-check";
import { decodeText } from "../../src/core/extract/decode-text";
import { numericCellText } from "../../src/core/extract/ooxml/number-formats";
import { sharedStrings, sharedStringsOf } from "../../src/core/extract/ooxml/shared-strings";
import { sheetText as sheetTextOfBytes } from "../../src/core/extract/ooxml/sheet-text";
import { attrValue, scanXml } from "../../src/core/extract/xml-scan";

/** The scanner reads the part's UTF-8 bytes. */
const sheetText = (xml: string, shared: readonly string[], padded: ReadonlyMap<number, string>, used?: Uint8Array): string => sheetTextOfBytes(Buffer.from(xml, "utf8"), shared, padded, undefined, used);

/** `used`, when given, gets a 1 for each shared string a cell puts in the text (the one addition to the former code). */
function referenceSheetText(xml: string, shared: readonly string[], padded: ReadonlyMap<number, string>, used?: Uint8Array): string {
  const out: string[] = [];
  let type = "";
  let style = -1;
  let value = "";
  let inline = "";
  let formula = "";
  let where: "v" | "t" | "f" | "" = "";
  scanXml(xml, {
    open(name, attrs) {
      if (name === "c") {
        type = attrValue(attrs, "t") ?? "n";
        const s = attrValue(attrs, "s");
        style = s === undefined ? -1 : Number(s);
        value = "";
        inline = "";
        formula = "";
      } else if (name === "v") where = "v";
      else if (name === "t") where = "t";
      else if (name === "f") where = "f";
    },
    close(name) {
      if (name === "v" || name === "t" || name === "f") where = "";
      else if (name === "c") {
        const v = value.trim();
        let cell: string;
        if (type === "s") {
          cell = shared[Number(v)] ?? "";
          if (used !== undefined && shared[Number(v)] !== undefined) used[Number(v)] = 1;
        }
        else if (type === "inlineStr") cell = inline;
        else if (type === "n") cell = numericCellText(v, padded.get(style));
        else cell = v;
        out.push(formula === "" ? cell : `${cell}\t${formula}`);
        out.push("\t");
      } else if (name === "row") out.push("\n");
    },
    text(t) {
      if (where === "v") value += t;
      else if (where === "t") inline += t;
      else if (where === "f") formula += t;
    },
  });
  return out.join("");
}

const SHARED = ["Navn", "0101901234", "Aarhus & Co", "", "sidste"];
const PADDED = new Map<number, string>([
  [1, "0000000000"],
  [4, "000000-0000"],
]);
const NONE = new Map<number, string>();

function same(xml: string, padded: ReadonlyMap<number, string> = PADDED): string {
  const got = sheetText(xml, SHARED, padded);
  expect(got).toBe(referenceSheetText(xml, SHARED, padded));
  return got;
}

const wrap = (rows: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

describe("sheet scanner equals the generic scanner", () => {
  it("namespace prefixes, shared strings, inline strings with runs, str cells and formulas", () => {
    const got = same(
      wrap(
        `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:r><x:t>0101</x:t></x:r><x:r><x:t xml:space="preserve">90-1234</x:t></x:r></x:is></x:c>` +
          `<x:c r="C1" t="str"><x:f>A1&amp;"x"</x:f><x:v>Navnx</x:v></x:c><x:c r="D1" t="s"><x:v> 2 </x:v></x:c></x:row>`,
      ),
    );
    expect(got).toBe("Navn\t010190-1234\tNavnx\tA1&\"x\"\tAarhus & Co\t\n");
  });

  it("the leading-zero rule: zero-padded formats, 9-digit numbers without one, other numbers as they are", () => {
    const got = same(
      wrap(
        `<row><c s="1"><v>101901234</v></c><c s="4"><v>101901234</v></c><c><v>101901234</v></c><c s="2"><v>101901234</v></c>` +
          `<c s='1'><v>12345678901</v></c><c><v>1.5E3</v></c><c t="n" s="1"><v>42</v></c><c s=" 1"><v>7</v></c><c s="&#x31;"><v>5</v></c></row>`,
      ),
    );
    expect(got.startsWith("0101901234\t010190-1234\t101901234\t0101901234\t101901234\t0101901234\t")).toBe(true);
    same(wrap(`<row><c s="1"><v>101901234</v></c><c><v>101901234</v></c></row>`), NONE);
  });

  it("CDATA, comments, processing instructions, entities and empty values", () => {
    same(
      wrap(
        `<row><c t="inlineStr"><is><t><![CDATA[a<b>&amp;]]></t></is></c><!-- <c><v>999999999</v></c> --><?pi <c>?>` +
          `<c t="str"><v>&#x31;&#48;&amp;&lt;&unknown;&#0;&#x110000;</v></c><c><v/></c><c t="s"><v/></c><c t="s"/><c/><c t="e"><v>#N/A</v></c>` +
          `<c t="&#x73;"><v>1</v></c><c t="inlineStr"/><c t=""><v>x</v></c><c t="b"><v>1</v></c></row><!DOCTYPE x>`,
      ),
    );
  });

  it("attributes in any order and quote style, spaces around =, look-alike names, > in a value", () => {
    same(
      wrap(
        `<row><c t = 's' r="A1"><v>1</v></c><c s='1' r='B1' ><v>101901234</v></c><c rt="s" xt="inlineStr"><v>3</v></c>` +
          `<c r="C1" t="s" s="1"><v>4</v></c><c x:t="s"><v>0</v></c><c r="a>b" t="s"><v>2</v></c><c t="s><v>1</v></c>` +
          `<c t="s" t="str"><v>0</v></c><c s=1 t="s"><v>0</v></c><c t="s><v>1</v></c></row>`,
      ),
    );
  });

  it("huge rows, text outside cells, phonetic runs and malformed tails", () => {
    const cells: string[] = [];
    for (let k = 0; k < 20000; k++) cells.push(k % 3 === 0 ? `<c t="s"><v>${k % 6}</v></c>` : k % 3 === 1 ? `<c s="1"><v>${100000000 + k}</v></c>` : `<c t="inlineStr"><is><t>t${k}</t></is></c>`);
    same(wrap(`<row r="1">${cells.join("")}</row>`));
    same(`<row><v>stray</v><t>x</t><c t="inlineStr"><is><t>a</t><rPh><t>b</t></rPh></is></c></row>`);
    // A value closed by a cell end that never opened: taken as it is (found by the random test below).
    same(`<v>101901234</x:c>`, NONE);
    for (const tail of ["<c><v>12", "<c><v>12</v", "<c t='s", "<!-- x", "<![CDATA[x", "<?x", "<", "<c t=\"s\"><v>1</v></c>text after&amp;"]) {
      same(`<row>${tail}`);
      same(`<row><c><v>${tail}`);
    }
  });

  it("random sheet XML built from tricky pieces", () => {
    const piece = fc.constantFrom(
      "<row>", "</row>", "<x:row r=\"1\">", "</x:row>", "<c>", "<c t=\"s\">", "<c t='inlineStr'>", "<c t=\"str\">", "<c s=\"1\">", "<c s='4' t=\"n\">",
      "<c r=\"A1\" s=\"2\" t=\"s\"/>", "<c/>", "</c>", "<x:c t=\"s\">", "</x:c>", "<v>", "</v>", "<v/>", "<t>", "</t>", "<f>", "</f>", "<is>", "</is>",
      "<r>", "</r>", "<rPh>", "</rPh>", "0", "1", "2", "101901234", " 3 ", "&amp;", "&#x31;", "&#49;", "&lt;", "&bogus;", "<![CDATA[9<]]>",
      "<!-- <c> -->", "<?pi?>", "text", "\n", " ", ">", "<", "\"", "'", "<c t=\"a>b\">", "<c s=\"&#x31;\">", "æø€😀",
      // One attribute's name inside the other's value, repeated names, no closing quote.
      "<c s=\"t='s'\" t=\"str\">", "<c t=\"n s='1'\" s=\"1\">", "<c rs=\"1\" s =\"4\" t= 's'>", "<c t=\"s\" s=\"1\" s=\"4\">", "<c s=\"1 t=\"s\">",
      // The usual tags Excel writes (read in one pass), and near misses that must read the same.
      "<c r=\"A1\" t=\"s\">", "<c r=\"B2\" s=\"1\">", "<c r=\"C3\" s=\"4\" t=\"s\">", "<c r=\"D4\">", "<c r=\"E5\" t=\"inlineStr\">", "<c r=\"F6\" s=\"\">",
      "<c r=\"A1\" t=\"s\" >", "<c r=\"A1\" t=\"s\"/>", "<c r=\"A 1\" t=\"s\">", "<c r=\"A1\"t=\"s\">", "<c r=\"A1\" t=s>", "<c r=\"x:t\" t=\"s\">",
      "<c r=\"A1\" t=\"s\" t=\"n\">", "<c r=\"A1\" s=\"1\" s=\"4\">", "<c r=\"A1\" s=\"9999999999\">", "<c r=\"A1\" cm=\"1\" t=\"s\">", "<c r=\"A1\" t=\"&#115;\">", "<c r=\"A1",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.boolean(), (pieces, styled) => {
        const xml = pieces.join("");
        const padded = styled ? PADDED : NONE;
        const used = new Uint8Array(SHARED.length);
        const referenceUsed = new Uint8Array(SHARED.length);
        expect(sheetText(xml, SHARED, padded, used)).toBe(referenceSheetText(xml, SHARED, padded, referenceUsed));
        // The shared strings no cell used (read on their own afterwards) are the same too.
        expect([...used]).toEqual([...referenceUsed]);
      }),
      { numRuns: 6000 },
    );
  });

  it("reads the part's bytes as decodeText would decode them: byte order marks, non-ASCII text, broken UTF-8", () => {
    const enc = (x: string): Uint8Array => Buffer.from(x, "utf8");
    const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
    const row = `<row><c t="inlineStr"><is><t>Søren Ærø 😀</t></is></c><c t="str"><v>Å&amp;ø</v></c><c><v>101901234</v></c></row>`;
    const cases: Uint8Array[] = [
      enc(wrap(row)),
      cat(Uint8Array.of(0xef, 0xbb, 0xbf), enc(wrap(row))),
      // Broken sequences right before markup, inside values and in attribute values.
      cat(enc(`<row><c t="str"><v>a`), Uint8Array.of(0xc3), enc(`</v></c><c t="inlineStr"><is><t>`), Uint8Array.of(0xe2, 0x82), enc(`</t></is></c><c t="s`), Uint8Array.of(0xff), enc(`"><v>1</v></c></row>`)),
      cat(enc(`<row><c><v>`), Uint8Array.of(0xf0, 0x9f, 0x98), enc(`12</v></c><c s="`), Uint8Array.of(0x80), enc(`1"><v>101901234</v></c></row>`)),
      // Byte order marks inside the part are text (U+FEFF, or two broken bytes), never a new encoding.
      cat(enc(`<row><c t="str"><v>`), Uint8Array.of(0xef, 0xbb, 0xbf), enc(`12</v></c><c t="str"><v>`), Uint8Array.of(0xff, 0xfe, 0x41, 0x00), enc(`</v></c></row>`)),
    ];
    for (const bytes of cases) expect(sheetTextOfBytes(bytes, SHARED, PADDED)).toBe(referenceSheetText(decodeText(bytes), SHARED, PADDED));
    expect(sheetTextOfBytes(enc(wrap(row)), SHARED, PADDED)).toBe("Søren Ærø 😀\tÅ&ø\t101901234\t0101901234\t\n");
    // A part in UTF-16 (little-endian, with its byte order mark) reads the same as in UTF-8.
    const utf16 = cat(Uint8Array.of(0xff, 0xfe), Buffer.from(wrap(row), "utf16le"));
    expect(sheetTextOfBytes(utf16, SHARED, PADDED)).toBe(sheetTextOfBytes(enc(wrap(row)), SHARED, PADDED));
  });

  it("random bytes around markup read as their decoded text", () => {
    const piece = fc.oneof(
      fc.constantFrom("<row>", "</row>", "<c>", "<c t=\"s\">", "<c t='inlineStr'>", "<c t=\"str\">", "<c s=\"1\">", "</c>", "<v>", "</v>", "<t>", "</t>", "<is>", "</is>", "1", "101901234", "&amp;", "<![CDATA[", "]]>", "<!--", "-->", "<?", "?>").map((x) => Buffer.from(x)),
      fc.uint8Array({ minLength: 1, maxLength: 4 }),
      fc.constantFrom(Uint8Array.of(0xef, 0xbb, 0xbf), Uint8Array.of(0xff, 0xfe), Uint8Array.of(0xc3, 0xb8)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (pieces) => {
        const bytes = Uint8Array.from(pieces.flatMap((p) => [...p]));
        if (bytes[0] === 0xff && bytes[1] === 0xfe) return;
        expect(sheetTextOfBytes(bytes, SHARED, PADDED)).toBe(referenceSheetText(decodeText(bytes), SHARED, PADDED));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("sharedStringsOf (the string table read from its bytes) gives what sharedStrings gave on the decoded part", () => {
  const enc = (x: string): Uint8Array => Buffer.from(x, "utf8");
  const same = (bytes: Uint8Array): string[] => {
    const got = sharedStringsOf(bytes);
    expect(got).toEqual(sharedStrings(decodeText(bytes)));
    return got;
  };

  it("reads plain, rich-text and phonetic strings, entities, CDATA and empty ones", () => {
    const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5"><si><t>Navn</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Søren </t></r><r><t>Ærø</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t>A &amp; B &#x31;</t></si><si><t/></si><si><x:t><![CDATA[1<2 &amp;]]></x:t></si></sst>`;
    expect(same(enc(sst))).toEqual(["Navn", "Søren Ærø", "東京", "A & B 1", "", "1<2 &amp;"]);
    // In UTF-16 (with its byte order mark) as in UTF-8.
    expect(sharedStringsOf(Uint8Array.from([0xff, 0xfe, ...Buffer.from(sst, "utf16le")]))).toEqual(sharedStringsOf(enc(sst)));
  });

  it("random markup and bytes", () => {
    const piece = fc.oneof(
      fc.constantFrom("<si>", "</si>", "<x:si>", "<si/>", "<t>", "</t>", "<t/>", "<t xml:space=\"preserve\">", "<x:t>", "</x:t>", "<rPh sb=\"0\">", "</rPh>", "<r>", "</r>", "<rPr>", "<b/>", "<tt>", "<sia>", "</>", "<>", "a", "Søren", "101901234", " ", "&amp;", "&#x31;", "&bogus;", "<![CDATA[", "]]>", "<!--", "-->", "<?", "?>", "<!x>", ">", "<", "/").map((x) => Buffer.from(x)),
      fc.uint8Array({ minLength: 1, maxLength: 4 }),
      fc.constantFrom(Uint8Array.of(0xef, 0xbb, 0xbf), Uint8Array.of(0xc3, 0xb8), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xf0, 0x9f, 0x98, 0x80)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const bytes = Uint8Array.from(pieces.flatMap((p) => [...p]));
        if (bytes[0] === 0xff && bytes[1] === 0xfe) return;
        same(bytes);
      }),
      { numRuns: 5000 },
    );
  });
});
