/**
 * Raw DEFLATE inflation for ZIP entries. A runtime with a native inflater (a browser's
 * DecompressionStream) passes one in; fflate is the fallback everywhere else (classic Outlook).
 * Either way the output is reported as it grows, so the caller's limits stop a zip bomb early.
 */
import { Inflate } from "fflate";

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

function inflateInSteps(data: Uint8Array, onGrow: (total: number) => void): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    onGrow(total);
    chunks.push(chunk);
  });
  if (data.length === 0) inflater.push(data, true);
  for (let i = 0; i < data.length; i += INFLATE_STEP) {
    inflater.push(data.subarray(i, i + INFLATE_STEP), i + INFLATE_STEP >= data.length);
  }
  return chunks;
}

/** fflate's streaming inflater, in steps. */
export const fflateInflater: RawInflater = (data, onGrow) =>
  new Promise((resolve) => {
    resolve(inflateInSteps(data, onGrow));
  });
