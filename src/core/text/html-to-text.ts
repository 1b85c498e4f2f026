/**
 * HTML to plain text without a DOM (classic Outlook's JavaScript-only runtime has none).
 * htmlparser2 is a streaming tokenizer: no tree, no DOM, linear time.
 *
 * Text a reader of the draft does not see but the mail still carries comes after the visible
 * text, past an empty line, one piece a line: alt and title attributes, a link's query string
 * (`?cpr=…`), Outlook's conditional comments (`<!--[if gte mso 9]>…<![endif]-->`, which Outlook
 * desktop shows), and the text of <noscript> and <svg>.
 */
import { Parser } from "htmlparser2";

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
  "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
]);
/** Table cells and list-like inline blocks: separated so that neighbouring cells never join into one number. */
const CELL = new Set(["td", "th"]);
/** Elements whose content is never shown to the reader. */
const HIDDEN = new Set(["script", "style", "title", "template", "head", "object", "iframe", "math"]);
/** Elements whose text is not shown in the compose window but is shown elsewhere (no script, an SVG-capable client). */
const CARRIED = new Set(["noscript", "svg"]);
/** A conditional comment: what Outlook desktop (mso) or old Internet Explorer shows between "]>" and "<![endif]". */
const CONDITIONAL = /^\[if [^\]]{1,100}\]>/;

/** A link's query string and fragment, decoded, parameters apart: "cpr=0101901234 t=1". */
function queryText(href: string): string {
  const question = href.indexOf("?");
  const hash = href.indexOf("#");
  const q = question < 0 ? hash : hash < 0 ? question : Math.min(question, hash);
  if (q < 0) return "";
  const raw = href.slice(q + 1).replace(/[&;#+]/g, " ");
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a stray "%": the text as written
  }
}

export function htmlToText(html: string): string {
  return convert(html, false);
}

/** `inComment`: reading a conditional comment's content, where a further one is not read (no nesting, no deep recursion). */
function convert(html: string, inComment: boolean): string {
  const out: string[] = [];
  /** What the mail carries out of sight, one piece a line. */
  const carried: string[] = [];
  let carriedDepth = 0;
  let hiddenDepth = 0;
  let preDepth = 0;
  let atLineStart = true;
  // Neighbouring block boundaries ("</div><p>") make one line break, not a blank line.
  const blockBreak = (): void => {
    if (!atLineStart) out.push("\n");
    atLineStart = true;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (HIDDEN.has(name)) {
          hiddenDepth++;
          return;
        }
        if (hiddenDepth > 0) return;
        for (const key of ["alt", "title"]) {
          const value = attribs[key];
          if (value !== undefined && value.trim() !== "") carried.push("\n", value, "\n");
        }
        const href = name === "a" || name === "area" ? attribs.href : undefined;
        if (href !== undefined) {
          const query = queryText(href);
          if (query.trim() !== "") carried.push("\n", query, "\n");
        }
        if (CARRIED.has(name)) carriedDepth++;
        if (carriedDepth > 0) {
          if (BLOCK.has(name)) carried.push("\n");
          else if (CELL.has(name) || name === "text" || name === "tspan") carried.push("\t");
          return;
        }
        if (name === "pre") preDepth++;
        if (name === "br") {
          out.push("\n");
          atLineStart = true;
        } else if (BLOCK.has(name)) blockBreak();
        else if (CELL.has(name)) out.push("\t");
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          if (hiddenDepth > 0) hiddenDepth--;
          return;
        }
        if (hiddenDepth > 0) return;
        if (carriedDepth > 0) {
          if (CARRIED.has(name)) carriedDepth--;
          carried.push(BLOCK.has(name) || CARRIED.has(name) ? "\n" : CELL.has(name) || name === "text" || name === "tspan" ? "\t" : "");
          return;
        }
        if (name === "pre" && preDepth > 0) preDepth--;
        if (name === "br") return; // its line break was written when it opened
        if (BLOCK.has(name)) blockBreak();
        else if (CELL.has(name)) out.push("\t");
      },
      ontext(text) {
        if (hiddenDepth > 0) return;
        if (carriedDepth > 0) {
          carried.push(text.replace(/[ \t\n\r\f]+/g, " "));
          return;
        }
        // HTML collapses source whitespace; &nbsp; arrives here as U+00A0 and is kept.
        const shown = preDepth > 0 ? text : text.replace(/[ \t\n\r\f]+/g, " ");
        out.push(shown);
        // A paragraph of only &nbsp; is Outlook's empty line: it ends the line like text does.
        if (/[^ \t\n\r\f]/.test(shown)) atLineStart = false;
      },
      oncomment(data) {
        const open = CONDITIONAL.exec(data);
        if (open === null || hiddenDepth > 0 || inComment) return;
        const end = data.lastIndexOf("<![endif]");
        carried.push("\n", convert(data.slice(open[0].length, end < open[0].length ? data.length : end), true), "\n");
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();

  const visible = tidyLines(out.join(""));
  // One piece a line, no empty lines between them.
  const hidden = carried.length === 0 ? "" : tidyLines(carried.join("")).replace(/\n\n/g, "\n");
  return hidden === "" ? visible : `${visible}\n\n${hidden}`;
}

/** Space, tab and the no-break space: trimmed at line ends, so a line of only &nbsp; is empty. */
function isSpaceOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

/** Trims spaces and tabs at line ends and keeps at most one blank line. A loop, not a regex: linear on any input. */
function tidyLines(text: string): string {
  const lines: string[] = [];
  let blank = 0;
  for (const raw of text.split("\n")) {
    let a = 0;
    let b = raw.length;
    while (a < b && isSpaceOrTab(raw.charCodeAt(a))) a++;
    while (b > a && isSpaceOrTab(raw.charCodeAt(b - 1))) b--;
    // Tabs between table cells matter; only the ends of a line are trimmed.
    const line = raw.slice(a, b);
    if (line === "") {
      if (lines.length > 0 && ++blank === 1) lines.push("");
      continue;
    }
    blank = 0;
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}
