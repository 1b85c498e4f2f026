/**
 * PR_RTF_COMPRESSED ([MS-OXRTFCP]): an Outlook item's RTF body, LZ77-compressed ("LZFu") or
 * stored ("MELA"). Decompressed here so an item whose body exists only as RTF is still read.
 * One pass over the input; each reference copies at most 17 bytes; the output stops at the
 * size the header gives and at `maxBytes`.
 */

const PREFIX =
  "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";
const LZFU = 0x75465a4c;
const MELA = 0x414c454d;

export class CompressedRtfError extends Error {
  override readonly name = "CompressedRtfError";
}

const u32 = (b: Uint8Array, i: number): number => ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16)) + (b[i + 3] ?? 0) * 0x1000000;

/** The RTF bytes of a PR_RTF_COMPRESSED value. Throws CompressedRtfError when it is not one. */
export function decompressRtf(data: Uint8Array, maxBytes: number): Uint8Array {
  if (data.length < 16) throw new CompressedRtfError("compressed RTF shorter than its header");
  const rawSize = u32(data, 4);
  const type = u32(data, 8);
  const limit = Math.min(rawSize, maxBytes);
  if (type === MELA) return data.slice(16, 16 + limit);
  if (type !== LZFU) throw new CompressedRtfError("unknown compressed RTF type");
  const dict = new Uint8Array(4096);
  for (let i = 0; i < PREFIX.length; i++) dict[i] = PREFIX.charCodeAt(i);
  let write = PREFIX.length;
  const out = new Uint8Array(limit);
  let n = 0;
  let p = 16;
  while (p < data.length && n < limit) {
    const control = data[p++] ?? 0;
    for (let bit = 0; bit < 8 && p < data.length && n < limit; bit++) {
      if ((control & (1 << bit)) === 0) {
        const b = data[p++] ?? 0;
        out[n++] = b;
        dict[write] = b;
        write = (write + 1) & 4095;
        continue;
      }
      if (p + 1 >= data.length) return out.slice(0, n);
      const ref = ((data[p] ?? 0) << 8) | (data[p + 1] ?? 0);
      p += 2;
      const offset = ref >> 4;
      const length = (ref & 15) + 2;
      if (offset === write) return out.slice(0, n); // the end marker
      for (let k = 0; k < length && n < limit; k++) {
        const b = dict[(offset + k) & 4095] ?? 0;
        out[n++] = b;
        dict[write] = b;
        write = (write + 1) & 4095;
      }
    }
  }
  return out.slice(0, n);
}
