// Builds the playground's own page into dist-playground/: the simulated compose window
// (playground.js, with the same FakeOffice the tests use) and office-shim.js, which the
// server puts where the add-in's pages load Office.js. The add-in itself comes from
// dist-addin/ unchanged (webpack.config.js).
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");

module.exports = (_env = {}, argv = {}) => ({
  mode: argv.mode === "development" ? "development" : "production",
  name: "playground",
  target: ["web", "es2020"],
  devtool: "source-map",
  entry: {
    playground: "./src/playground/page/playground.ts",
    "office-shim": "./src/playground/page/office-shim.ts",
  },
  output: { path: path.resolve(__dirname, "dist-playground"), filename: "[name].js", clean: true },
  resolve: { extensions: [".ts", ".js"] },
  performance: { hints: false },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "babel-loader", options: { cacheDirectory: true, babelrc: false, configFile: false, presets: [["@babel/preset-typescript", { allowDeclareFields: true }]] } },
      },
    ],
  },
  plugins: [
    new CopyWebpackPlugin({
      patterns: [
        { from: "src/playground/page/playground.html", to: "playground.html" },
        { from: "src/playground/page/playground.css", to: "playground.css" },
      ],
    }),
  ],
});
