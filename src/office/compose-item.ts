/** The compose item as Sikker Post needs it: a small interface over Office.context.mailbox.item. */
import type { OutlookRecipientType, Recipient, RecipientField } from "../core/policy/decide-send";
import { officeCall, officeVoidCall, supportsMailbox } from "./office-call";

export interface AttachmentRef {
  readonly id: string;
  readonly name: string;
  readonly kind: "file" | "item" | "cloud";
  readonly contentType?: string;
  readonly size: number;
  /** Outlook lists pictures in the HTML body (signature logos, pasted images) with isInline: true. */
  readonly isInline?: boolean;
}

export interface AttachmentContent {
  readonly format: string;
  readonly content: string;
}

export interface ComposeItem {
  subject(): Promise<string>;
  setSubject(subject: string): Promise<void>;
  bodyHtml(): Promise<string>;
  recipients(): Promise<Recipient[]>;
  attachments(): Promise<AttachmentRef[]>;
  attachmentContent(id: string): Promise<AttachmentContent>;
  setHeaders(headers: Record<string, string>): Promise<void>;
  removeHeaders(names: readonly string[]): Promise<void>;
  /** Shows a persistent informational message in the compose form. */
  showStatus(key: string, message: string): Promise<void>;
  /** Mailbox 1.13: the GUID of the draft's sensitivity label ("" when none). */
  sensitivityLabel(): Promise<string>;
  /** Mailbox 1.13: sets the draft's sensitivity label by GUID. */
  setSensitivityLabel(id: string): Promise<void>;
  /** Mailbox 1.13: whether labels are on for this user, and the GUIDs of the labels published to them (sublabels too). */
  labelCatalog(): Promise<{ readonly enabled: boolean; readonly ids: readonly string[] }>;
}

const RECIPIENT_TYPES: readonly OutlookRecipientType[] = ["user", "externalUser", "distributionList", "other"];

function mail(): Office.MessageCompose {
  return Office.context.mailbox.item as Office.MessageCompose;
}

export class OutlookComposeItem implements ComposeItem {
  subject(): Promise<string> {
    return officeCall<string>("subject.getAsync", (cb) => {
      mail().subject.getAsync(cb);
    });
  }

  setSubject(subject: string): Promise<undefined> {
    return officeVoidCall("subject.setAsync", (cb) => {
      mail().subject.setAsync(subject, cb);
    });
  }

  bodyHtml(): Promise<string> {
    return officeCall<string>("body.getAsync", (cb) => {
      mail().body.getAsync(Office.CoercionType.Html, cb);
    });
  }

  async recipients(): Promise<Recipient[]> {
    const fields: RecipientField[] = ["to", "cc", "bcc"];
    const lists = await Promise.all(
      fields.map((field) =>
        officeCall<Office.EmailAddressDetails[]>(`${field}.getAsync`, (cb) => {
          mail()[field].getAsync(cb);
        }).then((list) =>
          list.map((r): Recipient => {
            const type = r.recipientType as OutlookRecipientType;
            return { address: r.emailAddress, name: r.displayName, field, recipientType: RECIPIENT_TYPES.includes(type) ? type : "unknown" };
          }),
        ),
      ),
    );
    return lists.flat();
  }

  async attachments(): Promise<AttachmentRef[]> {
    const list = await officeCall<Office.AttachmentDetailsCompose[]>("getAttachmentsAsync", (cb) => {
      mail().getAttachmentsAsync(cb);
    });
    return list.map((a) => {
      const type: string = a.attachmentType;
      // Typed as boolean, but a client that does not know it leaves it out.
      const inline: unknown = a.isInline;
      return {
        id: a.id,
        name: a.name,
        kind: type === "item" ? "item" : type === "cloud" ? "cloud" : "file",
        size: a.size,
        isInline: inline === true,
      };
    });
  }

  attachmentContent(id: string): Promise<AttachmentContent> {
    return officeCall<Office.AttachmentContent>("getAttachmentContentAsync", (cb) => {
      mail().getAttachmentContentAsync(id, cb);
    }).then((c) => ({ format: c.format, content: c.content }));
  }

  setHeaders(headers: Record<string, string>): Promise<undefined> {
    return officeVoidCall("internetHeaders.setAsync", (cb) => {
      mail().internetHeaders.setAsync(headers, cb);
    });
  }

  removeHeaders(names: readonly string[]): Promise<undefined> {
    return officeVoidCall("internetHeaders.removeAsync", (cb) => {
      mail().internetHeaders.removeAsync([...names], cb);
    });
  }

  sensitivityLabel(): Promise<string> {
    return officeCall<string>("sensitivityLabel.getAsync", (cb) => {
      mail().sensitivityLabel.getAsync(cb);
    });
  }

  setSensitivityLabel(id: string): Promise<undefined> {
    return officeVoidCall("sensitivityLabel.setAsync", (cb) => {
      mail().sensitivityLabel.setAsync(id, cb);
    });
  }

  async labelCatalog(): Promise<{ enabled: boolean; ids: string[] }> {
    const catalog = Office.context.sensitivityLabelsCatalog;
    const enabled = await officeCall<boolean>("sensitivityLabelsCatalog.getIsEnabledAsync", (cb) => {
      catalog.getIsEnabledAsync(cb);
    });
    if (!enabled) return { enabled, ids: [] };
    const labels = await officeCall<Office.SensitivityLabelDetails[]>("sensitivityLabelsCatalog.getAsync", (cb) => {
      catalog.getAsync(cb);
    });
    return { enabled, ids: labelIds(labels) };
  }

  showStatus(key: string, message: string): Promise<undefined> {
    return officeVoidCall("notificationMessages.replaceAsync", (cb) => {
      mail().notificationMessages.replaceAsync(
        key,
        { type: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage, message: message.slice(0, 150), icon: "Icon.16x16", persistent: true },
        cb,
      );
    });
  }
}

function labelIds(labels: readonly Office.SensitivityLabelDetails[]): string[] {
  // Typed as always there; a label without sublabels may come without the list.
  return labels.flatMap((l) => [l.id, ...labelIds((l.children as Office.SensitivityLabelDetails[] | undefined) ?? [])]);
}

export function displayLanguage(): string | undefined {
  try {
    return Office.context.displayLanguage;
  } catch {
    return undefined;
  }
}

export { supportsMailbox };
