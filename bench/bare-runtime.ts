/**
 * The stand-in for classic Outlook's JavaScript-only runtime: a fresh V8 context with no DOM
 * and only the globals given, into which the built handler bundle is loaded. `sendsInFreshRuntime`
 * runs the sends in a worker thread of its own, so it also has its own heap: in the bench's
 * process the handler would share a heap holding hundreds of MB of generated documents, which
 * made its garbage collection ~0.3 s slower than a newly started runtime's.
 *
 * Where Node has `vm.constants.DONT_CONTEXTIFY` (20.18 and later) the context's global is an
 * ordinary object, as in a real engine. Otherwise Node routes every global lookup (`Math`,
 * `String`, `Object` …) through an interceptor that no real runtime has: a loop calling a global
 * function then runs ~25 times slower, and the whole realistic send check ~10-15 % slower.
 */
import { join } from "node:path";
import vm from "node:vm";
import { Worker } from "node:worker_threads";
import type { FakeDraft } from "../src/fake-office/fake-office";

export interface BareRuntime {
  readonly context: vm.Context;
  /** False where Node can only give the intercepted global (slower than a real runtime). */
  readonly ordinaryGlobal: boolean;
}

export function bareRuntime(globals: Readonly<Record<string, unknown>>): BareRuntime {
  // Typed loosely: older Node versions (and their type declarations) do not have it.
  const plain: unknown = (vm.constants as unknown as Record<string, unknown>).DONT_CONTEXTIFY;
  if (plain === undefined) return { context: vm.createContext({ ...globals }), ordinaryGlobal: false };
  const context = vm.createContext(plain as unknown as vm.Context) as Record<string, unknown>;
  Object.assign(context, globals);
  return { context, ordinaryGlobal: true };
}

/** Loads the bundle's source into a fresh bare runtime with the given globals. */
export function loadInBareRuntime(code: string, globals: Readonly<Record<string, unknown>>): BareRuntime {
  const runtime = bareRuntime(globals);
  vm.runInContext(code, runtime.context);
  return runtime;
}

/** How the bench names the stand-in it used. */
export function describeBareRuntime(): string {
  const context = bareRuntime({}).ordinaryGlobal ? "a context with an ordinary global object (vm, DONT_CONTEXTIFY)" : "a vm context (Node's intercepted global: slower than a real runtime)";
  return `a worker thread of its own per runtime (own V8 isolate and heap), ${context}, no DOM`;
}

/**
 * Times `sends` calls of `handler` on `draft` in one new worker thread (own isolate and heap),
 * each in a new bare context with the bundle `code` loaded: the first is a newly started
 * runtime's send, the later ones those of a runtime that kept its compiled code. `before`: a
 * handler run (and timed) first in each context, as the check on attaching runs before a send.
 */
export function sendsInFreshRuntime(
  code: string,
  draft: Partial<FakeDraft>,
  sends = 1,
  handler = "onMessageSendHandler",
  waitMs = 120_000,
  before?: string,
): Promise<{ times: number[]; loads: number[]; befores: number[]; outcome: "allow" | "block"; sessionData: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, "bare-runtime-worker.js"), { workerData: { code, draft, handler, waitMs, sends, ...(before !== undefined ? { before } : {}) } });
    worker.once("message", (m: { times?: number[]; loads?: number[]; befores?: number[]; allowEvent?: unknown; sessionData?: Record<string, string>; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined || m.times === undefined || m.loads === undefined) reject(new Error(m.error ?? "no timing"));
      else resolve({ times: m.times, loads: m.loads, befores: m.befores ?? [], outcome: m.allowEvent === true ? "allow" : "block", sessionData: m.sessionData ?? {} });
    });
    worker.once("error", reject);
  });
}

export interface SendTimes {
  /** Newly started runtimes: the bundle's load plus the send, the first thing they do. */
  readonly cold: number[];
  readonly coldLoads: number[];
  /** Later sends of one runtime that kept its compiled code (each in a new context: nothing read is kept). */
  readonly kept: number[];
  /** Sends in a runtime that the check on attaching started (load and that check are not in the figure). */
  readonly afterAttach: number[];
  /** Those checks on attaching: what the runtime did while the caseworker wrote on. */
  readonly attachChecks: number[];
  /**
   * Newly started runtimes (load and send) on the draft as the check on attaching left it in an
   * earlier runtime: its results carried in the session data (the send more than ~300 s later).
   */
  readonly carried: number[];
  readonly outcome: "allow" | "block";
}

/**
 * The cases the bench reports for one draft: `runs` newly started runtimes (loading the bundle,
 * then one send: what the user waits for when nothing ran before), `runs` later sends of one
 * kept runtime (after its first, which compiles the code; the bundle is loaded already there),
 * `runs` runtimes started by the check on attaching, then sending, and `runs` newly started
 * runtimes sending on the draft that check left (its session data).
 */
export async function coldAndKeptSends(code: string, draft: Partial<FakeDraft>, runs: number, waitMs = 120_000): Promise<SendTimes> {
  const cold: number[] = [];
  const coldLoads: number[] = [];
  const afterAttach: number[] = [];
  const attachChecks: number[] = [];
  const carried: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await sendsInFreshRuntime(code, draft, 1, "onMessageSendHandler", waitMs);
    coldLoads.push(run.loads[0] ?? 0);
    cold.push((run.loads[0] ?? 0) + (run.times[0] ?? 0));
    const attached = await sendsInFreshRuntime(code, draft, 1, "onMessageSendHandler", waitMs, "onMessageAttachmentsChangedHandler");
    afterAttach.push(attached.times[0] ?? 0);
    attachChecks.push(attached.befores[0] ?? 0);
    const later = await sendsInFreshRuntime(code, { ...draft, sessionData: attached.sessionData }, 1, "onMessageSendHandler", waitMs);
    if (later.outcome !== attached.outcome) throw new Error(`a send on the carried results decided ${later.outcome}, the send after the check on attaching ${attached.outcome}`);
    carried.push((later.loads[0] ?? 0) + (later.times[0] ?? 0));
  }
  const kept = await sendsInFreshRuntime(code, draft, runs + 1, "onMessageSendHandler", waitMs);
  return { cold, coldLoads, kept: kept.times.slice(1), afterAttach, attachChecks, carried, outcome: kept.outcome };
}
