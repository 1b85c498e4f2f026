/** The files `sikker-post scan` reads (read-input-file.ts); apart, so that a folder walk need not load the readers. */

/** Documents a caseworker attaches, scanned on their own as if attached to a mail. */
export const DOCUMENT_EXTENSIONS = [".docx", ".xlsx", ".pptx", ".odt", ".ods", ".rtf", ".pdf", ".zip", ".csv", ".htm", ".html", ".ics", ".vcf"] as const;
export const SUPPORTED_EXTENSIONS = [".eml", ".msg", ".txt", ...DOCUMENT_EXTENSIONS] as const;
