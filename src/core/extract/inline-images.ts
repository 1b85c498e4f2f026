/**
 * Pictures in a mail: which are inline (shown in the body: a signature logo, a pasted
 * screenshot) and which are attached, and what the policy does with each. Text in pictures
 * is never read (no OCR), so the policy decides whether a picture is "not read, and that is
 * fine" (ignore) or "cannot be checked" (unreadable, which blocks like any unreadable file).
 *
 * Outlook lists inline pictures among the attachments with isInline: true (Mailbox 1.8,
 * AttachmentDetailsCompose.isInline); the HTML body refers to them as
 * `<img src="cid:image001.png@01DA2B3C.4D5E6F70">`, Word's form, where the part before "@"
 * is the attachment's name. A picture counts as inline when Outlook says so or the body
 * refers to its name by cid:, whichever client reports it.
 */

export type ImageHandling = "ignore" | "unreadable";

export interface ImagePolicy {
  /** Pictures shown in the body (isInline, or referred to by cid:). Default: ignore. */
  readonly inline: ImageHandling;
  /** Pictures attached as files. Default: unreadable. */
  readonly attached: ImageHandling;
}

export const DEFAULT_IMAGE_POLICY: ImagePolicy = { inline: "ignore", attached: "unreadable" };

// Bounded and without nested quantifiers: linear in the body.
const CID_REF = /cid:([^"'\s<>()]{1,256})/gi;

/** The cid: references of an HTML body, each as written and as the name before "@", lower-cased. */
export function cidReferences(html: string): ReadonlySet<string> {
  const out = new Set<string>();
  if (!html.toLowerCase().includes("cid:")) return out;
  for (const m of html.matchAll(CID_REF)) {
    const ref = decodeCid(m[1] ?? "").toLowerCase();
    out.add(ref);
    const at = ref.indexOf("@");
    if (at > 0) out.add(ref.slice(0, at));
  }
  return out;
}

function decodeCid(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

/** Whether an attachment is shown in the body: Outlook says so, or the body refers to it by cid:. */
export function isInlinePicture(a: { readonly name: string; readonly isInline?: boolean; readonly contentId?: string }, cids: ReadonlySet<string>): boolean {
  if (a.isInline === true) return true;
  if (a.contentId !== undefined && cids.has(a.contentId.replace(/^<|>$/g, "").toLowerCase())) return true;
  return cids.has(a.name.toLowerCase());
}

/** Whether these first bytes are those of a picture format (PNG, JPEG, GIF, TIFF, BMP, WebP, EMF, WMF). */
export function looksLikeImage(b: Uint8Array): boolean {
  const png = b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
  const jpeg = b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const gif = b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38;
  const tiff = (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a);
  const bmp = b[0] === 0x42 && b[1] === 0x4d && b.length > 26;
  const webp = b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50;
  // EMF: record type 1, then " EMF" at byte 40. WMF: the placeable header's key.
  const emf = b[0] === 1 && b[1] === 0 && b[2] === 0 && b[3] === 0 && b[40] === 0x20 && b[41] === 0x45 && b[42] === 0x4d && b[43] === 0x46;
  const wmf = b[0] === 0xd7 && b[1] === 0xcd && b[2] === 0xc6 && b[3] === 0x9a;
  return png || jpeg || gif || tiff || bmp || webp || emf || wmf;
}
