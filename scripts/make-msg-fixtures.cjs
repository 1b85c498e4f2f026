#!/usr/bin/env node
/*
 * Writes small, synthetic Outlook .msg files (MS-OXMSG on an MS-CFB compound file).
 *
 *   node scripts/make-msg-fixtures.cjs [outDir] [--set samples|fixtures]
 *
 *   --set samples   (default) the product samples, default outDir samples/mails/
 *   --set fixtures  the test-suite fixtures,       default outDir test/fixtures/mail/
 *
 * Output is deterministic: the same bytes on every run (no clocks, no randomness; cfb writes
 * zero timestamps). Every person, address and CPR number here is synthetic: the CPR numbers
 * are generated to pass the modulus-11 check, for birth dates that belong to nobody in
 * particular.
 *
 * Layout written (MS-OXMSG 2.2 / 2.4):
 *   Root Entry (CLSID of IMessage)
 *     __properties_version1.0          32-byte header + 16-byte property entries
 *     __substg1.0_001A001F ...          one stream per string/binary property, UTF-16LE
 *     __nameid_version1.0/              named-property mapping (empty but present)
 *     __recip_version1.0_#00000000/     one recipient
 *     __attach_version1.0_#00000000/    optional attachment (by value), 8-byte header
 * cfb also adds its own 4-byte "\u0001Sh33tJ5" stream, which MSG readers ignore.
 *
 * The builder is exported (buildMsg, MESSAGES) so a test can build a .msg in memory.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const CFB = require("cfb");

// Property types (MS-OXCDATA 2.11.1).
const PT_LONG = 0x0003;
const PT_BOOLEAN = 0x000b;
const PT_SYSTIME = 0x0040;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;

// Property flags in the property stream: readable | writable.
const PROPATTR_RW = 0x00000006;

/** Root CLSID Outlook writes for a message file (IID_IMessage). */
const IMESSAGE_CLSID = "0B0D020000000000C000000000000046";

const MSGFLAG_READ = 0x01;
const MSGFLAG_HASATTACH = 0x10;
const ATTACH_BY_VALUE = 1;
const MAPI_TO = 1;
const MAPI_MAILUSER = 6;
const MAPI_ATTACH = 7;

/** A Date (UTC) as a FILETIME: 100 ns ticks since 1601-01-01. */
function fileTime(isoUtc) {
  const ms = BigInt(Date.parse(isoUtc));
  return (ms + 11644473600000n) * 10000n;
}

function utf16(s) {
  return Buffer.from(s, "utf16le");
}

/** Hex id "XXXXYYYY" for a property tag. */
function tagHex(id, type) {
  return ((id << 16) | type).toString(16).toUpperCase().padStart(8, "0");
}

/**
 * A property bag: variable-length values become __substg1.0_ streams plus a size entry in the
 * property stream; fixed-length values live in the property stream itself.
 */
class PropertyBag {
  constructor() {
    this.entries = [];
    this.streams = [];
  }
  unicode(id, value) {
    const data = utf16(value);
    this.streams.push({ name: `__substg1.0_${tagHex(id, PT_UNICODE)}`, data });
    // For PtypString the size is the stream length plus the 2-byte terminator (MS-OXMSG 2.4.2.2).
    this.entries.push({ id, type: PT_UNICODE, value: sizeValue(data.length + 2) });
    return this;
  }
  binary(id, data) {
    this.streams.push({ name: `__substg1.0_${tagHex(id, PT_BINARY)}`, data });
    this.entries.push({ id, type: PT_BINARY, value: sizeValue(data.length) });
    return this;
  }
  long(id, n) {
    const v = Buffer.alloc(8);
    v.writeUInt32LE(n >>> 0, 0);
    this.entries.push({ id, type: PT_LONG, value: v });
    return this;
  }
  bool(id, b) {
    const v = Buffer.alloc(8);
    v.writeUInt16LE(b ? 1 : 0, 0);
    this.entries.push({ id, type: PT_BOOLEAN, value: v });
    return this;
  }
  time(id, isoUtc) {
    const v = Buffer.alloc(8);
    v.writeBigUInt64LE(fileTime(isoUtc), 0);
    this.entries.push({ id, type: PT_SYSTIME, value: v });
    return this;
  }
  /** The __properties_version1.0 stream: the given header, then 16 bytes per property. */
  propertyStream(header) {
    const sorted = [...this.entries].sort((a, b) => a.id - b.id || a.type - b.type);
    const body = Buffer.alloc(16 * sorted.length);
    sorted.forEach((e, i) => {
      body.writeUInt32LE(((e.id << 16) | e.type) >>> 0, 16 * i);
      body.writeUInt32LE(PROPATTR_RW, 16 * i + 4);
      e.value.copy(body, 16 * i + 8);
    });
    return Buffer.concat([header, body]);
  }
}

function sizeValue(n) {
  const v = Buffer.alloc(8);
  v.writeUInt32LE(n, 0); // size; the next 4 bytes are reserved (0)
  return v;
}

/** Header of the top-level message's property stream (MS-OXMSG 2.4.1.1), 32 bytes. */
function topLevelHeader(recipientCount, attachmentCount) {
  const h = Buffer.alloc(32);
  h.writeUInt32LE(recipientCount, 8); // next recipient id
  h.writeUInt32LE(attachmentCount, 12); // next attachment id
  h.writeUInt32LE(recipientCount, 16);
  h.writeUInt32LE(attachmentCount, 20);
  return h;
}

/** Header of a recipient's or attachment's property stream (MS-OXMSG 2.4.1.3), 8 reserved bytes. */
function subObjectHeader() {
  return Buffer.alloc(8);
}

function id8(n) {
  return n.toString(16).toUpperCase().padStart(8, "0");
}

/**
 * Builds one .msg file.
 * @param {object} m  { subject, body (use \n; written with CRLF), sender: {name, email},
 *                      to: [{name, email}], sentUtc, attachments: [{fileName, mimeType, data: Buffer}] }
 * @returns {Buffer}
 */
function buildMsg(m) {
  const cfb = CFB.utils.cfb_new({ CLSID: IMESSAGE_CLSID });
  const add = (p, data) => CFB.utils.cfb_add(cfb, "/" + p, data);
  const crlf = (s) => s.replace(/\r?\n/g, "\r\n");
  const attachments = m.attachments || [];
  const to = m.to || [];

  const root = new PropertyBag()
    .unicode(0x001a, "IPM.Note") // PR_MESSAGE_CLASS
    .unicode(0x0037, m.subject) // PR_SUBJECT
    .unicode(0x0e1d, m.subject) // PR_NORMALIZED_SUBJECT
    .unicode(0x1000, crlf(m.body)) // PR_BODY
    .unicode(0x0c1a, m.sender.name) // PR_SENDER_NAME
    .unicode(0x0c1e, "SMTP") // PR_SENDER_ADDRTYPE
    .unicode(0x0c1f, m.sender.email) // PR_SENDER_EMAIL_ADDRESS
    .unicode(0x5d01, m.sender.email) // PR_SENDER_SMTP_ADDRESS
    .unicode(0x0042, m.sender.name) // PR_SENT_REPRESENTING_NAME
    .unicode(0x0e04, to.map((r) => r.name).join("; ")) // PR_DISPLAY_TO
    .unicode(0x0e03, "") // PR_DISPLAY_CC
    .time(0x0039, m.sentUtc) // PR_CLIENT_SUBMIT_TIME
    .time(0x0e06, m.sentUtc) // PR_MESSAGE_DELIVERY_TIME
    .long(0x0e07, MSGFLAG_READ | (attachments.length ? MSGFLAG_HASATTACH : 0)) // PR_MESSAGE_FLAGS
    .bool(0x0e1b, attachments.length > 0) // PR_HASATTACH
    .long(0x3fde, 65001) // PR_INTERNET_CPID (UTF-8)
    .long(0x3ffd, 1252); // PR_MESSAGE_CODEPAGE

  add("__properties_version1.0", root.propertyStream(topLevelHeader(to.length, attachments.length)));
  for (const s of root.streams) add(s.name, s.data);

  // Named-property mapping: GUID, entry and string streams (empty: no named properties used).
  for (const t of ["00020102", "00030102", "00040102"]) add(`__nameid_version1.0/__substg1.0_${t}`, Buffer.alloc(0));

  to.forEach((r, i) => {
    const dir = `__recip_version1.0_#${id8(i)}`;
    const bag = new PropertyBag()
      .long(0x0c15, MAPI_TO) // PR_RECIPIENT_TYPE
      .long(0x0ffe, MAPI_MAILUSER) // PR_OBJECT_TYPE
      .long(0x3000, i) // PR_ROWID
      .unicode(0x3001, r.name) // PR_DISPLAY_NAME
      .unicode(0x3002, "SMTP") // PR_ADDRTYPE
      .unicode(0x3003, r.email) // PR_EMAIL_ADDRESS
      .unicode(0x39fe, r.email); // PR_SMTP_ADDRESS
    add(`${dir}/__properties_version1.0`, bag.propertyStream(subObjectHeader()));
    for (const s of bag.streams) add(`${dir}/${s.name}`, s.data);
  });

  attachments.forEach((a, i) => {
    const dir = `__attach_version1.0_#${id8(i)}`;
    const ext = path.extname(a.fileName);
    const bag = new PropertyBag()
      .long(0x0e20, a.data.length) // PR_ATTACH_SIZE (approximate: data only)
      .long(0x0e21, i) // PR_ATTACH_NUM
      .long(0x0ffe, MAPI_ATTACH) // PR_OBJECT_TYPE
      .unicode(0x3001, a.fileName) // PR_DISPLAY_NAME
      .binary(0x3701, a.data) // PR_ATTACH_DATA_BIN
      .unicode(0x3703, ext) // PR_ATTACH_EXTENSION
      .unicode(0x3704, a.fileName) // PR_ATTACH_FILENAME (short; our names fit 8.3)
      .long(0x3705, ATTACH_BY_VALUE) // PR_ATTACH_METHOD
      .unicode(0x3707, a.fileName) // PR_ATTACH_LONG_FILENAME
      .unicode(0x370e, a.mimeType) // PR_ATTACH_MIME_TAG
      .long(0x370b, -1) // PR_RENDERING_POSITION: not rendered in the body
      .bool(0x7ffe, false); // PR_ATTACHMENT_HIDDEN
    add(`${dir}/__properties_version1.0`, bag.propertyStream(subObjectHeader()));
    for (const s of bag.streams) add(`${dir}/${s.name}`, s.data);
  });

  return Buffer.from(CFB.write(cfb, { type: "buffer" }));
}

const crlfText = (s) => Buffer.from(s.replace(/\r?\n/g, "\r\n"), "utf8");

/** The synthetic messages. `set` says where each belongs. */
const MESSAGES = [
  {
    set: "samples",
    file: "07-oekonomi-betalingsaftale.msg",
    subject: "Betalingsaftale vedr. huslejerestance",
    sender: { name: "Mette Winther", email: "mewi@kommune.example.dk" },
    to: [{ name: "Ole Bak", email: "olba@kommune.example.dk" }],
    sentUtc: "2025-05-12T08:41:00Z",
    body: `Hej Ole

Som aftalt sender jeg oplysningerne til brug for betalingsaftalen på huslejerestancen.

Borger: Kasper Mørk, cpr-nr. 030992-3669
Adresse: Engtoften 19, 9999 Holmstrup
Restance: 18.450,00 kr. (3 måneders husleje)

Kasper oplyser, at restancen er opstået i en periode med et længerevarende alkoholmisbrug. Han er nu i misbrugsbehandling i Rusmiddelcenter Holmstrup og har ikke drukket siden januar. Han tilbyder at betale 1.500 kr. om måneden.

Husstandens budget er vedhæftet. Samleveren har også underskrevet.

Venlig hilsen
Mette Winther
Økonomisk rådgiver, Borgerservice og Økonomi
Holmstrup Kommune
`,
    attachments: [
      {
        fileName: "budget.txt",
        mimeType: "text/plain",
        data: crlfText(`Husstandsbudget - Engtoften 19, 9999 Holmstrup
Udarbejdet 12.05.2025 af Økonomisk Rådgivning

Ansøger:   Kasper Mørk    030992-3669
Samlever:  Nadia Mørk     061286-2060

Indtægter pr. måned (netto)
  Kontanthjælp (Kasper)        11.028,00
  Løn (Nadia)                  14.310,00
  I alt                        25.338,00

Udgifter pr. måned
  Husleje                       6.150,00
  El og varme                   1.240,00
  Forsikringer                    610,00
  Transport                       900,00
  Mad og husholdning            6.500,00
  I alt                        15.400,00

Rådighedsbeløb                  9.938,00
Foreslået afdrag                1.500,00
`),
      },
    ],
  },
  {
    set: "fixtures",
    file: "caseworker.msg",
    subject: "Netværksanbringelse - aktuelle oplysninger",
    sender: { name: "Rikke Holm Madsen", email: "rhm@kommune.example.dk" },
    to: [{ name: "Familieplejen", email: "familiepleje@kommune.example.dk" }],
    sentUtc: "2025-02-04T13:05:00Z",
    body: `Hej Familieplejen

Mormoren, Inge Lauritsen (cpr. 281062-2469), er nu godkendt som netværksplejefamilie.
Se det vedhæftede notat om barnet og anbringelsen.

Hilsen
Rikke Holm Madsen
Socialrådgiver, Børne- og Familieafdelingen
`,
    attachments: [
      {
        fileName: "notat.txt",
        mimeType: "text/plain",
        data: crlfText(`Notat til sagen
Barn: Oliver Lauritsen, CPR-nr. 160414-6719
Grundlag: to underretninger fra daginstitutionen i efteråret.
Mor er i behandling for alkoholmisbrug; anbringelsen er frivillig.
`),
      },
    ],
  },
];

function main(argv) {
  const args = argv.slice(2);
  let set = "samples";
  let outDir = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--set") set = args[++i];
    else if (a.startsWith("--set=")) set = a.slice(6);
    else if (a === "-h" || a === "--help") {
      process.stdout.write("usage: node scripts/make-msg-fixtures.cjs [outDir] [--set samples|fixtures]\n");
      return;
    } else outDir = a;
  }
  if (set !== "samples" && set !== "fixtures") throw new Error(`unknown --set ${set}`);
  const dir = outDir || (set === "samples" ? "samples/mails/" : "test/fixtures/mail/");
  fs.mkdirSync(dir, { recursive: true });
  for (const m of MESSAGES.filter((x) => x.set === set)) {
    const out = path.join(dir, m.file);
    fs.writeFileSync(out, buildMsg(m));
    process.stdout.write(`wrote ${out}\n`);
  }
}

module.exports = { buildMsg, MESSAGES };

if (require.main === module) main(process.argv);
