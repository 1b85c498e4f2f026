/** The CLI's scan worker as tests run it (see ts-scan-worker.cjs). */
import { join } from "node:path";

export const TS_SCAN_WORKER = join(__dirname, "ts-scan-worker.cjs");
