/** The scan pool's queue: biggest first, PDFs and workbooks kept with the worker that reads them while others have other work. */
import fc from "fast-check";
import { fileKindOf, TaskQueue, type QueuedTask } from "../../src/cli/task-queue";

const task = (index: number, size: number, path: string): QueuedTask => ({ index, size, kind: fileKindOf(path) });

describe("the scan pool's task queue", () => {
  it("names the kinds by extension, in any case", () => {
    expect(["a.PDF", "b.xlsx", "c.ods", "d.XLSM", "e.docx", "f.eml", "g.txt", "h.csv"].map(fileKindOf)).toEqual(["pdf", "workbook", "workbook", "workbook", "other", "other", "other", "other"]);
  });

  it("hands out files biggest first, the earlier file first among equals, when no kind is started", () => {
    const q = new TaskQueue([task(0, 10, "a.txt"), task(1, 30, "b.eml"), task(2, 30, "c.docx"), task(3, 20, "d.txt")]);
    expect([q.take(0), q.take(1), q.take(0), q.take(1), q.take(0)].map((t) => t?.index)).toEqual([1, 2, 3, 0, undefined]);
    expect(q.length).toBe(0);
  });

  it("leaves PDFs to the worker that started them while the other worker has other files", () => {
    const q = new TaskQueue([task(0, 100, "a.pdf"), task(1, 90, "b.pdf"), task(2, 80, "c.pdf"), task(3, 10, "d.txt"), task(4, 5, "e.txt")]);
    expect(q.take(0)?.index).toBe(0); // worker 0 starts pdf.js
    expect(q.take(1)?.index).toBe(3); // worker 1 takes the smaller text file, not a second PDF
    expect(q.take(1)?.index).toBe(4);
    // Only PDFs are left: worker 1 helps, biggest first, so the scan's end stays balanced.
    expect(q.take(1)?.index).toBe(1);
    expect(q.take(0)?.index).toBe(2);
  });

  it("keeps each costly kind with its own worker: PDFs with one, workbooks with the other", () => {
    const q = new TaskQueue([task(0, 100, "a.pdf"), task(1, 95, "b.xlsx"), task(2, 90, "c.pdf"), task(3, 85, "d.xlsx"), task(4, 1, "e.txt")]);
    expect([q.take(0), q.take(1), q.take(0), q.take(1)].map((t) => t?.index)).toEqual([0, 1, 2, 3]);
    expect(q.take(0)?.index).toBe(4);
  });

  it("gives a stopped worker's files back in their order, and its kinds to the next worker", () => {
    const q = new TaskQueue([task(0, 100, "a.pdf"), task(1, 90, "b.pdf"), task(2, 50, "c.txt")]);
    const first = q.take(0);
    const second = q.take(0);
    expect([first?.index, second?.index]).toEqual([0, 1]);
    // Worker 0 stopped before it read them; worker 1 replaces it and may take PDFs at once.
    q.forget(0);
    q.putBack([first, second].filter((t) => t !== undefined));
    expect(q.length).toBe(3);
    expect([q.take(1), q.take(1), q.take(1)].map((t) => t?.index)).toEqual([0, 1, 2]);
  });

  it("hands out every file exactly once, whatever the workers ask and give back", () => {
    const kinds = ["a.pdf", "b.xlsx", "c.eml", "d.txt", "e.docx"];
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.nat(1000), kind: fc.constantFrom(...kinds) }), { maxLength: 40 }),
        fc.array(fc.record({ worker: fc.nat(3), giveBack: fc.boolean() }), { maxLength: 120 }),
        (files, steps) => {
          const q = new TaskQueue(files.map((f, i) => task(i, f.size, f.kind)));
          const done: number[] = [];
          for (const s of steps) {
            const t = q.take(s.worker);
            if (t === undefined) break;
            if (s.giveBack) {
              q.forget(s.worker);
              q.putBack([t]);
            } else done.push(t.index);
          }
          for (let t = q.take(0); t !== undefined; t = q.take(0)) done.push(t.index);
          return done.length === files.length && new Set(done).size === files.length && q.length === 0;
        },
      ),
    );
  });
});
