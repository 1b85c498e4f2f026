/** The bench's stand-in for classic Outlook's JavaScript-only runtime: what the bundle sees there. */
import vm from "node:vm";
import { bareRuntime, loadInBareRuntime } from "../../bench/bare-runtime";

describe("bareRuntime", () => {
  it("gives the bundle only the globals passed in, and none of Node's or a browser's extras", () => {
    const { context } = loadInBareRuntime("var seen = typeof Office + ',' + typeof setTimeout;", { Office: {}, setTimeout });
    expect(vm.runInContext("seen", context)).toBe("object,function");
    for (const name of ["TextDecoder", "DecompressionStream", "atob", "document", "window", "process", "require", "Buffer"]) {
      expect(vm.runInContext(`typeof ${name}`, context)).toBe("undefined");
    }
    expect(vm.runInContext("typeof Uint8Array.fromBase64", context)).toBe("undefined");
  });

  it("uses an ordinary global object where this Node can make one", () => {
    const hasPlain = "DONT_CONTEXTIFY" in vm.constants;
    const { context, ordinaryGlobal } = bareRuntime({ marker: 1 });
    expect(ordinaryGlobal).toBe(hasPlain);
    // A script's own global declarations land on the global object either way.
    vm.runInContext("var declared = 2;", context);
    expect(vm.runInContext("globalThis.declared + marker", context)).toBe(3);
    // Each runtime is fresh: nothing leaks from one to the next.
    expect(vm.runInContext("typeof declared", bareRuntime({}).context)).toBe("undefined");
  });
});
