/**
 * OLE compound files (CFB, D0 CF 11 E0): password-protected Office Open XML documents are CFB
 * files with EncryptionInfo and EncryptedPackage streams; legacy .doc/.xls/.ppt and Outlook .msg
 * files are CFB too. Only the directory entry names are read, to say which it is.
 */
const MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function looksLikeCfb(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Names of the directory entries. Directory entries are 128 bytes and every sector starts at a
 * multiple of 128 after the 512-byte header, so aligned records with a sane name length and type
 * are taken; a wrong guess can only change which unreadable reason is given.
 */
export function cfbEntryNames(bytes: Uint8Array): Set<string> {
  const names = new Set<string>();
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const nameBytes = (bytes[at + 64] ?? 0) | ((bytes[at + 65] ?? 0) << 8);
    const type = bytes[at + 66] ?? 0;
    if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0 || type < 1 || type > 5 || type === 3 || type === 4) continue;
    if (bytes[at + nameBytes - 2] !== 0 || bytes[at + nameBytes - 1] !== 0) continue; // NUL-terminated
    let name = "";
    let ok = true;
    for (let k = 0; k < nameBytes - 2; k += 2) {
      const cu = (bytes[at + k] ?? 0) | ((bytes[at + k + 1] ?? 0) << 8);
      if (cu === 0) {
        ok = false;
        break;
      }
      name += String.fromCharCode(cu);
    }
    if (ok) names.add(name);
  }
  return names;
}

export type CfbKind = "encrypted-ooxml" | "word" | "excel" | "powerpoint" | "outlook-msg" | "unknown";

export function cfbKind(bytes: Uint8Array): CfbKind {
  const names = cfbEntryNames(bytes);
  if (names.has("EncryptedPackage") || names.has("EncryptionInfo")) return "encrypted-ooxml";
  if (names.has("WordDocument")) return "word";
  if (names.has("Workbook") || names.has("Book")) return "excel";
  if (names.has("PowerPoint Document")) return "powerpoint";
  for (const n of names) if (n.startsWith("__substg1.0_")) return "outlook-msg";
  return "unknown";
}
