#!/usr/bin/env node
"use strict";
// Runs the compiled CLI (npm run build writes dist/).
const { main, processIo } = require("../dist/src/cli/main.js");
const io = processIo();
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // A progress line may still stand on the terminal.
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    process.stderr.write(`sikker-post: intern fejl: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
