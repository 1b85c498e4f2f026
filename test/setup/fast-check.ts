/**
 * Property tests are seeded: every run of `npm test` draws the same cases, so a failure is
 * reproducible and CI is not flaky. fast-check prints the seed and the shrunk counterexample
 * of a failure; `FC_SEED=<n>` runs another seed (`FC_SEED=random` a fresh one, printed here).
 */
import fc from "fast-check";

const given = process.env.FC_SEED;
const seed = given === undefined ? 20_261_207 : given === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(given);
if (given === "random") console.log(`fast-check seed: ${seed}`);
fc.configureGlobal({ seed });
