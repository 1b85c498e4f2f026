// Builds the add-in into dist-addin/:
//  - commands.js: the event handler bundle, one self-contained ES2016 file with no DOM use
//    (classic Outlook runs it alone in its JavaScript-only runtime), and commands.html;
//  - taskpane.js/.html/.css: the task pane, for the browsers Office uses for panes;
//  - pdf-reader.js: pdf.js (unpdf's serverless build) for the HTML runtime and the pane, loaded
//    by src/pdf/script-loader.ts on the first PDF; never part of commands.js.
// The policy (scripts/addin-policy.cjs): --env policy=FILE compiles a policy file, checked at
// build time with the add-in's own parsePolicy, into commands.js and taskpane.js; --env
// policyUrl=https://... compiles in a URL to fetch it from (and writes the well-known file
// classic Outlook needs for it); neither: the built-in default. Both: the build stops.
const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DEV_ORIGIN, manifestPattern, parseOrigin } = require("./scripts/manifest-origin.cjs");
const { WELL_KNOWN_PATH, policyDefines, policySource } = require("./scripts/addin-policy.cjs");

const babelRule = {
  test: /\.[cm]?[jt]s$/,
  // core-js must not be compiled by itself
  exclude: /node_modules[\\/](core-js|@babel[\\/]runtime)[\\/]/,
  use: { loader: "babel-loader", options: { cacheDirectory: true } },
};

/** A plugin that writes one generated file into the output folder. */
const emitFile = (name, text) => ({
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("EmitFile", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "EmitFile", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset(name, new webpack.sources.RawSource(text));
      });
    });
  },
});

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const common = {
    mode: production ? "production" : "development",
    devtool: "source-map",
    resolve: { extensions: [".ts", ".js"] },
    performance: { hints: false },
  };
  const modernTsRule = {
    test: /\.ts$/,
    exclude: /node_modules/,
    use: { loader: "babel-loader", options: { cacheDirectory: true, babelrc: false, configFile: false, presets: [["@babel/preset-typescript", { allowDeclareFields: true }]] } },
  };
  // Checked before anything is compiled: a wrong origin or policy stops the build at once.
  const addinBase = env.origin === undefined ? DEV_ORIGIN : parseOrigin(env.origin);
  const policy = policySource(env, addinBase);
  const defines = new webpack.DefinePlugin(policyDefines(policy));
  return [
    {
      ...common,
      name: "commands",
      target: ["web", "es5"], // webpack's own runtime code stays within what the JavaScript-only runtime parses
      entry: { commands: "./src/commands/commands.ts" },
      output: { path: path.resolve(__dirname, "dist-addin"), filename: "[name].js", asyncChunks: false },
      module: { rules: [babelRule] },
      optimization: { splitChunks: false, runtimeChunk: false },
      plugins: [
        new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
        defines,
        // Only with --env policyUrl: lets classic Outlook's JavaScript-only runtime fetch the policy.
        ...(policy.wellKnown === null ? [] : [emitFile(WELL_KNOWN_PATH, policy.wellKnown)]),
        new CopyWebpackPlugin({
          patterns: [
            { from: "src/commands/commands.html", to: "commands.html" },
            { from: "assets", to: "assets" },
            // dist-addin/manifest.xml; --env origin=https://host rewrites https://localhost:3000/ to it (https only).
            manifestPattern(env.origin),
          ],
        }),
      ],
    },
    {
      ...common,
      name: "taskpane",
      target: ["web", "es2020"],
      entry: { taskpane: "./src/taskpane/taskpane.ts" },
      output: { path: path.resolve(__dirname, "dist-addin"), filename: "[name].js" },
      // The pane runs in a modern browser engine: TypeScript only, no lowering to ES2016.
      module: { rules: [modernTsRule] },
      optimization: { splitChunks: false },
      plugins: [
        defines,
        new CopyWebpackPlugin({
          patterns: [
            { from: "src/taskpane/taskpane.html", to: "taskpane.html" },
            { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          ],
        }),
      ],
    },
    {
      ...common,
      name: "pdf-reader",
      // Only pages with a DOM load it (HTML runtime, pane): modern engines, like the pane.
      target: ["web", "es2022"],
      entry: { "pdf-reader": "./src/pdf/bundle-entry.ts" },
      // unpdf looks up pdfjs-dist's CMaps and fonts with import.meta.resolve in Node only; the page fetches none.
      resolve: { ...common.resolve, alias: { "pdfjs-dist/package.json": false } },
      // One file: pdf.js is imported statically, and any dynamic import stays in this chunk.
      output: { path: path.resolve(__dirname, "dist-addin"), filename: "[name].js", asyncChunks: false },
      module: { rules: [modernTsRule] },
      // unpdf ships pdf.js minified: minifying it again takes ~40 s of every build and saves under 1 %.
      optimization: { splitChunks: false, runtimeChunk: false, minimize: false },
      plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
    },
  ];
};
