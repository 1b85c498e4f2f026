/**
 * A typed fake of the Outlook compose API surface Sikker Post uses: one fake for the tests
 * and the playground. It answers in Office's callback style, always asynchronously, and can
 * script failures, slow calls, attachment contents and missing requirement sets. It records
 * every `event.completed` call, so a test can check that a handler completes exactly once.
 *
 * Where real clients are known to differ from the happy path, the fake does what they do
 * (sources in docs/deployment.md, "What each client does"):
 *  - the documented limits: 5 notifications per item and 150 characters each; 2,500 characters
 *    of custom properties; 50,000 characters of session data before Mailbox 1.16;
 *  - inline images are listed by getAttachmentsAsync with isInline: true;
 *  - in Outlook on the web and new Outlook (platform "OfficeOnline"), a header removed with
 *    internetHeaders.removeAsync cannot be set again in the same draft: the set succeeds and
 *    does nothing (OfficeDev/office-js#6389);
 *  - Office.context.requirements can be missing (classic Outlook, OfficeDev/office-js#5091).
 */
import { FAKE_TENANT_ID, FAKE_USER_OBJECT_ID } from "./fake-account";

export type ApiName =
  | "subject.getAsync"
  | "from.getAsync"
  | "subject.setAsync"
  | "body.getAsync"
  | "to.getAsync"
  | "cc.getAsync"
  | "bcc.getAsync"
  | "getAttachmentsAsync"
  | "getAttachmentContentAsync"
  | "sessionData.getAsync"
  | "sessionData.setAsync"
  | "loadCustomPropertiesAsync"
  | "customProperties.saveAsync"
  | "internetHeaders.getAsync"
  | "internetHeaders.setAsync"
  | "internetHeaders.removeAsync"
  | "notificationMessages.replaceAsync"
  | "sensitivityLabel.getAsync"
  | "sensitivityLabel.setAsync"
  | "sensitivityLabelsCatalog.getIsEnabledAsync"
  | "sensitivityLabelsCatalog.getAsync"
  | "closeAsync";

/** A sensitivity label as Office.context.sensitivityLabelsCatalog lists it (Mailbox 1.13). */
export interface FakeLabel {
  readonly id: string;
  readonly name: string;
  readonly children?: readonly FakeLabel[];
}

export interface FakeRecipient {
  readonly emailAddress: string;
  readonly displayName?: string;
  /** Office.MailboxEnums.RecipientType */
  readonly recipientType: "user" | "externalUser" | "distributionList" | "other" | "unknown";
}

export interface FakeAttachment {
  readonly id: string;
  readonly name: string;
  readonly attachmentType: "file" | "item" | "cloud";
  readonly contentType?: string;
  readonly size: number;
  readonly isInline?: boolean;
  /** What getAttachmentContentAsync returns: base64 for files, eml text for items, url for cloud. */
  readonly content: { readonly format: "base64" | "eml" | "url" | "iCalendar"; readonly content: string };
}

export interface FakeDraft {
  subject: string;
  bodyHtml: string;
  to: FakeRecipient[];
  cc: FakeRecipient[];
  bcc: FakeRecipient[];
  attachments: FakeAttachment[];
  /** Saved with the draft: survives closing and reopening it. */
  customProperties: Record<string, unknown>;
  /** Lives for the compose session only. */
  sessionData: Record<string, string>;
  internetHeaders: Record<string, string>;
  /** The GUID of the draft's sensitivity label ("" for none); Mailbox 1.13. */
  sensitivityLabel?: string;
  /** The From field when the user chose another mailbox (a shared one); absent: the user's own. Mailbox 1.7. */
  from?: { emailAddress: string; displayName: string };
  notifications: Record<string, { type: string; message: string; persistent?: boolean; icon?: string }>;
}

export interface CompletedCall {
  readonly handler: string;
  readonly options: Record<string, unknown> | undefined;
}

export interface FakeFailure {
  readonly code: number;
  readonly message: string;
  /** Fail this many calls, then succeed; undefined fails every call. */
  times?: number;
  /** Let this many calls succeed first, then start failing. */
  after?: number;
}

export interface FakeOfficeOptions {
  readonly draft?: Partial<FakeDraft>;
  /** Highest Mailbox requirement set the fake host supports (e.g. "1.12"). */
  readonly mailboxVersion?: string;
  readonly displayLanguage?: string;
  /** Host platform: "OfficeOnline" (Outlook on the web and new Outlook), "PC" (classic Outlook), "Mac"… */
  readonly platform?: string;
  /** Office.context.requirements is undefined, as classic Outlook reports intermittently (OfficeDev/office-js#5091). */
  readonly requirementsMissing?: boolean;
  /** The sensitivity labels published to the user (Mailbox 1.13), and whether labels are on for them. */
  readonly labels?: { readonly enabled: boolean; readonly catalog: readonly FakeLabel[] };
  /** The host supports nested app authentication (requirement set NestedAppAuth 1.1). Default false. */
  readonly nestedAppAuth?: boolean;
  /** Office.context.mailbox.userProfile. */
  readonly user?: { readonly emailAddress: string; readonly displayName: string };
  /** What Office.auth.getAuthContext() says (NestedAppAuth 1.1); by default the user's own account. */
  readonly authContext?: Partial<FakeAuthContext>;
}

/** Office.AuthContext: the account Outlook is signed in with, as NAA hands it to MSAL. */
export interface FakeAuthContext {
  userObjectId: string;
  tenantId: string;
  userPrincipalName: string;
  authorityType: "aad" | "msa" | "other";
  authorityBaseUrl: string;
  loginHint: string;
}


/** Documented limits the fake enforces. */
export const OUTLOOK_LIMITS = {
  /** notificationMessages: at most 5 per item (Office.NotificationMessages.addAsync). */
  notifications: 5,
  /** notificationMessages: a message has at most 150 characters. */
  notificationLength: 150,
  /** Office.CustomProperties: the JSON of all of an add-in's properties has at most 2,500 characters. */
  customPropertiesChars: 2500,
  /** Office.SessionData: 50,000 characters per add-in before Mailbox 1.16, 2,621,440 from it. */
  sessionDataChars: 50_000,
  sessionDataChars116: 2_621_440,
} as const;

type Callback = (result: unknown) => void;

export function emptyDraft(): FakeDraft {
  return { subject: "", bodyHtml: "", to: [], cc: [], bcc: [], attachments: [], customProperties: {}, sessionData: {}, internetHeaders: {}, notifications: {} };
}

function versionAtLeast(have: string, want: string): boolean {
  const [ha = 0, hb = 0] = have.split(".").map(Number);
  const [wa = 0, wb = 0] = want.split(".").map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

export class FakeOffice {
  draft: FakeDraft;
  mailboxVersion: string;
  displayLanguage: string;
  platform: string;
  /** false when no item is open (a pinned pane between items sees a null item). */
  itemOpen = true;
  /** The draft was closed with closeAsync({ discardItem: true }): the compose window is gone, nothing saved. */
  discarded = false;
  /** NestedAppAuth 1.1 (Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")). */
  nestedAppAuth: boolean;
  user: { emailAddress: string; displayName: string };
  /** Office.auth.getAuthContext(): tests set another account to model Outlook signed in as someone else. */
  authContext: FakeAuthContext;
  /** Office.context.requirements is undefined (classic Outlook, intermittently). */
  requirementsMissing: boolean;
  /** The label catalog (Office.context.sensitivityLabelsCatalog). */
  labels: { enabled: boolean; catalog: readonly FakeLabel[] };
  /** Headers removed in this draft: Outlook on the web ignores setting them again (office-js#6389). */
  private removedHeaders = new Set<string>();
  /** Office.context.officeTheme: the playground switches it to test the dark theme. */
  theme = { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#242424", controlBackgroundColor: "#ffffff", controlForegroundColor: "#242424", isDarkTheme: false };
  readonly completions: CompletedCall[] = [];
  readonly handlers = new Map<string, (event: unknown) => unknown>();
  readonly calls: ApiName[] = [];
  /** Handlers the pane registered with addHandlerAsync, by Office.EventType value. */
  private readonly listeners = new Map<string, ((args: unknown) => void)[]>();
  private readonly failures = new Map<ApiName, FakeFailure>();
  private readonly delays = new Map<ApiName, number>();
  /** The object to install as the global `Office`. */
  readonly office: Record<string, unknown>;

  constructor(options: FakeOfficeOptions = {}) {
    this.draft = { ...emptyDraft(), ...options.draft };
    this.mailboxVersion = options.mailboxVersion ?? "1.15";
    this.displayLanguage = options.displayLanguage ?? "da-DK";
    this.platform = options.platform ?? "OfficeOnline";
    this.requirementsMissing = options.requirementsMissing ?? false;
    this.labels = { enabled: options.labels?.enabled ?? false, catalog: options.labels?.catalog ?? [] };
    this.nestedAppAuth = options.nestedAppAuth ?? false;
    this.user = { ...(options.user ?? { emailAddress: "sagsbehandler@kommune.example.dk", displayName: "Sagsbehandler" }) };
    this.authContext = {
      userObjectId: FAKE_USER_OBJECT_ID,
      tenantId: FAKE_TENANT_ID,
      userPrincipalName: this.user.emailAddress,
      authorityType: "aad",
      authorityBaseUrl: "https://login.microsoftonline.com",
      loginHint: this.user.emailAddress,
      ...options.authContext,
    };
    this.office = FakeOffice.buildOffice(this);
  }

  /** Makes an API fail with an Office error (code and message), for `times` calls or always. */
  fail(api: ApiName, failure: FakeFailure = { code: 9002, message: "Internal error" }): this {
    this.failures.set(api, { ...failure });
    return this;
  }

  /** Makes an API answer after `ms` milliseconds. */
  delay(api: ApiName, ms: number): this {
    this.delays.set(api, ms);
    return this;
  }

  reset(): void {
    this.failures.clear();
    this.delays.clear();
    this.completions.length = 0;
    this.calls.length = 0;
  }

  /** Runs a registered handler the way Outlook does and resolves with its first completion (or null if it never completes in time). */
  async fire(handler: string, event: Record<string, unknown> = {}, waitMs = 10000): Promise<CompletedCall | null> {
    const fn = this.handlers.get(handler);
    if (fn === undefined) throw new Error(`no handler associated as "${handler}"`);
    const before = this.completions.length;
    let resolve: (c: CompletedCall | null) => void = () => undefined;
    const done = new Promise<CompletedCall | null>((r) => (resolve = r));
    const timer = setTimeout(() => {
      resolve(null);
    }, waitMs);
    const ev = {
      type: handler,
      ...event,
      completed: (options?: Record<string, unknown>) => {
        const call = { handler, options };
        this.completions.push(call);
        clearTimeout(timer);
        resolve(call);
      },
    };
    fn(ev);
    const first = await done;
    return first ?? (this.completions.length > before ? (this.completions[before] ?? null) : null);
  }

  /**
   * Tells registered listeners that something happened, as Outlook does: "olkItemSelectedChanged"
   * (Office.EventType.ItemChanged, a pinned pane moved to another draft), "olkRecipientsChanged",
   * "olkAttachmentsChanged".
   */
  emit(eventType: string, args: Record<string, unknown> = {}): void {
    for (const l of this.listeners.get(eventType) ?? []) {
      setTimeout(() => {
        l({ type: eventType, ...args });
      }, 0);
    }
  }

  /** Replaces the open draft (a new or reopened item) and tells a pinned pane. */
  switchDraft(draft: Partial<FakeDraft>): void {
    this.draft = { ...emptyDraft(), ...draft };
    this.removedHeaders = new Set();
    this.emit("olkItemSelectedChanged");
  }

  private addListener(eventType: string, handler: (args: unknown) => void): void {
    this.listeners.set(eventType, [...(this.listeners.get(eventType) ?? []), handler]);
  }

  private removeListeners(eventType: string): void {
    this.listeners.delete(eventType);
  }

  /** Forgets every registered listener, as Outlook does with a pane's handlers when the pane closes. */
  clearListeners(): void {
    this.listeners.clear();
  }

  /** How many times handlers called completed() since the last reset. */
  completedCount(handler?: string): number {
    return this.completions.filter((c) => handler === undefined || c.handler === handler).length;
  }

  private answer(api: ApiName, callback: Callback | undefined, produce: () => unknown, asyncContext?: unknown): void {
    this.calls.push(api);
    const failure = this.failures.get(api);
    let result: unknown;
    if (failure?.after !== undefined && failure.after > 0) {
      failure.after--;
    } else if (failure !== undefined && (failure.times === undefined || failure.times > 0)) {
      if (failure.times !== undefined) failure.times--;
      result = { status: "failed", value: undefined, error: { code: failure.code, name: "GenericError", message: failure.message }, asyncContext };
    } else {
      try {
        result = { status: "succeeded", value: produce(), asyncContext };
      } catch (e) {
        result = { status: "failed", value: undefined, error: { code: 9999, name: "FakeError", message: e instanceof Error ? e.message : String(e) }, asyncContext };
      }
    }
    // Office answers asynchronously, never inside the call.
    setTimeout(() => callback?.(result), this.delays.get(api) ?? 0);
  }

  /** Office's (options?, callback) argument shuffle. */
  private static split(args: unknown[]): { options: Record<string, unknown>; callback: Callback | undefined; rest: unknown[] } {
    const callback = typeof args[args.length - 1] === "function" ? (args[args.length - 1] as Callback) : undefined;
    const without = callback ? args.slice(0, -1) : args;
    const last = without[without.length - 1];
    const options = typeof last === "object" && last !== null && !Array.isArray(last) ? (last as Record<string, unknown>) : {};
    return { options, callback, rest: without };
  }

  private recipientsField(name: "to" | "cc" | "bcc") {
    return {
      getAsync: (...args: unknown[]) => {
        const { options, callback } = FakeOffice.split(args);
        this.answer(`${name}.getAsync`, callback, () => this.draft[name].map((r) => ({ ...r, displayName: r.displayName ?? r.emailAddress })), options.asyncContext);
      },
    };
  }

  private static buildOffice(self: FakeOffice): Record<string, unknown> {
    const d = (): FakeDraft => self.draft;
    const customProperties = {
      get: (key: string) => d().customProperties[key],
      set: (key: string, value: unknown) => {
        d().customProperties[key] = value;
      },
      remove: (key: string) => {
        const { [key]: _removed, ...rest } = d().customProperties;
        d().customProperties = rest;
      },
      getAll: () => ({ ...d().customProperties }),
      saveAsync: (...args: unknown[]) => {
        const { callback, options } = FakeOffice.split(args);
        self.answer("customProperties.saveAsync", callback, () => {
          const size = JSON.stringify(d().customProperties).length;
          if (size > OUTLOOK_LIMITS.customPropertiesChars) throw new Error(`custom properties over ${OUTLOOK_LIMITS.customPropertiesChars} characters`);
        }, options.asyncContext);
      },
    };
    const sessionData = {
      getAsync: (key: string, ...args: unknown[]) => {
        const { callback } = FakeOffice.split(args);
        self.answer("sessionData.getAsync", callback, () => {
          const v = d().sessionData[key];
          if (v === undefined) throw new Error("The specified key doesn't exist.");
          return v;
        });
      },
      setAsync: (key: string, value: string, ...args: unknown[]) => {
        const { callback } = FakeOffice.split(args);
        self.answer("sessionData.setAsync", callback, () => {
          // Outlook's limit per add-in and item: 50,000 characters before Mailbox 1.16.
          const others = Object.entries(d().sessionData).filter(([k]) => k !== key);
          const used = others.reduce((n, [k, v]) => n + k.length + v.length, key.length + value.length);
          const limit = versionAtLeast(self.mailboxVersion, "1.16") ? OUTLOOK_LIMITS.sessionDataChars116 : OUTLOOK_LIMITS.sessionDataChars;
          if (used > limit) throw new Error(`session data over ${limit} characters`);
          d().sessionData[key] = value;
        });
      },
    };
    const allLabels = (list: readonly FakeLabel[]): FakeLabel[] => list.flatMap((l) => [l, ...allLabels(l.children ?? [])]);
    const sensitivityLabel = {
      getAsync: (...args: unknown[]) => {
        const { callback, options } = FakeOffice.split(args);
        self.answer("sensitivityLabel.getAsync", callback, () => d().sensitivityLabel ?? "", options.asyncContext);
      },
      setAsync: (label: string | FakeLabel, ...args: unknown[]) => {
        const { callback, options } = FakeOffice.split(args);
        self.answer("sensitivityLabel.setAsync", callback, () => {
          const id = typeof label === "string" ? label : label.id;
          // Outlook applies only labels that are on and published to the user.
          if (!self.labels.enabled) throw new Error("sensitivity labels are not enabled");
          if (!allLabels(self.labels.catalog).some((l) => l.id === id)) throw new Error(`label ${id} is not published to this user`);
          d().sensitivityLabel = id;
        }, options.asyncContext);
      },
    };
    const item = {
      itemType: "message",
      // Mailbox 1.13; below it the item has no sensitivityLabel.
      get sensitivityLabel() {
        return versionAtLeast(self.mailboxVersion, "1.13") ? sensitivityLabel : undefined;
      },
      subject: {
        getAsync: (...args: unknown[]) => {
          const { callback, options } = FakeOffice.split(args);
          self.answer("subject.getAsync", callback, () => d().subject, options.asyncContext);
        },
        setAsync: (subject: string, ...args: unknown[]) => {
          const { callback, options } = FakeOffice.split(args);
          self.answer("subject.setAsync", callback, () => {
            d().subject = subject;
          }, options.asyncContext);
        },
      },
      // item.from: Mailbox 1.7 in compose (@types/office-js MessageCompose.from, From.getAsync).
      ...(versionAtLeast(self.mailboxVersion, "1.7")
        ? {
            from: {
              getAsync: (...args: unknown[]) => {
                const { callback, options } = FakeOffice.split(args);
                self.answer("from.getAsync", callback, () => d().from ?? { ...self.user }, options.asyncContext);
              },
            },
          }
        : {}),
      body: {
        getAsync: (coercion: string, ...args: unknown[]) => {
          const { callback, options } = FakeOffice.split(args);
          self.answer("body.getAsync", callback, () => (coercion === "html" ? d().bodyHtml : d().bodyHtml.replace(/<[^>]*>/g, "")), options.asyncContext);
        },
      },
      to: self.recipientsField("to"),
      cc: self.recipientsField("cc"),
      bcc: self.recipientsField("bcc"),
      getAttachmentsAsync: (...args: unknown[]) => {
        const { callback, options } = FakeOffice.split(args);
        self.answer("getAttachmentsAsync", callback, () => d().attachments.map(({ content: _c, ...details }) => ({ isInline: false, ...details })), options.asyncContext);
      },
      getAttachmentContentAsync: (id: string, ...args: unknown[]) => {
        const { callback, options } = FakeOffice.split(args);
        self.answer("getAttachmentContentAsync", callback, () => {
          const a = d().attachments.find((x) => x.id === id);
          if (a === undefined) throw new Error(`no attachment ${id}`);
          return a.content;
        }, options.asyncContext);
      },
      // Mailbox 1.14 (@types/office-js MessageCompose.closeAsync; task panes and function commands
      // only, never event handlers). With discardItem the draft is gone and the add-in stops.
      ...(versionAtLeast(self.mailboxVersion, "1.14")
        ? {
            closeAsync: (...args: unknown[]) => {
              const { callback, options } = FakeOffice.split(args);
              self.answer("closeAsync", callback, () => {
                if ((options as { discardItem?: unknown }).discardItem !== true) throw new Error("The operation is not supported");
                self.discarded = true;
                self.itemOpen = false;
                return undefined;
              }, options.asyncContext);
            },
          }
        : {}),
      // Mailbox 1.11: a client below it has no item.sessionData at all (Outlook on Mac before 1.11).
      get sessionData() {
        return versionAtLeast(self.mailboxVersion, "1.11") ? sessionData : undefined;
      },
      loadCustomPropertiesAsync: (...args: unknown[]) => {
        const { callback, options } = FakeOffice.split(args);
        self.answer("loadCustomPropertiesAsync", callback, () => customProperties, options.asyncContext);
      },
      internetHeaders: {
        getAsync: (names: string[], ...args: unknown[]) => {
          const { callback } = FakeOffice.split(args);
          self.answer("internetHeaders.getAsync", callback, () => Object.fromEntries(names.flatMap((n) => (d().internetHeaders[n] !== undefined ? [[n, d().internetHeaders[n]]] : []))));
        },
        setAsync: (headers: Record<string, string>, ...args: unknown[]) => {
          const { callback } = FakeOffice.split(args);
          self.answer("internetHeaders.setAsync", callback, () => {
            for (const [name, value] of Object.entries(headers)) {
              // Outlook on the web: succeeds, and the header stays removed (office-js#6389).
              if (self.platform === "OfficeOnline" && self.removedHeaders.has(name.toLowerCase())) continue;
              d().internetHeaders[name] = value;
            }
          });
        },
        removeAsync: (names: string[], ...args: unknown[]) => {
          const { callback } = FakeOffice.split(args);
          self.answer("internetHeaders.removeAsync", callback, () => {
            for (const n of names) {
              Reflect.deleteProperty(d().internetHeaders, n);
              self.removedHeaders.add(n.toLowerCase());
            }
          });
        },
      },
      addHandlerAsync: (eventType: string, handler: (args: unknown) => void, ...args: unknown[]) => {
        self.addListener(eventType, handler);
        const { callback } = FakeOffice.split(args);
        setTimeout(() => callback?.({ status: "succeeded", value: undefined }), 0);
      },
      removeHandlerAsync: (eventType: string, ...args: unknown[]) => {
        self.removeListeners(eventType);
        const { callback } = FakeOffice.split(args);
        setTimeout(() => callback?.({ status: "succeeded", value: undefined }), 0);
      },
      notificationMessages: {
        replaceAsync: (key: string, message: FakeDraft["notifications"][string], ...args: unknown[]) => {
          const { callback } = FakeOffice.split(args);
          self.answer("notificationMessages.replaceAsync", callback, () => {
            if (message.message.length > OUTLOOK_LIMITS.notificationLength) throw new Error(`message longer than ${OUTLOOK_LIMITS.notificationLength} characters`);
            if (!(key in d().notifications) && Object.keys(d().notifications).length >= OUTLOOK_LIMITS.notifications) throw new Error(`more than ${OUTLOOK_LIMITS.notifications} notifications on the item`);
            d().notifications[key] = message;
          });
        },
      },
    };
    return {
      // Office.auth.getAuthContext (NestedAppAuth 1.1): a promise, answered later; a host without the set refuses.
      auth: {
        getAuthContext: () =>
          new Promise((resolve, reject) => {
            setTimeout(() => {
              if (self.nestedAppAuth) resolve({ ...self.authContext });
              else reject(new Error("getAuthContext is not supported by this host (NestedAppAuth 1.1)"));
            }, 0);
          }),
      },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      CoercionType: { Html: "html", Text: "text" },
      HostType: { Outlook: "Outlook" },
      EventType: { ItemChanged: "olkItemSelectedChanged", RecipientsChanged: "olkRecipientsChanged", AttachmentsChanged: "olkAttachmentsChanged", OfficeThemeChanged: "officeThemeChanged", SensitivityLabelChanged: "olkSensitivityLabelChanged" },
      MailboxEnums: {
        RecipientType: { User: "user", ExternalUser: "externalUser", DistributionList: "distributionList", Other: "other" },
        AttachmentType: { File: "file", Item: "item", Cloud: "cloud" },
        AttachmentContentFormat: { Base64: "base64", Url: "url", Eml: "eml", ICalendar: "iCalendar" },
        ItemNotificationMessageType: { InformationalMessage: "informationalMessage", ErrorMessage: "errorMessage", ProgressIndicator: "progressIndicator" },
        SendModeOverride: { PromptUser: "promptUser" },
      },
      actions: {
        associate: (name: string, fn: (event: unknown) => unknown) => {
          self.handlers.set(name, fn);
        },
      },
      onReady: (cb?: (info: unknown) => void) => {
        const info = { host: "Outlook", platform: self.platform };
        cb?.(info);
        return Promise.resolve(info);
      },
      context: {
        get sensitivityLabelsCatalog() {
          if (!versionAtLeast(self.mailboxVersion, "1.13")) return undefined;
          return {
            getIsEnabledAsync: (...args: unknown[]) => {
              const { callback, options } = FakeOffice.split(args);
              self.answer("sensitivityLabelsCatalog.getIsEnabledAsync", callback, () => self.labels.enabled, options.asyncContext);
            },
            getAsync: (...args: unknown[]) => {
              const { callback, options } = FakeOffice.split(args);
              self.answer("sensitivityLabelsCatalog.getAsync", callback, () => {
                if (!self.labels.enabled) throw new Error("sensitivity labels are not enabled");
                return self.labels.catalog;
              }, options.asyncContext);
            },
          };
        },
        get displayLanguage() {
          return self.displayLanguage;
        },
        get requirements() {
          return self.requirementsMissing
            ? undefined
            : {
                isSetSupported: (name: string, version?: string) =>
                  (name.toLowerCase() === "mailbox" && versionAtLeast(self.mailboxVersion, version ?? "1.1")) ||
                  (name.toLowerCase() === "nestedappauth" && self.nestedAppAuth && versionAtLeast("1.1", version ?? "1.1")),
              };
        },
        get officeTheme() {
          return self.theme;
        },
        mailbox: {
          get item() {
            return self.itemOpen ? item : null;
          },
          addHandlerAsync: (eventType: string, handler: (args: unknown) => void, ...args: unknown[]) => {
            self.addListener(eventType, handler);
            const { callback } = FakeOffice.split(args);
            setTimeout(() => callback?.({ status: "succeeded", value: undefined }), 0);
          },
          diagnostics: { get hostName() {
            return self.platform === "PC" ? "Outlook" : self.platform === "Mac" ? "OutlookMac" : "OutlookWebApp";
          } },
          get userProfile() {
            return { emailAddress: self.user.emailAddress, displayName: self.user.displayName };
          },
        },
        platform: self.platform,
      },
    };
  }
}
