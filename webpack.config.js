// Builds the add-in into dist-addin/: commands.js (the event handler bundle, one self-contained
// ES2016 file with no DOM use) and commands.html (the page that loads it in the HTML runtime).
const path = require("node:path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  return {
    mode: production ? "production" : "development",
    target: ["web", "es5"], // webpack's own runtime code stays within what the JavaScript-only runtime parses
    devtool: "source-map",
    entry: { commands: "./src/commands/commands.ts" },
    output: {
      path: path.resolve(__dirname, "dist-addin"),
      filename: "[name].js",
      clean: true,
      asyncChunks: false,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.[cm]?[jt]s$/,
          // core-js must not be compiled by itself
          exclude: /node_modules[\\/](core-js|@babel[\\/]runtime)[\\/]/,
          use: { loader: "babel-loader", options: { cacheDirectory: true } },
        },
      ],
    },
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new webpack.DefinePlugin({ __SIKKER_POST_POLICY_URL__: JSON.stringify(env.policyUrl ?? process.env.SIKKER_POST_POLICY_URL ?? "") }),
      new CopyWebpackPlugin({ patterns: [{ from: "src/commands/commands.html", to: "commands.html" }, { from: "assets", to: "assets", noErrorOnMissing: true }] }),
    ],
  };
};
