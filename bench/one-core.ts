/**
 * The time targets are "on one core". Node is not one thread: V8 collects garbage and
 * compiles on helper threads, the bare runtime runs in a worker, Chromium in processes of its
 * own. On a machine with more cores they all run in parallel and the figures look better than
 * one core gives. So the bench runs itself again pinned to one CPU with `taskset` (Linux,
 * util-linux), which every thread and child process inherits.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

/** Set in the pinned run: the CPU it is pinned to. */
export const PINNED_CPU_ENV = "SIKKER_POST_BENCH_CPU";

export type OneCore =
  /** This process is the pinned run. */
  | { readonly kind: "pinned"; readonly cpu: string }
  /** A pinned copy of this process ran to its end; its exit status. */
  | { readonly kind: "ran-pinned"; readonly status: number }
  /** Pinning is not possible here; the figures use every core. */
  | { readonly kind: "unpinned"; readonly why: string };

/** The CPUs this process may run on, as the kernel lists them ("0-1", "3"), or undefined off Linux. */
export function allowedCpus(): string | undefined {
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Runs `script` with `args` again under `taskset -c <cpu>` (the last CPU this process may use)
 * and waits for it; in that run (PINNED_CPU_ENV set) reports "pinned".
 */
export function runOnOneCore(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): OneCore {
  const pinned = env[PINNED_CPU_ENV];
  if (pinned !== undefined) return { kind: "pinned", cpu: pinned };
  const allowed = allowedCpus();
  if (allowed === undefined) return { kind: "unpinned", why: "no /proc/self/status (not Linux)" };
  const cpu = lastCpu(allowed);
  if (cpu === undefined) return { kind: "unpinned", why: `cannot read the CPU list "${allowed}"` };
  const run = spawnSync("taskset", ["-c", cpu, process.execPath, ...process.execArgv, script, ...args], {
    stdio: "inherit",
    env: { ...env, [PINNED_CPU_ENV]: cpu },
  });
  if (run.error !== undefined) return { kind: "unpinned", why: `taskset could not run (${run.error.message})` };
  return { kind: "ran-pinned", status: run.status ?? 1 };
}

/** The highest CPU number in a kernel CPU list such as "0-3,8". */
export function lastCpu(list: string): string | undefined {
  let last: number | undefined;
  for (const part of list.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) return undefined;
    const hi = Number(m[2] ?? m[1]);
    last = last === undefined ? hi : Math.max(last, hi);
  }
  return last === undefined ? undefined : String(last);
}

/** How the bench names the cores it ran on. */
export function describeCores(oneCore: OneCore): string {
  if (oneCore.kind === "pinned") return `pinned to one core (CPU ${oneCore.cpu} of ${os.cpus().length}, taskset): V8's helper threads, the worker and Chromium share it`;
  if (oneCore.kind === "unpinned") return `NOT pinned to one core (${oneCore.why}): V8's helper threads and Chromium use every core, so the times are lower than one core gives`;
  return "";
}
