/** Deterministic generated corpus of Danish mail-like text with embedded numbers, for the benchmarks. */

/** Small, fast, seeded PRNG (mulberry32): the same corpus on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENSITIVE = "underretning diagnose misbrug anbringelse sygedagpenge kontanthjælp alkoholmisbrug sigtelse".split(" ");
const WORDS = (
  "kommunen borgeren sagen mødet aftale jobcenter ydelse bevilling afgørelse klage frist partshøring " +
  "journal notat opfølgning henvendelse telefon adresse bolig skole dagtilbud plads ansøgning kvittering " +
  "venlig hilsen med mere og i på til af for det er at en den som har ikke vil kan skal blev bliver " +
  "torsdag fredag mandag januar februar marts kontoret sekretariatet budgettet rådhuset digital post " +
  "økonomi udbetaling refusion regning faktura betaling beløb kr moms ordre levering varer bestilling"
).split(" ");

function cprLike(rand: () => number): string {
  const d = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
  const m = String(1 + Math.floor(rand() * 12)).padStart(2, "0");
  const y = String(Math.floor(rand() * 100)).padStart(2, "0");
  const s = String(Math.floor(rand() * 10000)).padStart(4, "0");
  return rand() < 0.5 ? `${d}${m}${y}-${s}` : `${d}${m}${y}${s}`;
}

/**
 * About `chars` characters of prose with CPR-like numbers, phone numbers and amounts.
 * `sensitiveShare` is the share of words taken from the sensitive lexicon (1 % is a
 * social-services mailbox; 5 % is a deliberately term-dense stress case). `cprShare` is the share
 * of words that are CPR-like numbers: 2 % (the default) is a stress case, far denser than any real
 * document; 0 leaves them out (see `caseDocumentText` for a few real-looking ones).
 */
export function danishMailCorpus(chars: number, seed = 1, sensitiveShare = 0.01, cprShare = 0.02): string {
  const rand = prng(seed);
  const parts: string[] = [];
  let len = 0;
  while (len < chars) {
    let sentence = "";
    const n = 6 + Math.floor(rand() * 14);
    for (let i = 0; i < n; i++) {
      const r = rand();
      const w =
        r < cprShare
          ? cprLike(rand)
          : r < cprShare + 0.02
            ? `tlf. ${Math.floor(rand() * 1e8)}`
            : r < cprShare + 0.04
              ? `${Math.floor(rand() * 100000)} kr.`
              : r < cprShare + 0.04 + sensitiveShare
                ? (SENSITIVE[Math.floor(rand() * SENSITIVE.length)] ?? "")
                : (WORDS[Math.floor(rand() * WORDS.length)] ?? "");
      sentence += (i === 0 ? "" : " ") + w;
    }
    sentence = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${rand() < 0.2 ? "\n\n" : " "}`;
    parts.push(sentence);
    len += sentence.length;
  }
  return parts.join("");
}

/** A ten-digit number that passes modulus 11 on a real date (a CPR number as far as the detector can tell). */
export function validCprLike(rand: () => number): string {
  for (;;) {
    const d = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
    const m = String(1 + Math.floor(rand() * 12)).padStart(2, "0");
    const y = String(40 + Math.floor(rand() * 60)).padStart(2, "0");
    const digits = `${d}${m}${y}${String(Math.floor(rand() * 4000)).padStart(4, "0")}`;
    const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
    if (sum % 11 === 0) return digits;
  }
}

/**
 * A caseworker's document: prose with phone numbers, amounts and 1 % sensitive words, and exactly
 * `cprs` CPR numbers, each with a label as a case document writes it ("CPR-nr. 010190-1234").
 */
export function caseDocumentText(chars: number, seed: number, cprs: number): string {
  const rand = prng(seed + 1000);
  const words = danishMailCorpus(chars, seed, 0.01, 0).split(" ");
  for (let k = 0; k < cprs; k++) {
    const at = Math.floor(((k + 0.5) / cprs) * words.length);
    const digits = validCprLike(rand);
    words[at] = `${words[at] ?? ""} (CPR-nr. ${digits.slice(0, 6)}-${digits.slice(6)})`;
  }
  return words.join(" ");
}

/** Adversarial input: only digits, spaces and dashes. */
export function digitsSpacesDashes(chars: number, seed = 2): string {
  const rand = prng(seed);
  const alphabet = "0123456789 -";
  const out = new Array<string>(chars);
  for (let i = 0; i < chars; i++) out[i] = alphabet.charAt(Math.floor(rand() * alphabet.length));
  return out.join("");
}

/** Adversarial input: no spaces at all (letters, digits and punctuation run together). */
export function noSpaces(chars: number, seed = 3): string {
  const rand = prng(seed);
  const alphabet = "abcdefghijklmnopqrstuvwxyzæøå0123456789.-;";
  const out = new Array<string>(chars);
  for (let i = 0; i < chars; i++) out[i] = alphabet.charAt(Math.floor(rand() * alphabet.length));
  return out.join("");
}

/** Adversarial input: every digit spaced ("0 1 2 3 4 5 ..."), the shape of a CPR number written next to a label. */
export function spacedDigits(chars: number): string {
  const out = new Array<string>(chars >> 1);
  for (let i = 0; i < out.length; i++) out[i] = `${i % 10} `;
  return out.join("");
}

/** Adversarial input: one- and two-digit numbers with every separator the CPR detector reads between them. */
export function digitsMixedSeparators(chars: number, seed = 4): string {
  const rand = prng(seed);
  const seps = ["", " ", "-", ".", "/", "_", ":", "\t", "\n", "  ", " - ", "--", "O", "l"];
  const parts: string[] = [];
  let len = 0;
  while (len < chars) {
    const p = String(Math.floor(rand() * 100)).padStart(1 + Math.floor(rand() * 2), "0") + (seps[Math.floor(rand() * seps.length)] ?? "");
    parts.push(p);
    len += p.length;
  }
  return parts.join("");
}
