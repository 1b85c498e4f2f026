/**
 * The scan worker for tests: Jest runs the TypeScript sources, but a worker thread is plain
 * Node, so this loads src/cli/scan-worker.ts through TypeScript's transpiler. It also makes some
 * files misbehave by name, as a real export can: "…slow-…" takes a while, "…crash-…" kills the
 * worker with an uncaught error, "…hang-…" never finishes.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { setTimeout } = require("node:timers");

// Transpiled modules are kept on disk: every worker of every test would otherwise load
// TypeScript and transpile the whole core again (seconds per worker on a busy machine).
const cacheDir = path.join(os.tmpdir(), "sikker-post-ts-worker-cache");
fs.mkdirSync(cacheDir, { recursive: true });
let ts;

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto.createHash("sha256").update(filename).update("\0").update(source).digest("hex");
  const cached = path.join(cacheDir, `${key}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, "utf8");
  } catch {
    ts ??= require("typescript");
    outputText = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, resolveJsonModule: true },
    }).outputText;
    const temp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(temp, outputText);
    fs.renameSync(temp, cached);
  }
  module._compile(outputText, filename);
};

const { serveScans } = require(path.join(__dirname, "../../src/cli/scan-worker.ts"));

serveScans(async (file, scanner, json) => {
  const name = path.basename(file);
  if (name.includes("crash-")) {
    setTimeout(() => {
      throw new Error("simulated crash");
    }, 0);
    return new Promise(() => undefined);
  }
  if (name.includes("hang-")) return new Promise(() => undefined);
  if (name.includes("slow-")) await new Promise((resolve) => setTimeout(resolve, 300));
  return scanner.scan(file, json);
});
