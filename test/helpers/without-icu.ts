/**
 * Runs fn as in classic Outlook's JavaScript-only runtime since Version 2406 (OfficeDev/office-js#4631):
 * no Intl, and String.prototype.normalize returns its string unchanged, as an engine without ICU does.
 */
export function withoutIcu<T>(fn: () => T): T {
  const g = globalThis as { Intl?: unknown };
  const savedIntl = Object.getOwnPropertyDescriptor(g, "Intl");
  const savedNormalize = Object.getOwnPropertyDescriptor(String.prototype, "normalize");
  if (savedIntl === undefined || savedNormalize === undefined) throw new Error("withoutIcu: this Node has no ICU to take away");
  Object.defineProperty(String.prototype, "normalize", {
    ...savedNormalize,
    value: function normalize(this: unknown): string {
      return String(this);
    },
  });
  delete g.Intl;
  try {
    if ("\uff11".normalize("NFKC") !== "\uff11" || typeof Intl !== "undefined") throw new Error("withoutIcu: ICU is still there");
    return fn();
  } finally {
    Object.defineProperty(String.prototype, "normalize", savedNormalize);
    Object.defineProperty(g, "Intl", savedIntl);
  }
}

/** Loads a module afresh (its load-time tables too) with ICU taken away, as the bundle loads in classic Outlook. */
export function loadWithoutIcu<T>(load: () => T): T {
  let loaded: T | undefined;
  withoutIcu(() => {
    jest.isolateModules(() => {
      loaded = load();
    });
  });
  if (loaded === undefined) throw new Error("loadWithoutIcu: nothing loaded");
  return loaded;
}
