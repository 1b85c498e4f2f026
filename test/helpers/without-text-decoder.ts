/** Runs fn as in a runtime without TextDecoder (classic Outlook's JavaScript-only runtime may lack it). */
export function withoutTextDecoder<T>(fn: () => T): T {
  const g = globalThis as { TextDecoder?: unknown };
  const saved = g.TextDecoder;
  delete g.TextDecoder;
  try {
    return fn();
  } finally {
    g.TextDecoder = saved;
  }
}
