// Moved to src/pdf/script-loader.ts; kept while src/commands and src/taskpane still import it here.
export * from "../pdf/script-loader";
