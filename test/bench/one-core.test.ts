/** The bench pins itself to one core: the time targets are for one core. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { allowedCpus, describeCores, lastCpu, PINNED_CPU_ENV, runOnOneCore } from "../../bench/one-core";

describe("lastCpu", () => {
  it("reads the highest CPU of a kernel CPU list", () => {
    expect(lastCpu("0")).toBe("0");
    expect(lastCpu("0-3")).toBe("3");
    expect(lastCpu("0-3,8,5-6")).toBe("8");
    expect(lastCpu("0-1")).toBe("1");
  });

  it("gives nothing for a list it cannot read", () => {
    expect(lastCpu("")).toBeUndefined();
    expect(lastCpu("0-x")).toBeUndefined();
  });
});

describe("runOnOneCore", () => {
  it("in the pinned run reports the CPU from the environment and runs nothing", () => {
    const r = runOnOneCore("/does/not/exist.js", [], { [PINNED_CPU_ENV]: "1" });
    expect(r).toEqual({ kind: "pinned", cpu: "1" });
    expect(describeCores(r)).toMatch(/^pinned to one core \(CPU 1 of \d+, taskset\)/);
  });

  // util-linux's taskset is on every Debian system; elsewhere the bench says it ran unpinned.
  const linuxWithTaskset = os.platform() === "linux" && allowedCpus() !== undefined && spawnSync("taskset", ["--version"]).error === undefined;
  (linuxWithTaskset ? it : it.skip)("runs the script again pinned to one CPU, which its threads inherit, and passes on its exit status", () => {
    const dir = mkdtempSync(join(os.tmpdir(), "one-core-"));
    const script = join(dir, "probe.js");
    const out = join(dir, "out.json");
    // The probe writes what it sees: its CPU list, the variable, its arguments; then exits 3.
    writeFileSync(
      script,
      `require("fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify({ cpus: /Cpus_allowed_list:\\s*(\\S+)/.exec(require("fs").readFileSync("/proc/self/status", "utf8"))[1], env: process.env.${PINNED_CPU_ENV}, args: process.argv.slice(2) })); process.exit(3);`,
    );
    const r = runOnOneCore(script, ["--x", "y"]);
    expect(r).toEqual({ kind: "ran-pinned", status: 3 });
    const seen = JSON.parse(readFileSync(out, "utf8")) as { cpus: string; env: string; args: string[] };
    expect(seen.cpus).toBe(lastCpu(allowedCpus() ?? ""));
    expect(seen.cpus).toMatch(/^\d+$/); // one CPU, not a range
    expect(seen.env).toBe(seen.cpus);
    expect(seen.args).toEqual(["--x", "y"]);
  });

  it("says plainly when the figures are not from one core", () => {
    expect(describeCores({ kind: "unpinned", why: "no taskset" })).toMatch(/^NOT pinned to one core \(no taskset\)/);
  });
});
