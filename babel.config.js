// Babel compiles TypeScript and lowers everything (our code and node_modules) for the add-in bundles.
// The handler must run in classic Outlook's JavaScript-only runtime, an ECMAScript 2016 engine:
// Edge 14 is the reference engine of that level (no async/await, no object spread, no \p{..} in regexes).
const fs = require("node:fs");
const path = require("node:path");

// "usage" adds a polyfill for every method name it sees on a value of unknown type, and every
// typed-array method once a typed array is made. These are for features no bundled source uses
// (test/build/babel-config.test.ts checks that): each ran feature tests on every start of a
// runtime, and the typed-array toLocaleString test alone started the engine's ICU (~30 ms).
const UNUSED_PATTERNS = [
  /^es(next)?\.uint8-array\./, // toBase64, setFromHex …: ES2026
  /^es(next)?\.typed-array\.(to-locale-string|to-reversed|to-sorted|with|find-last|find-last-index)$/,
  /^es(next)?\.iterator\./, // iterator helpers: ES2025
  /^es(next)?\.set\..*\.v2$/, // union, intersection …: ES2025
  /^es(next)?\.(weak-)?map\.get-or-insert/, // ES2026
  /^es(next)?\.array-buffer\.(detached|transfer)/, // ES2024
];
// The JSON the add-in uses is ES5's, native everywhere. core-js replaces the engine's JSON.parse
// and JSON.stringify with JavaScript ones wherever JSON.rawJSON or a reviver's source text is
// missing (V8 before 2024), and every JSON.parse (the lexicon at load, the policy) then runs in JS.
const NATIVE_IS_ENOUGH = ["es.json.parse", "es.json.stringify", "esnext.json.parse"];
// As names, not patterns: babel-loader's cache key is the options as JSON, where a pattern is "{}".
const UNUSED_POLYFILLS = fs
  .readdirSync(path.join(path.dirname(require.resolve("core-js/package.json")), "modules"))
  .map((file) => file.replace(/\.js$/, ""))
  .filter((name) => UNUSED_PATTERNS.some((p) => p.test(name)))
  .sort();

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
        exclude: ["es.array.push", "es.array.unshift", "es.uint8-array.from-base64", "esnext.uint8-array.from-base64", ...UNUSED_POLYFILLS, ...NATIVE_IS_ENOUGH],
      },
    ],
    ["@babel/preset-typescript", { allowDeclareFields: true }],
  ],
};
