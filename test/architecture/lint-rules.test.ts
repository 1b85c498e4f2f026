/**
 * The project's own safety rules are enforced by its lint configuration: prove the rules fire.
 * ESLint runs as a child process (its config is an ES module, which Jest's module system
 * cannot load), on probe code given under the name of an existing file in the right folder.
 */
import { lint } from "../helpers/lint-stdin";

const rules = (messages: string[]): string[] => messages.map((m) => m.split(":")[0] ?? "");

describe("lint rules that guard the architecture", () => {
  jest.setTimeout(120000);
  let results: string[][] = [];

  beforeAll(async () => {
    results = await Promise.all([
      lint("src/taskpane/pane-view.ts", "export function f(e: HTMLElement, t: string): void {\n  e.innerHTML = t;\n}\n"),
      lint("src/taskpane/dom.ts", 'export function f(e: HTMLElement, t: string): void {\n  e.insertAdjacentHTML("beforeend", t);\n  document.write(t);\n}\n'),
      lint("src/taskpane/pane-model.ts", "export function f(e: HTMLElement): string {\n  return e.innerHTML;\n}\n"),
      lint("src/core/scan/scan-text.ts", 'import { readFileSync } from "node:fs";\nexport const a = (): unknown => [document.title, Office.context, readFileSync, console.log];\n'),
      lint("src/commands/handlers.ts", "async function f(): Promise<void> {\n  await Promise.resolve();\n}\nexport function g(): void {\n  f();\n}\n"),
    ]);
  });

  it("rejects writing innerHTML anywhere in src", () => {
    expect(results[0]?.some((m) => m.startsWith("no-restricted-syntax") && m.includes("innerHTML"))).toBe(true);
  });

  it("rejects insertAdjacentHTML and document.write", () => {
    expect(rules(results[1] ?? []).filter((r) => r === "no-restricted-syntax")).toHaveLength(2);
  });

  it("allows reading innerHTML (the playground reads its editor)", () => {
    expect(rules(results[2] ?? [])).not.toContain("no-restricted-syntax");
    expect(rules(results[2] ?? [])).not.toContain("fatal");
  });

  it("keeps the core free of DOM, Office, Node and console", () => {
    const r = rules(results[3] ?? []);
    expect(r.filter((x) => x === "no-restricted-globals")).toHaveLength(3);
    expect(r).toContain("sikker-post/core-imports");
  });

  it("makes a floating promise an error (a handler that never completes hangs Outlook)", () => {
    expect(rules(results[4] ?? [])).toContain("@typescript-eslint/no-floating-promises");
  });
});
