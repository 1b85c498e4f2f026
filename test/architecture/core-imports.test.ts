/**
 * src/core imports only src/core files and the npm packages on the lint configuration's
 * allow-list: a core file that reaches into src/platform, src/office, Node or any other package
 * fails lint. Probe code is linted as if it were an existing core file (as in lint-rules.test.ts),
 * so no file is written into src/core.
 */
import { lint } from "../helpers/lint-stdin";

const RULE = "sikker-post/core-imports";


/** The messages of the import rules (the allow-list, or a triple-slash reference), and any fatal one. */
const importErrors = (messages: readonly string[]): string[] => messages.filter((m) => m.startsWith(`${RULE}:`) || m.startsWith("@typescript-eslint/triple-slash-reference:") || m.startsWith("fatal:"));

describe("the import boundary of src/core", () => {
  jest.setTimeout(120000);
  let results: string[][] = [];

  beforeAll(async () => {
    results = await Promise.all([
      // 0: the platform's inflater, as a core file might be tempted to use it
      lint("src/core/extract/inflate.ts", 'import { webInflater } from "../../platform/web-inflater";\nexport const probe = webInflater;\n'),
      // 1: the allowed packages and core files, from a core file one folder deeper
      lint(
        "src/core/extract/ooxml/xml-bytes.ts",
        'import { Inflate } from "pako";\nimport { Parser } from "htmlparser2";\nimport PostalMime from "postal-mime";\nimport { scanXml } from "../xml-scan";\nimport type { MailText } from "../../scan/scanner";\nexport const probe: unknown[] = [Inflate, Parser, PostalMime, scanXml];\nexport type Probe = MailText;\n',
      ),
      // 2: every other way out: Node, other packages, other src folders, re-exports, dynamic and type imports
      lint(
        "src/core/scan/scanner.ts",
        [
          'import { readFileSync } from "node:fs";',
          'import { join } from "path";',
          'import { definePDFJSModule } from "unpdf";',
          'import type { PdfTextReader } from "../../pdf/unpdf-reader";',
          'export * from "../../office/policy-source";',
          'export { nodeInflater } from "../../platform/node-inflater";',
          'export type Runtime = import("../../commands/check-draft").CheckDeps;',
          'export const later = (): Promise<unknown> => import("../../taskpane/pane-controller");',
          "export const probe: unknown[] = [readFileSync, join, definePDFJSModule];",
          "export type Probe = PdfTextReader;",
          "",
        ].join("\n"),
      ),
      // 3: leaving src/core from a deeper folder, and DOM types pulled in by reference
      lint("src/core/extract/ooxml/xml-bytes.ts", '/// <reference lib="dom" />\nimport { webInflater } from "../../../platform/web-inflater";\nexport const probe = webInflater;\n'),
    ]);
  });

  it("fails a core file that imports src/platform", () => {
    expect(importErrors(results[0] ?? [])).toEqual([expect.stringMatching(/^sikker-post\/core-imports: .*\.\.\/\.\.\/platform\/web-inflater/)]);
  });

  it("passes a core file that imports the allowed packages and other core files", () => {
    expect(importErrors(results[1] ?? [])).toEqual([]);
  });

  it("fails Node built-ins, other packages and other src folders, however imported", () => {
    expect(importErrors(results[2] ?? []).filter((m) => m.startsWith(`${RULE}:`))).toHaveLength(8);
  });

  it("resolves relative imports from the importing file's own folder, and refuses DOM type references", () => {
    expect(importErrors(results[3] ?? []).map((m) => m.split(":")[0])).toEqual(["@typescript-eslint/triple-slash-reference", RULE]);
  });
});
