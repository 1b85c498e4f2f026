/**
 * OpenDocument (.odt, .ods, .odp): content.xml (body, tables, notes, comments) and styles.xml
 * (headers and footers). All character data is text in ODF; spreadsheets keep the shown value
 * (a zero-padded number shows with its zeros) in the cell's paragraph. Repeated empty cells are
 * not expanded.
 */
import type { MailText } from "../scan/scanner";
import { decodeText } from "./decode-text";
import { UnreadableError } from "./extracted";
import { attrValue, scanXml } from "./xml-scan";
import type { ZipReader } from "./zip-archive";

const LINE_END = new Set(["p", "h", "table-row", "line-break", "list-item"]);
const CELL_END = new Set(["table-cell", "covered-table-cell", "tab"]);
/** Elements whose character data is not document text. */
const NOT_TEXT = new Set(["binary-data", "script"]);

/** The ODF type named by the package's mimetype entry, or null. */
export async function odfMimeType(zip: ZipReader): Promise<string | null> {
  const entry = zip.find("mimetype");
  if (entry === undefined || entry.size > 200) return null;
  const type = decodeText(await zip.read(entry)).trim();
  return type.startsWith("application/vnd.oasis.opendocument.") ? type : null;
}

export function odfXmlText(xml: string): string {
  const out: string[] = [];
  let skip = 0;
  scanXml(xml, {
    open(name, attrs) {
      if (NOT_TEXT.has(name)) skip++;
      else if (name === "s") out.push(" ".repeat(Math.min(Number(attrValue(attrs, "c") ?? "1") || 1, 16)));
    },
    close(name) {
      if (NOT_TEXT.has(name)) skip = Math.max(0, skip - 1);
      else if (LINE_END.has(name)) out.push("\n");
      else if (CELL_END.has(name)) out.push("\t");
    },
    text(value) {
      if (skip === 0) out.push(value);
    },
  });
  return out.join("");
}

export async function odfTexts(zip: ZipReader, path: readonly string[], checkTime: () => void): Promise<MailText[]> {
  const manifest = zip.find("META-INF/manifest.xml");
  if (manifest !== undefined && decodeText(await zip.read(manifest)).includes("encryption-data")) {
    throw new UnreadableError("encrypted", "password-protected OpenDocument file");
  }
  const texts: MailText[] = [];
  // Embedded objects (charts, formulas) keep their own content.xml in "Object N/".
  const objects = zip.entries.filter((e) => /^Object \d{1,6}\/content\.xml$/.test(e.name)).map((e) => e.name);
  for (const name of ["content.xml", "styles.xml", ...objects]) {
    const entry = zip.find(name);
    if (entry === undefined) {
      if (name === "content.xml") throw new UnreadableError("corrupt", "OpenDocument file without content.xml");
      continue;
    }
    const content = odfXmlText(decodeText(await zip.read(entry)));
    if (content.trim() !== "") texts.push({ part: "attachment", path, format: "text", content });
    checkTime();
  }
  return texts;
}
