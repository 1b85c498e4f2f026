/**
 * A worker thread of `sikker-post scan`: builds one FileScanner for the policy it is given and
 * scans the files the pool sends it, one at a time, answering with each file's outcome.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Policy } from "../core/policy/policy";
import type { FileOutcome } from "./file-report";
import { FileScanner } from "./file-scanner";

export interface WorkerSetup {
  readonly policy: Policy;
  readonly json: boolean;
}

export interface ScanTask {
  readonly index: number;
  readonly file: string;
}

export interface ScanAnswer {
  readonly index: number;
  readonly outcome: FileOutcome;
}

/** Sent once the worker has loaded and built its scanner: the pool's time limit per file starts then. */
export interface ScanReady {
  readonly ready: true;
}

/** Serves scan tasks on this worker's port; `scanOne` replaces the scan (tests make a file slow or crash). */
export function serveScans(scanOne?: (file: string, scanner: FileScanner, json: boolean) => Promise<FileOutcome>): void {
  const port = parentPort;
  if (isMainThread || port === null) throw new Error("serveScans runs in a worker thread");
  const setup = workerData as WorkerSetup;
  const scanner = new FileScanner(setup.policy);
  const scan = scanOne ?? ((file, s, json) => s.scan(file, json));
  // The pool sends the next file before this one is done: files are scanned one at a time, in the order sent.
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (task: ScanTask) => {
    queue = queue.then(async () => {
      const outcome = await scan(task.file, scanner, setup.json);
      port.postMessage({ index: task.index, outcome } satisfies ScanAnswer);
    });
  });
  port.postMessage({ ready: true } satisfies ScanReady);
}

if (!isMainThread && require.main === module) serveScans();
