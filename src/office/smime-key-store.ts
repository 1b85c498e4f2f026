/**
 * Where the pane keeps the user's S/MIME key and the certificates they imported: IndexedDB, one
 * record per Outlook profile (the mailbox address). The private key is stored as non-extractable
 * WebCrypto CryptoKeys: IndexedDB keeps a CryptoKey by structured clone (Chromium, Edge's
 * WebView2, Safari), and a non-extractable key can be used to sign and decrypt but never read
 * back out, not even by this add-in. One copy per client and profile: another PC, another
 * browser or a cleared browser store needs the PKCS#12 file imported again (docs/smime.md).
 */
import type { SmimeStore, StoredKey } from "../taskpane/smime-send";

const DB_NAME = "sikker-post-smime";
const DB_VERSION = 1;
const KEYS = "keys";
const CERTS = "certificates";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => {
      resolve(r.result);
    };
    r.onerror = () => {
      reject(r.error ?? new Error("IndexedDB request failed"));
    };
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    tx.onerror = () => {
      reject(tx.error ?? new Error("IndexedDB transaction failed"));
    };
    tx.onabort = () => {
      reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    };
  });
}

export class IndexedDbSmimeStore implements SmimeStore {
  private db: Promise<IDBDatabase> | null = null;

  /** `profile`: the mailbox address; each profile has its own key and certificates. */
  constructor(
    private readonly profile: string,
    private readonly factory: IDBFactory = indexedDB,
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const r = this.factory.open(DB_NAME, DB_VERSION);
      r.onupgradeneeded = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS);
        if (!db.objectStoreNames.contains(CERTS)) db.createObjectStore(CERTS);
      };
      r.onsuccess = () => {
        resolve(r.result);
      };
      r.onerror = () => {
        reject(r.error ?? new Error("IndexedDB cannot be opened"));
      };
    });
    return this.db;
  }

  private get id(): string {
    return this.profile.trim().toLowerCase();
  }

  async loadKey(): Promise<StoredKey | null> {
    const db = await this.open();
    const value = (await request(db.transaction(KEYS, "readonly").objectStore(KEYS).get(this.id))) as StoredKey | undefined;
    return value ?? null;
  }

  async saveKey(key: StoredKey): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(KEYS, "readwrite");
    tx.objectStore(KEYS).put({ certDer: key.certDer, chainDer: [...key.chainDer], signKey: key.signKey, decryptKey: key.decryptKey }, this.id);
    await done(tx);
  }

  async removeKey(): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(KEYS, "readwrite");
    tx.objectStore(KEYS).delete(this.id);
    await done(tx);
  }

  async certificates(): Promise<Uint8Array[]> {
    const db = await this.open();
    const value = (await request(db.transaction(CERTS, "readonly").objectStore(CERTS).get(this.id))) as Uint8Array[] | undefined;
    return value ?? [];
  }

  async addCertificate(bytes: Uint8Array): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(CERTS, "readwrite");
    const store = tx.objectStore(CERTS);
    const list = ((await request(store.get(this.id))) as Uint8Array[] | undefined) ?? [];
    store.put([...list, bytes], this.id);
    await done(tx);
  }
}

/** The same contract in memory: tests, and the record of what a store must do. */
export class MemorySmimeStore implements SmimeStore {
  key: StoredKey | null = null;
  readonly certs: Uint8Array[] = [];

  loadKey(): Promise<StoredKey | null> {
    return Promise.resolve(this.key);
  }

  saveKey(key: StoredKey): Promise<void> {
    this.key = key;
    return Promise.resolve();
  }

  removeKey(): Promise<void> {
    this.key = null;
    return Promise.resolve();
  }

  certificates(): Promise<Uint8Array[]> {
    return Promise.resolve([...this.certs]);
  }

  addCertificate(bytes: Uint8Array): Promise<void> {
    this.certs.push(bytes);
    return Promise.resolve();
  }
}
