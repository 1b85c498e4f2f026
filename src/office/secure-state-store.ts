/**
 * The secure state lives with the draft, never with a UI element:
 *  - item.sessionData (Mailbox 1.11) shares it live between pane and handler in a compose session;
 *  - customProperties keep it when the draft is saved and reopened;
 *  - where sessionData is missing (Outlook on Mac), localStorage shares it, keyed by a draft id
 *    that itself is kept in customProperties.
 */
import type { SecureState } from "../core/policy/decide-send";
import { INSECURE } from "../core/policy/decide-send";
import { officeCall, officeVoidCall, supportsMailbox } from "./office-call";

const KEY = "sikkerPostState";
const DRAFT_ID = "sikkerPostDraftId";

export interface SecureStateStore {
  load(): Promise<SecureState>;
  save(state: SecureState): Promise<void>;
}

interface StoredState {
  readonly sign: boolean;
  readonly encrypt: boolean;
  readonly mailbox?: string;
  /** When the state was set (ms since epoch); the newest copy wins. */
  readonly at: number;
}

function parse(raw: unknown): StoredState | null {
  try {
    const v: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
    if (typeof v !== "object" || v === null) return null;
    const o = v as Record<string, unknown>;
    if (typeof o.sign !== "boolean" || typeof o.encrypt !== "boolean") return null;
    return { sign: o.sign, encrypt: o.encrypt, ...(typeof o.mailbox === "string" ? { mailbox: o.mailbox } : {}), at: typeof o.at === "number" ? o.at : 0 };
  } catch {
    return null;
  }
}

function mail(): Office.MessageCompose {
  return Office.context.mailbox.item as Office.MessageCompose;
}

interface LocalStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function localStorageOrNull(): LocalStorageLike | null {
  try {
    const ls = (globalThis as { localStorage?: LocalStorageLike }).localStorage;
    return ls ?? null;
  } catch {
    return null;
  }
}

export class DraftStateStore implements SecureStateStore {
  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Mailbox 1.11 (sessionData): Windows, the web and new Outlook, and Mac where it reports 1.11 or later. */
  private hasSessionData(): boolean {
    return supportsMailbox("1.11") && (mail() as { sessionData?: unknown }).sessionData !== undefined;
  }

  /**
   * The draft's custom properties, or null where Outlook fails to give them. They only keep the
   * state across closing and reopening the draft (classic Outlook on Windows saves them only on
   * close: OfficeDev/office-js#6106), so a failure must not block every mail: the state then
   * comes from the session data alone, and at worst reads "not secured".
   */
  private async propsOrNull(): Promise<Office.CustomProperties | null> {
    try {
      return await this.loadProps();
    } catch {
      return null;
    }
  }

  private loadProps(): Promise<Office.CustomProperties> {
    return officeCall<Office.CustomProperties>("loadCustomPropertiesAsync", (cb) => {
      mail().loadCustomPropertiesAsync(cb);
    });
  }

  async load(): Promise<SecureState> {
    const copies: (StoredState | null)[] = [];
    const props = await this.propsOrNull();
    copies.push(parse(props?.get(KEY)));
    if (this.hasSessionData()) {
      copies.push(
        await officeCall<string>("sessionData.getAsync", (cb) => {
          mail().sessionData.getAsync(KEY, cb);
        }).then(parse, () => null), // a missing key is reported as a failure: it just means "not set yet"
      );
    } else {
      const ls = localStorageOrNull();
      const id = props?.get(DRAFT_ID) as unknown;
      if (ls !== null && typeof id === "string") copies.push(parse(ls.getItem(`${KEY}:${id}`)));
    }
    const newest = copies.reduce<StoredState | null>((best, c) => (c !== null && (best === null || c.at >= best.at) ? c : best), null);
    if (newest === null) return INSECURE;
    return { sign: newest.sign, encrypt: newest.encrypt, ...(newest.mailbox !== undefined ? { mailbox: newest.mailbox } : {}) };
  }

  async save(state: SecureState): Promise<void> {
    const stored: StoredState = { sign: state.sign, encrypt: state.encrypt, ...(state.mailbox !== undefined ? { mailbox: state.mailbox } : {}), at: this.now() };
    const json = JSON.stringify(stored);
    const props = await this.propsOrNull();
    props?.set(KEY, json);
    let live = false;
    if (this.hasSessionData()) {
      await officeVoidCall("sessionData.setAsync", (cb) => {
        mail().sessionData.setAsync(KEY, json, cb);
      });
      live = true;
    } else {
      const ls = localStorageOrNull();
      if (ls !== null && props !== null) {
        const existing = props.get(DRAFT_ID) as unknown;
        const id = typeof existing === "string" ? existing : `${this.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
        if (id !== existing) props.set(DRAFT_ID, id);
        ls.setItem(`${KEY}:${id}`, json);
        live = true;
      }
    }
    // The saved copy only matters after the draft is reopened: where a live copy was written,
    // failing to save it costs that, not this send. Where nothing else holds the state, it must fail.
    const saving = props === null ? Promise.reject(new Error("custom properties unavailable")) : officeVoidCall("customProperties.saveAsync", (cb) => {
      props.saveAsync(cb);
    });
    if (live) await saving.catch(() => undefined);
    else await saving;
  }
}

/** Small per-draft values the handler keeps between sends (the pending confirmation key). */
export async function sessionValue(key: string): Promise<string | undefined> {
  if (!supportsMailbox("1.11") || (mail() as { sessionData?: unknown }).sessionData === undefined) return undefined;
  return officeCall<string>("sessionData.getAsync", (cb) => {
    mail().sessionData.getAsync(key, cb);
  }).then(
    (v) => v,
    () => undefined,
  );
}

export async function setSessionValue(key: string, value: string): Promise<void> {
  if (!supportsMailbox("1.11") || (mail() as { sessionData?: unknown }).sessionData === undefined) return;
  await officeVoidCall("sessionData.setAsync", (cb) => {
    mail().sessionData.setAsync(key, value, cb);
  });
}
