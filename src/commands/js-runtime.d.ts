// The globals classic Outlook's JavaScript-only runtime provides besides ECMAScript itself
// (used only by tsconfig.handler.json, which type-checks the handler path without DOM types).
declare function setTimeout(handler: () => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
