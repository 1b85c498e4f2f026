/**
 * RTF to text without a DOM, in one pass over the bytes. Reads plain text, `\'xx` escapes in the
 * document's ANSI code page (`\ansicpgN`, Windows-1252 by default), `\uN` Unicode with its
 * fallback characters skipped (`\ucN`), and field results; skips font, colour and style tables,
 * pictures, embedded object data, `\*` destinations and `\binN` data.
 */
import { decodeText } from "./decode-text";

const SKIP_DESTINATIONS = new Set([
  "fonttbl", "colortbl", "stylesheet", "listtable", "listoverridetable", "revtbl", "rsidtbl", "generator",
  "pict", "object", "objdata", "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl",
  "filetbl", "fldinst", "bkmkstart", "bkmkend", "shppict", "nonshppict", "blipuid", "mmathPr",
]);

const SPECIAL: Record<string, string> = {
  par: "\n", line: "\n", sect: "\n", page: "\n", row: "\n", nestrow: "\n",
  tab: "\t", cell: "\t", nestcell: "\t",
  emdash: "—", endash: "–", emspace: " ", enspace: " ", qmspace: " ", bullet: "•",
  lquote: "‘", rquote: "’", ldblquote: "“", rdblquote: "”",
};

interface GroupState {
  skip: boolean;
  uc: number;
}

export function looksLikeRtf(bytes: Uint8Array): boolean {
  return bytes[0] === 0x7b && bytes[1] === 0x5c && bytes[2] === 0x72 && bytes[3] === 0x74 && bytes[4] === 0x66; // {\rtf
}

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const hexValue = (c: number): number => (isDigit(c) ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);

export function rtfToText(bytes: Uint8Array, checkTime: () => void = () => undefined): string {
  const out: string[] = [];
  let codePage = "windows-1252";
  let pending: number[] = []; // code page bytes waiting to be decoded together
  const flush = (): void => {
    if (pending.length > 0) {
      out.push(decodeText(Uint8Array.from(pending), codePage));
      pending = [];
    }
  };
  const emit = (s: string): void => {
    flush();
    out.push(s);
  };
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, uc: 1 };
  let skipChars = 0; // fallback characters after \uN still to skip
  let groupStart = false; // just after "{": the next control word may name a destination
  const n = bytes.length;
  let i = 0;
  let steps = 0;
  while (i < n) {
    if (++steps === 65536) {
      steps = 0;
      checkTime();
    }
    const c = bytes[i] ?? 0;
    if (c === 0x7b) {
      stack.push(state);
      state = { skip: state.skip, uc: state.uc };
      groupStart = true;
      skipChars = 0;
      i++;
      continue;
    }
    if (c === 0x7d) {
      state = stack.pop() ?? state;
      groupStart = false;
      skipChars = 0;
      i++;
      continue;
    }
    const atGroupStart = groupStart;
    groupStart = false;
    if (c === 0x5c) {
      const d = bytes[i + 1] ?? 0;
      if (isLetter(d)) {
        let j = i + 1;
        while (j < n && j - i <= 32 && isLetter(bytes[j] ?? 0)) j++;
        const word = String.fromCharCode(...bytes.subarray(i + 1, j));
        let param: number | null = null;
        let k = j;
        if (bytes[k] === 0x2d || isDigit(bytes[k] ?? 0)) {
          const neg = bytes[k] === 0x2d;
          if (neg) k++;
          let v = 0;
          const from = k;
          while (k < n && k - from < 10 && isDigit(bytes[k] ?? 0)) v = v * 10 + ((bytes[k++] ?? 48) - 48);
          param = neg ? -v : v;
        }
        if (bytes[k] === 0x20) k++;
        i = k;
        if (word === "bin") {
          i += Math.max(0, param ?? 0);
          continue;
        }
        if (state.skip) continue;
        if (atGroupStart && SKIP_DESTINATIONS.has(word)) {
          state.skip = true;
          continue;
        }
        if (word === "ansicpg" && param !== null && param > 0) {
          flush();
          codePage = param === 65001 ? "utf-8" : `windows-${param}`;
        } else if (word === "uc" && param !== null) {
          state.uc = Math.max(0, Math.min(param, 10));
        } else if (word === "u" && param !== null) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          skipChars = state.uc;
        } else {
          const special = SPECIAL[word];
          if (special !== undefined) emit(special);
        }
        continue;
      }
      if (d === 0x2a /* \* */) {
        if (atGroupStart) state.skip = true;
        i += 2;
        continue;
      }
      if (d === 0x27 /* \'xx */) {
        const hi = hexValue(bytes[i + 2] ?? 0);
        const lo = hexValue(bytes[i + 3] ?? 0);
        i += 4;
        if (state.skip || hi < 0 || lo < 0) continue;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        pending.push(hi * 16 + lo);
        continue;
      }
      i += 2;
      if (state.skip) continue;
      if (d === 0x5c || d === 0x7b || d === 0x7d) emit(String.fromCharCode(d));
      else if (d === 0x7e /* \~ */) emit("\u00a0");
      else if (d === 0x5f /* \_ */) emit("-");
      else if (d === 0x0a || d === 0x0d) emit("\n"); // "\" before a line break is \par
      continue;
    }
    i++;
    if (state.skip || c === 0x0a || c === 0x0d) continue;
    if (skipChars > 0) {
      skipChars--;
      continue;
    }
    if (c >= 0x80) pending.push(c);
    else emit(String.fromCharCode(c));
  }
  flush();
  return out.join("");
}
