// Babel compiles TypeScript and lowers everything (our code and node_modules) for the add-in bundles.
// The handler must run in classic Outlook's JavaScript-only runtime, an ECMAScript 2016 engine:
// Edge 14 is the reference engine of that level (no async/await, no object spread, no \p{..} in regexes).
module.exports = {
  presets: [
    ["@babel/preset-env", { targets: { edge: "14" }, useBuiltIns: "usage", corejs: "3.51", bugfixes: true }],
    ["@babel/preset-typescript", { allowDeclareFields: true }],
  ],
};
