// Builds the add-in into dist-addin/:
//  - commands.js: the event handler bundle, one self-contained ES2016 file with no DOM use
//    (classic Outlook runs it alone in its JavaScript-only runtime), and commands.html;
//  - taskpane.js/.html/.css: the task pane, for the browsers Office uses for panes;
//  - pdf-reader.js: pdf.js (unpdf's serverless build) for the HTML runtime and the pane, loaded
//    by src/office/pdf-reader-loader.ts on the first PDF; never part of commands.js.
const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const babelRule = {
  test: /\.[cm]?[jt]s$/,
  // core-js must not be compiled by itself
  exclude: /node_modules[\\/](core-js|@babel[\\/]runtime)[\\/]/,
  use: { loader: "babel-loader", options: { cacheDirectory: true } },
};

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
  const defines = new webpack.DefinePlugin({
    __SIKKER_POST_POLICY_URL__: JSON.stringify(env.policyUrl ?? process.env.SIKKER_POST_POLICY_URL ?? ""),
  });
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
        new CopyWebpackPlugin({
          patterns: [
            { from: "src/commands/commands.html", to: "commands.html" },
            { from: "assets", to: "assets" },
            // dist-addin/manifest.xml; --env origin=https://host rewrites https://localhost:3000/ to it (https only).
            require("./scripts/manifest-origin.cjs").manifestPattern(env.origin),
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
      entry: { "pdf-reader": "./src/pdf-reader/pdf-reader.ts" },
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
