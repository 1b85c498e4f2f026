/**
 * Send checks in a fresh runtime: this worker thread is its own V8 isolate and heap (as a newly
 * started JavaScript-only runtime). Each send loads the built handler into a new bare context
 * (timed: a newly started runtime loads it before the event) and times one handler call against
 * the fake mailbox (after another handler in the same runtime, where `before` names one: the
 * check on attaching); the first send compiles everything, later
 * ones reuse the isolate's compiled code (as a runtime kept between sends would). Started by
 * bench/bare-runtime.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { FakeOffice, type FakeDraft } from "../src/fake-office/fake-office";
import { loadInBareRuntime } from "./bare-runtime";

interface Job {
  readonly code: string;
  readonly draft: Partial<FakeDraft>;
  readonly handler: string;
  /** A handler run first in the same runtime (the check on attaching), timed on its own. */
  readonly before?: string;
  readonly waitMs: number;
  readonly sends: number;
}

async function run(job: Job): Promise<{ times: number[]; loads: number[]; befores: number[]; allowEvent: unknown; sessionData: Record<string, string> }> {
  const times: number[] = [];
  const loads: number[] = [];
  const befores: number[] = [];
  let allowEvent: unknown;
  let sessionData: Record<string, string> = {};
  const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
  for (let i = 0; i < job.sends; i++) {
    const fake = new FakeOffice({ draft: job.draft });
    const l0 = process.hrtime.bigint();
    loadInBareRuntime(job.code, { Office: fake.office, setTimeout, clearTimeout, console });
    loads.push(ms(l0));
    if (job.before !== undefined) {
      const b0 = process.hrtime.bigint();
      await fake.fire(job.before, {}, job.waitMs);
      befores.push(ms(b0));
    }
    const t0 = process.hrtime.bigint();
    const done = await fake.fire(job.handler, {}, job.waitMs);
    times.push(ms(t0));
    allowEvent = done?.options?.allowEvent;
    sessionData = fake.draft.sessionData;
  }
  // The draft's session data as the last runtime left it: a later runtime on the same draft finds it.
  return { times, loads, befores, allowEvent, sessionData };
}

run(workerData as Job).then(
  (result) => parentPort?.postMessage(result),
  (e: unknown) => parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) }),
);
