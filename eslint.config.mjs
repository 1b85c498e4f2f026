// Type-aware lint: typescript-eslint strict-type-checked plus the Office add-in rules.
import { dirname, isAbsolute, relative, resolve } from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

// Everything src/core may import besides its own files. The core runs alone in classic Outlook's
// JavaScript-only runtime and in Node: a package joins this list only when it runs in both.
// pkijs and asn1js are the exception: S/MIME (src/core/smime) needs WebCrypto, which that runtime
// lacks, so nothing the handler bundle imports may import src/core/smime (a bundle test checks).
// tldts and email-providers/all.json (src/core/policy/public-domain-lists.ts) run anywhere but weigh
// ~280 KB: the handler bundle keeps out of that module too (the same bundle test checks).
const CORE_PACKAGES = ["asn1js", "email-providers", "htmlparser2", "pako", "pkijs", "postal-mime", "tldts"];
const CORE_DIR = resolve(import.meta.dirname, "src", "core");

/** "pako/lib/x" → "pako", "@scope/name/x" → "@scope/name". */
const packageOf = (source) => source.split("/").slice(0, source.startsWith("@") ? 2 : 1).join("/");

/**
 * An allow-list, not a deny-list: a relative import must resolve inside src/core (from the
 * importing file's own folder, at any depth), anything else must be a listed package. Covers
 * imports, re-exports, import() and import("…") types, which no-restricted-imports does not all see.
 */
const coreImports = {
  meta: {
    type: "problem",
    schema: [{ type: "object", properties: { packages: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
    messages: { outside: "src/core may import only src/core files and {{packages}}, not \"{{source}}\"." },
  },
  create(context) {
    const packages = context.options[0]?.packages ?? [];
    const dir = dirname(context.filename);
    const allowed = (source) => {
      if (!source.startsWith(".")) return packages.includes(packageOf(source));
      const rel = relative(CORE_DIR, resolve(dir, source));
      return !rel.startsWith("..") && !isAbsolute(rel);
    };
    const check = (node) => {
      const source = node?.type === "Literal" && typeof node.value === "string" ? node.value : null;
      if (source === null || !allowed(source)) context.report({ node: node ?? context.sourceCode.ast, messageId: "outside", data: { source: source ?? "(not a literal)", packages: packages.join(", ") } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => node.source && check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal),
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

export default tseslint.config(
  { ignores: ["dist/", "dist-addin/", "dist-playground/", "node_modules/", "coverage/", "test-results/", "bin/", "*.config.js", "src/commands/js-runtime.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "office-addins": officeAddins },
    rules: {
      // The plugin's own rules (its preset also turns on prettier formatting, which we do not adopt).
      ...Object.fromEntries(
        officeAddins.configs.recommended
          .flatMap((c) => Object.entries(c.rules ?? {}))
          .filter(([name]) => name.startsWith("office-addins/")),
      ),
      "no-eval": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    // Mail text must never be parsed as HTML in our pages (FlowCrypt-style check): no writing
    // innerHTML/outerHTML, no insertAdjacentHTML, no document.write. Reading innerHTML is allowed.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: "Do not write innerHTML/outerHTML: build DOM nodes and use textContent." },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: "Do not use insertAdjacentHTML: build DOM nodes and use textContent." },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]", message: "Do not use document.write." },
        { selector: "CallExpression[callee.property.name='createContextualFragment']", message: "Do not parse HTML strings into the page." },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    plugins: { "sikker-post": { rules: { "core-imports": coreImports } } },
    rules: {
      "no-restricted-globals": ["error", "document", "window", "DOMParser", "localStorage", "Office", "navigator", "console"],
      "sikker-post/core-imports": ["error", { packages: CORE_PACKAGES }],
      // DOM or Node types would come in by reference: tsconfig.core.json leaves them out.
      "@typescript-eslint/triple-slash-reference": ["error", { lib: "never", path: "never", types: "never" }],
    },
  },
  {
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain Node scripts (fixture generators): no type information, CommonJS globals.
    files: ["**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", Buffer: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, "@typescript-eslint/no-require-imports": "off" },
  },
);
