/**
 * Scans files on several worker threads. Files are handed out from one queue, biggest first
 * (a big file started last would leave the other workers idle at the end), and PDFs and
 * workbooks to the worker that already reads them while others have other work (task-queue.ts),
 * two per worker ahead of its answers; each worker reads one at a time, so no more than `jobs`
 * files are read at once. A file whose worker dies or overruns its time gets an error outcome, and a new worker
 * takes the rest: the scan never hangs.
 */
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { failedOutcome, type FileOutcome } from "./file-report";
import type { ScanAnswer, ScanReady, ScanTask, WorkerSetup } from "./scan-worker";
import { fileKindOf, TaskQueue, type FileKind } from "./task-queue";

export interface PoolFile {
  readonly path: string;
  readonly size: number;
}

export interface PoolOptions {
  readonly jobs: number;
  readonly setup: WorkerSetup;
  /** The worker's script; by default scan-worker.js beside this file (tests give a TypeScript loader). */
  readonly workerScript?: string;
  /** A file still not scanned after this long has its worker stopped and is reported as an error. */
  readonly fileTimeoutMs?: number;
}

interface Task {
  readonly index: number;
  readonly size: number;
  readonly kind: FileKind;
  readonly f: PoolFile;
}

/**
 * Files sent to a worker ahead of its answers: the next file is there when one is done, so a
 * worker does not wait for the main thread (on a busy machine that round trip is milliseconds a file).
 */
const IN_FLIGHT = 2;

/** Five minutes: far over the policy's own time limits (maxMillisPerAttachment), so only a stuck worker meets it. */
const DEFAULT_FILE_TIMEOUT_MS = 5 * 60 * 1000;

/** Scans `files`, calling `done(index, outcome)` once per file in the order they finish. */
export function scanInPool(files: readonly PoolFile[], options: PoolOptions, done: (index: number, outcome: FileOutcome) => void): Promise<void> {
  const queue = new TaskQueue<Task>(files.map((f, index) => ({ index, size: f.size, kind: fileKindOf(f.path), f })));
  const script = options.workerScript ?? join(__dirname, "scan-worker.js");
  const timeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const { json } = options.setup;
  let left = files.length;

  return new Promise<void>((resolve) => {
    if (left === 0) {
      resolve();
      return;
    }
    const finish = (index: number, outcome: FileOutcome): void => {
      done(index, outcome);
      if (--left === 0) resolve();
    };

    let workers = 0;
    const startWorker = (): void => {
      const id = workers++;
      const worker = new Worker(script, { workerData: options.setup });
      // Files sent to this worker, oldest first: it scans them in that order, so the first is the one in hand.
      const sent: { readonly task: Task; readonly file: string }[] = [];
      let timer: NodeJS.Timeout | undefined;
      // The time limit runs from when the worker has loaded and built its scanner (ScanReady).
      let ready = false;
      let stopping = "";
      const startClock = (): void => {
        clearTimeout(timer);
        timer = undefined;
        if (sent.length === 0 || !ready) return;
        timer = setTimeout(() => {
          stopping = `the scan of this file did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`;
          void worker.terminate();
        }, timeoutMs);
      };

      const fill = (): void => {
        while (sent.length < IN_FLIGHT) {
          const task = queue.take(id);
          if (task === undefined) break;
          sent.push({ task, file: task.f.path });
          worker.postMessage({ index: task.index, file: task.f.path } satisfies ScanTask);
        }
        if (sent.length === 0) void worker.terminate();
      };

      worker.on("message", (message: ScanAnswer | ScanReady) => {
        if ("ready" in message) {
          ready = true;
          startClock();
          return;
        }
        if (sent[0]?.task.index !== message.index) return;
        sent.shift();
        finish(message.index, message.outcome);
        fill();
        startClock();
      });
      worker.on("error", (e) => {
        stopping ||= `the scan of this file stopped: ${e.message}`;
      });
      worker.on("exit", (code) => {
        clearTimeout(timer);
        const lost = sent.shift();
        if (lost === undefined) return;
        // The worker ended with a file in hand (a crash, running out of memory, or the time limit);
        // the files it had not started go back to the queue.
        queue.forget(id);
        queue.putBack(sent.splice(0).map((s) => s.task));
        finish(lost.task.index, failedOutcome(lost.file, stopping || `the scan of this file stopped (worker exit code ${code})`, json));
        if (queue.length > 0) startWorker();
      });
      fill();
    };

    for (let i = 0; i < Math.min(options.jobs, files.length); i++) startWorker();
  });
}
