// Type-aware lint: typescript-eslint strict-type-checked plus the Office add-in rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

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
    rules: {
      "no-restricted-globals": ["error", "document", "window", "DOMParser", "localStorage", "Office", "navigator", "console"],
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "os", "child_process", "**/office/**", "**/cli/**", "**/taskpane/**", "**/commands/**"] }],
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
