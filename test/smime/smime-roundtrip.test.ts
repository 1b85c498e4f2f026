/**
 * Round trip through OpenSSL over an algorithm matrix: recipients with RSA 2048 and 3072 keys,
 * one and several recipients (To, Cc, Bcc), with and without attachments, ASCII and 8-bit UTF-8
 * text, signed and encrypt-only. Every recipient and the sender decrypt with `openssl cms
 * -decrypt`; a signed message then passes `openssl cms -verify -CAfile ca.pem`; body and
 * attachments are equal to the input's after decoding.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openssl, opensslStatus, P12_PASSWORD, supportsPurposeSmimesign, useTestPki, type User } from "./test-pki";
import { decode, headerBlock, makeMessage, runCli } from "./smime-helpers";

jest.setTimeout(180000);

const pki = useTestPki();
let purpose: string[] = [];

beforeAll(() => {
  purpose = supportsPurposeSmimesign() ? ["-purpose", "smimesign"] : [];
  if (purpose.length === 0) console.warn("this openssl has no `cms -purpose`: verifying without -purpose smimesign");
});

it("finds -purpose in this openssl's cms, so the matrix verifies with smimesign", () => {
  expect(purpose).toEqual(["-purpose", "smimesign"]);
});


type Recipients = "bob-2048" | "carol-3072" | "several";
const RECIPIENTS: readonly Recipients[] = ["bob-2048", "carol-3072", "several"];

interface Case {
  readonly recipients: Recipients;
  readonly attachments: boolean;
  readonly eightBit: boolean;
  readonly signed: boolean;
}

const CASES: Case[] = [];
for (const recipients of RECIPIENTS)
  for (const attachments of [false, true])
    for (const eightBit of [false, true])
      for (const signed of [true, false]) CASES.push({ recipients, attachments, eightBit, signed });

function people(r: Recipients): { to: User[]; cc: User[]; bcc: User[] } {
  const u = pki.users;
  if (r === "bob-2048") return { to: [u.bob], cc: [], bcc: [] };
  if (r === "carol-3072") return { to: [u.carol], cc: [], bcc: [] };
  return { to: [u.bob], cc: [u.carol], bcc: [u.dave] };
}

let counter = 0;

describe.each(CASES)("S/MIME round trip %j", (c) => {
  it("is decrypted by every recipient and the sender, verified, and intact", async () => {
    const { to, cc, bcc } = people(c.recipients);
    const all = [...to, ...cc, ...bcc];
    const input = makeMessage({ from: pki.users.alice.email, to: to.map((u) => u.email), cc: cc.map((u) => u.email), bcc: bcc.map((u) => u.email), eightBit: c.eightBit, attachments: c.attachments, lf: counter % 2 === 1 });
    const dir = pki.dir;
    const n = counter++;
    const inFile = join(dir, `in-${n}.eml`);
    writeFileSync(inFile, input);
    const sender = c.signed ? ["--from-p12", pki.aliceP12, "--password-env", "SP_TEST_P12_PASSWORD"] : ["--encrypt-only", "--from-cert", pki.users.alice.cert];
    const run = await runCli(["smime", ...sender, ...all.flatMap((u) => ["--to-cert", u.cert]), "--trust", pki.caCert, inFile], { SP_TEST_P12_PASSWORD: P12_PASSWORD });
    expect(run.stderr).not.toMatch(/afvist/);
    expect(run.code).toBe(0);
    const head = headerBlock(run.stdout);
    expect(head).toMatch(/^Content-Type: application\/pkcs7-mime; smime-type=enveloped-data; name=smime\.p7m$/m);
    expect(head).toMatch(/^Content-Transfer-Encoding: base64$/m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).not.toMatch(/^Bcc:/im);
    expect(head).toMatch(/^Subject: =\?utf-8\?q\?Sag_om/m);
    const body = Buffer.from(run.stdout).toString("latin1").slice(head.length + 4);
    for (const line of body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);

    const outFile = join(dir, `out-${n}.eml`);
    writeFileSync(outFile, run.stdout);
    const expected = await decode(input);
    expect(expected.attachments).toHaveLength(c.attachments ? 2 : 0);
    const info = openssl(["cms", "-cmsout", "-print", "-in", outFile]).toString();
    expect(info).toMatch(/aes-256-cbc/);
    expect((info.match(/rsaesOaep/g) ?? []).length).toBe(all.length + 1);
    expect(info).toMatch(/sha256/);

    for (const reader of [...all, pki.users.alice]) {
      const decrypted = openssl(["cms", "-decrypt", "-in", outFile, "-recip", reader.cert, "-inkey", reader.key]);
      let content: Uint8Array = decrypted;
      if (c.signed) {
        expect(decrypted.toString("latin1")).toMatch(/^Content-Type: multipart\/signed; protocol="application\/pkcs7-signature"; micalg=sha-256;/);
        const decFile = join(dir, `dec-${n}-${reader.name}.eml`);
        writeFileSync(decFile, decrypted);
        const verified = opensslStatus(["cms", "-verify", "-in", decFile, "-CAfile", pki.caCert, ...purpose]);
        expect(verified.stderr).toBe("");
        expect(verified.ok).toBe(true);
        content = verified.stdout;
        // The signed attributes OpenSSL sees.
        const sig = openssl(["cms", "-cmsout", "-print", "-in", decFile]).toString();
        // contentType, messageDigest, signingTime, SMIMECapabilities, SMIMEEncryptionKeyPreference
        for (const oid of ["1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4", "1.2.840.113549.1.9.5", "1.2.840.113549.1.9.15", "1.2.840.113549.1.9.16.2.11"]) expect(sig).toContain(`(${oid})`);
        expect(sig).toContain("sha256WithRSAEncryption");
      } else {
        expect(decrypted.toString("latin1")).not.toMatch(/multipart\/signed/);
      }
      const got = await decode(content);
      expect(got.text).toBe(expected.text);
      expect(got.attachments.map((a) => a.filename)).toEqual(expected.attachments.map((a) => a.filename));
      got.attachments.forEach((a, i) => { expect(Buffer.from(a.content).equals(Buffer.from(expected.attachments[i]?.content ?? []))).toBe(true); });
    }
  });
});
