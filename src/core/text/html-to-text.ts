/**
 * HTML to plain text without a DOM (classic Outlook's JavaScript-only runtime has none).
 * htmlparser2 is a streaming tokenizer: no tree, no DOM, linear time.
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
const HIDDEN = new Set(["script", "style", "title", "template", "noscript", "head", "object", "iframe", "svg", "math"]);

export function htmlToText(html: string): string {
  const out: string[] = [];
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
      onopentag(name) {
        if (HIDDEN.has(name)) {
          hiddenDepth++;
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
        if (name === "pre" && preDepth > 0) preDepth--;
        if (name === "br") return; // its line break was written when it opened
        if (BLOCK.has(name)) blockBreak();
        else if (CELL.has(name)) out.push("\t");
      },
      ontext(text) {
        if (hiddenDepth > 0) return;
        // HTML collapses source whitespace; &nbsp; arrives here as U+00A0 and is kept.
        const shown = preDepth > 0 ? text : text.replace(/[ \t\n\r\f]+/g, " ");
        out.push(shown);
        if (shown.trim() !== "") atLineStart = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();

  return tidyLines(out.join(""));
}

function isSpaceOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
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
