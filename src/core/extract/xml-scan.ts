/**
 * A small, linear XML tokenizer for the XML inside Office and OpenDocument packages. It needs no
 * DOM, never expands custom entities (no "billion laughs"), and reads every character once.
 * Element names are given without their namespace prefix ("w:t" → "t").
 */
export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data, entities decoded (CDATA as it is). */
  text(value: string): void;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; anything else is left as written. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const cp = ref.startsWith("#x") ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** The value of one attribute in a tag's attribute text, entities decoded. */
export function attrValue(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? " " : attrs.charAt(at - 1);
    if (before !== " " && before !== "\t" && before !== "\n" && before !== "\r" && before !== ":") continue;
    let i = from;
    while (attrs.charAt(i) === " ") i++;
    if (attrs.charAt(i) !== "=") continue;
    i++;
    while (attrs.charAt(i) === " ") i++;
    const q = attrs.charAt(i);
    if (q !== '"' && q !== "'") continue;
    const end = attrs.indexOf(q, i + 1);
    if (end < 0) return undefined;
    return decodeXmlEntities(attrs.slice(i + 1, end));
  }
}

function localName(tag: string, from: number): string {
  let start = from;
  let end = from;
  const n = tag.length;
  while (end < n) {
    const c = tag.charCodeAt(end);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 /* / */ || c === 62 /* > */) break;
    if (c === 58 /* : */ && start === from) start = end + 1; // the first colon ends the prefix
    end++;
  }
  return tag.slice(start, end);
}

/** Calls the handler for every element and piece of text, in order. Malformed tails end the scan. */
export function scanXml(xml: string, h: XmlHandler): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      h.text(decodeXmlEntities(xml.slice(i)));
      return;
    }
    if (lt > i) h.text(decodeXmlEntities(xml.slice(i, lt)));
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end < 0) return;
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0) return;
        h.text(xml.slice(lt + 9, end));
        i = end + 3;
      } else {
        const end = xml.indexOf(">", lt);
        if (end < 0) return;
        i = end + 1;
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) return;
      i = end + 2;
      continue;
    }
    // The tag ends at the first ">". Office and OpenDocument writers escape ">" in attribute values;
    // where one does not, the rest of the tag reads as text: junk at worst, no text is lost.
    const j = xml.indexOf(">", lt + 1);
    if (j < 0) return;
    if (c === 47 /* / */) {
      h.close(localName(xml, lt + 2));
    } else {
      const selfClosing = xml.charCodeAt(j - 1) === 47;
      const name = localName(xml, lt + 1);
      const attrs = xml.slice(lt + 1, selfClosing ? j - 1 : j);
      h.open(name, attrs, selfClosing);
      if (selfClosing) h.close(name);
    }
    i = j + 1;
  }
}
