/** Runs the project's ESLint on code given as if it were `file`, and returns "rule: message" lines. */
import { execFile } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

export function lint(file: string, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(root, "node_modules", "eslint", "bin", "eslint.js"), "--stdin", "--stdin-filename", file, "--format", "json"],
      { cwd: root, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout) => {
        try {
          const [result] = JSON.parse(stdout) as { messages: { ruleId: string | null; message: string }[] }[];
          resolve((result?.messages ?? []).map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`));
        } catch {
          reject(error ?? new Error(`eslint printed no JSON: ${stdout}`));
        }
      },
    );
    child.stdin?.end(code);
  });
}
