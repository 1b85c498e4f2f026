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
      start((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
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

export function supportsMailbox(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported("Mailbox", version);
  } catch {
    return false;
  }
}
