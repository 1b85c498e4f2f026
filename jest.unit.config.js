// `npm run test:unit`: the unit tests, without builds and browsers (about a minute).
// Left out: what needs a built bundle, playground or browser (handler bundle tests, e2e,
// manifests, bench, the playground server), and the architecture tests, which build ESLint's
// type-aware program (they are `npm run lint`'s rules); `npm test` runs everything.
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/test/e2e/",
    "<rootDir>/test/architecture/",
    "<rootDir>/test/bench/",
    "<rootDir>/test/manifest/",
    "<rootDir>/test/commands/handler-",
    "<rootDir>/test/gateway/add-in-to-gateway",
    "<rootDir>/test/playground/server",
  ],
};
