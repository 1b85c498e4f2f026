/**
 * The stand-in for classic Outlook's JavaScript-only runtime: a fresh V8 context with no DOM
 * and only the globals given, into which the built handler bundle is loaded.
 *
 * Where Node has `vm.constants.DONT_CONTEXTIFY` (20.18 and later) the context's global is an
 * ordinary object, as in a real engine. Otherwise Node routes every global lookup (`Math`,
 * `String`, `Object` …) through an interceptor that no real runtime has: a loop calling a global
 * function then runs ~25 times slower, and the whole realistic send check ~10-15 % slower.
 */
import vm from "node:vm";

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
  return bareRuntime({}).ordinaryGlobal ? "a fresh V8 context with an ordinary global object (vm, DONT_CONTEXTIFY)" : "a fresh vm context (Node's intercepted global: slower than a real runtime)";
}
