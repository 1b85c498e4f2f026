/**
 * Raw DEFLATE inflation for ZIP entries. A runtime with a native inflater (a browser's
 * DecompressionStream, Node's zlib) passes one in; pako is the portable one everywhere else
 * (classic Outlook). Either way the output is reported as it grows, so the caller's limits stop
 * a zip bomb early.
 */
import { Inflate } from "pako";

/**
 * Inflates `data`, calling `onGrow(total)` after each piece of output (it throws to stop:
 * a limit, a lying size, the time limit) and returns the pieces. Broken data rejects.
 * Input is given in steps of at most INFLATE_STEP bytes, so one step adds at most ~1032 times that.
 * The caller takes at most `maxOutput` bytes: an inflater that cannot stop step by step (a
 * synchronous native one) makes no more than that, plus one byte to show there was more, and
 * then reports its total.
 */
export type RawInflater = (data: Uint8Array, onGrow: (total: number) => void, maxOutput: number) => Promise<Uint8Array[]>;

/** Compressed bytes per step: a step can grow the output by at most ~66 MB. */
export const INFLATE_STEP = 64 * 1024;

/** Largest output piece pako fills before handing it over (and onGrow sees it). */
const MAX_PIECE = 64 * 1024 * 1024;

function inflateInSteps(data: Uint8Array, onGrow: (total: number) => void, maxOutput: number): Uint8Array[] {
  // Output goes into pieces of the expected size plus one byte: an honest entry fills one piece
  // (nothing to join), and a lying one fills it and is reported at once, so memory stays within
  // maxOutput + 1 whatever the data says.
  const inflater = new Inflate({ raw: true, chunkSize: Math.max(1, Math.min(maxOutput + 1, MAX_PIECE)) });
  const chunks: Uint8Array[] = [];
  let total = 0;
  inflater.onData = (chunk) => {
    total += chunk.length;
    onGrow(total);
    chunks.push(chunk);
  };
  let i = 0;
  do {
    const end = i + INFLATE_STEP;
    const pieces = chunks.length;
    inflater.push(data.subarray(i, end), end >= data.length);
    if (inflater.err !== 0) throw new Error(inflater.msg);
    if (chunks.length === pieces) onGrow(total); // a step that filled no piece still looks at the clock
    i = end;
  } while (i < data.length && !inflater.ended);
  return chunks;
}

/** pako's streaming inflater, in steps: the portable one, for runtimes with no native inflater. */
export const pakoInflater: RawInflater = (data, onGrow, maxOutput) =>
  new Promise((resolve) => {
    resolve(inflateInSteps(data, onGrow, maxOutput));
  });
