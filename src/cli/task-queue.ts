/**
 * The scan pool's queue: files biggest first, with one exception for readers that are costly to
 * start. A worker reads its first PDF only after loading pdf.js (a quarter of a second of CPU on
 * a CI core) and its first workbook only after the spreadsheet code has warmed up; on 2 cores a
 * second worker doing that again costs more than it saves. So a worker leaves such a file to the
 * worker that already reads that kind, as long as it has other work; once only that kind is
 * left, every worker takes it, biggest first, so the end of a scan stays balanced.
 */
import { extname } from "node:path";

/** Kinds whose reader is costly to start in a new worker (see above); every other file is "other". */
export type FileKind = "pdf" | "workbook" | "other";

export function fileKindOf(path: string): FileKind {
  const ext = extname(path).toLowerCase();
  if (ext === ".pdf") return "pdf";
  if (ext === ".xlsx" || ext === ".xlsm" || ext === ".ods") return "workbook";
  return "other";
}

export interface QueuedTask {
  readonly index: number;
  readonly size: number;
  readonly kind: FileKind;
}

/** Biggest first; the earlier file first among equals. */
function before(a: QueuedTask, b: QueuedTask): boolean {
  return a.size > b.size || (a.size === b.size && a.index < b.index);
}

export class TaskQueue<T extends QueuedTask> {
  /** One list per kind, biggest first, read from `heads[kind]` on (taking never shifts an array). */
  private readonly lists = new Map<FileKind, T[]>();
  private readonly heads = new Map<FileKind, number>();
  /** Which workers have started each costly kind. */
  private readonly started = new Map<FileKind, Set<number>>();
  private count = 0;

  constructor(tasks: readonly T[]) {
    for (const t of tasks) {
      const list = this.lists.get(t.kind);
      if (list === undefined) this.lists.set(t.kind, [t]);
      else list.push(t);
    }
    for (const [kind, list] of this.lists) {
      list.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      this.heads.set(kind, 0);
    }
    this.count = tasks.length;
  }

  get length(): number {
    return this.count;
  }

  /** The next file for `worker`, or undefined when none is left. */
  take(worker: number): T | undefined {
    let best: T | undefined;
    let fallback: T | undefined;
    for (const [kind, list] of this.lists) {
      const head = list[this.heads.get(kind) ?? 0];
      if (head === undefined) continue;
      if (fallback === undefined || before(head, fallback)) fallback = head;
      if (this.leftToAnother(kind, worker)) continue;
      if (best === undefined || before(head, best)) best = head;
    }
    const task = best ?? fallback;
    if (task === undefined) return undefined;
    this.heads.set(task.kind, (this.heads.get(task.kind) ?? 0) + 1);
    this.count--;
    if (task.kind !== "other") {
      const workers = this.started.get(task.kind);
      if (workers === undefined) this.started.set(task.kind, new Set([worker]));
      else workers.add(worker);
    }
    return task;
  }

  /** Files a worker took and did not scan (it stopped): they go back to the front of their lists. */
  putBack(tasks: readonly T[]): void {
    for (const t of [...tasks].reverse()) {
      const list = this.lists.get(t.kind);
      const head = this.heads.get(t.kind) ?? 0;
      if (list === undefined) continue;
      if (head > 0) {
        list[head - 1] = t;
        this.heads.set(t.kind, head - 1);
      } else {
        list.unshift(t);
      }
      this.count++;
    }
  }

  /** A worker that stopped: another worker started in its place starts cold. */
  forget(worker: number): void {
    for (const workers of this.started.values()) workers.delete(worker);
  }

  /** A costly kind that another worker reads and this one does not. */
  private leftToAnother(kind: FileKind, worker: number): boolean {
    if (kind === "other") return false;
    const workers = this.started.get(kind);
    return workers !== undefined && workers.size > 0 && !workers.has(worker);
  }
}
