/**
 * The progress line of a long scan, on stderr when it is a terminal: files and MB done of the
 * total, the rate and the time left. Redrawn at most four times a second (a terminal that is
 * written to for every small file slows the scan down), and cleared at the end, so that nothing
 * of it stays among the results.
 */

/** Where the line goes: a terminal (process.stderr when isTTY), or a fake one in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly columns?: number;
  /** Results go to the same terminal (stdout is one too): the line is cleared before they are printed. */
  readonly sharedWithOutput?: boolean;
}

const REDRAW_MS = 250;
const CLEAR = "\r\x1b[K";

/** 12,3 (Danish decimal comma; no Intl needed for one digit). */
function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1).replace(".", ",");
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}` : `${m}:${String(s % 60).padStart(2, "0")}`;
}

export class ScanProgress {
  private files = 0;
  private bytes = 0;
  private drawnAt = -Infinity;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly totalFiles: number,
    private readonly totalBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Draws the line at the start, before the first file is done. */
  show(): void {
    this.draw(this.now());
  }

  /** One more file is done; redraws if the last drawing is old enough. */
  fileDone(bytes: number): void {
    this.files++;
    this.bytes += bytes;
    const t = this.now();
    if (this.drawn && t - this.drawnAt < REDRAW_MS) return;
    this.draw(t);
  }

  private draw(t: number): void {
    this.drawnAt = t;
    this.drawn = true;
    // A terminal of unknown width (0: a pseudo-terminal without a size) is taken as 80 columns.
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    this.stream.write(`${CLEAR}${this.line(t)}`.slice(0, width + CLEAR.length));
  }

  /** The line as it stands at time `t`. */
  line(t: number): string {
    const seconds = (t - this.started) / 1000;
    const rate = seconds > 0 ? this.bytes / seconds : 0;
    const left = rate > 0 ? duration((this.totalBytes - this.bytes) / rate) : "?";
    return `${this.files}/${this.totalFiles} filer · ${mb(this.bytes)}/${mb(this.totalBytes)} MB · ${mb(rate)} MB/s · ca. ${left} tilbage`;
  }

  /**
   * Clears the line: before results go to stdout (on the same terminal they would be written
   * after it), and at the end. The next file done draws it again.
   */
  clear(): void {
    if (this.drawn) this.stream.write(CLEAR);
    this.drawn = false;
  }
}
