// Babel compiles TypeScript and lowers everything (our code and node_modules) for the add-in bundles.
// The handler must run in classic Outlook's JavaScript-only runtime, an ECMAScript 2016 engine:
// Edge 14 is the reference engine of that level (no async/await, no object spread, no \p{..} in regexes).
module.exports = {
  // Object spread as Object.assign: the same result for our plain data objects, and far faster
  // in hot paths than the spec-exact defineProperty helper.
  assumptions: { setSpreadProperties: true },
  presets: [
    [
      "@babel/preset-env",
      {
        targets: { edge: "14" },
        useBuiltIns: "usage",
        corejs: "3.51",
        bugfixes: true,
        // core-js "fixes" push/unshift for arrays longer than 2^32 - 1 items; the fix makes every
        // push a slow generic call, and our arrays never come near that length.
        // Uint8Array.fromBase64 is used only where the engine has it (base64.ts); core-js's
        // stand-in is several times slower than our own portable decoder.
        exclude: ["es.array.push", "es.array.unshift", "es.uint8-array.from-base64", "esnext.uint8-array.from-base64"],
      },
    ],
    ["@babel/preset-typescript", { allowDeclareFields: true }],
  ],
};
