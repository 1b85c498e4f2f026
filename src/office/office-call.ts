/** Office's callback APIs as promises, with a typed error that says which call failed. */

export class OfficeApiError extends Error {
  override readonly name = "OfficeApiError";
  constructor(
    readonly api: string,
    readonly code: number | undefined,
    message: string,
  ) {
    super(`${api} failed${code !== undefined ? ` (${code})` : ""}: ${message}`);
  }
}

/** Runs one callback-style Office call; a failed AsyncResult or a throw becomes an OfficeApiError. */
export function officeCall<T>(api: string, start: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      // Read before the call: the callback comes later and must not throw (a throw there would
      // leave this promise unsettled), whatever has happened to the global meanwhile.
      const succeeded = Office.AsyncResultStatus.Succeeded;
      start((result) => {
        if (result.status === succeeded) resolve(result.value);
        else reject(new OfficeApiError(api, result.error.code, result.error.message));
      });
    } catch (e) {
      reject(new OfficeApiError(api, undefined, e instanceof Error ? e.message : String(e)));
    }
  });
}

/** The same for calls that answer with no value. */
export function officeVoidCall(api: string, start: (callback: (result: Office.AsyncResult<unknown>) => void) => void): Promise<undefined> {
  return officeCall<unknown>(api, start).then(() => undefined);
}

/**
 * Whether the client supports this Mailbox requirement set. Classic Outlook intermittently
 * reports `Office.context.requirements` as undefined (OfficeDev/office-js#5091); then the
 * sets whose API can be seen on the item are detected by that API, and the others count as
 * missing, which only costs the dialog's one-click button (the message then names the ribbon
 * button instead).
 */
export function supportsMailbox(version: string): boolean {
  try {
    const requirements = (Office.context as { requirements?: Office.RequirementSetSupport }).requirements;
    if (requirements !== undefined) return requirements.isSetSupported("Mailbox", version);
    const item: unknown = Office.context.mailbox.item;
    if (typeof item !== "object" || item === null) return false;
    if (version === "1.11") return (item as { sessionData?: unknown }).sessionData !== undefined;
    if (version === "1.8") return typeof (item as { getAttachmentsAsync?: unknown }).getAttachmentsAsync === "function";
    return false;
  } catch {
    return false;
  }
}
