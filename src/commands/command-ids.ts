/**
 * Names shared by manifest.xml, the handlers, the task pane and the playground. A module of
 * its own, with no imports, so the pane and the playground can use them without pulling in
 * the handlers.
 */

/** Button ids in manifest.xml that a Smart Alerts dialog can point at (commandId). */
export const OPEN_PANE_BUTTON = "sikkerPostOpenPaneButton";
export const ENABLE_SECURE_BUTTON = "sikkerPostEnableSecureButton";
/** The key of the status notification in the compose window's notification bar. */
export const STATUS_KEY = "sikkerPostStatus";
