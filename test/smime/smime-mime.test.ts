/** The small MIME reader under the S/MIME builder. */
import { bytesToBinary, fromBase64, toBase64, utf8Encode } from "../../src/core/smime/bytes";
import { canonicalizeCrlf, parseContentType, parseEntity, splitMultipartSigned } from "../../src/core/smime/mime";

const bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "latin1"));
const str = (b: Uint8Array): string => bytesToBinary(b);

describe("S/MIME MIME helpers", () => {
  it("makes bare LF and bare CR into CRLF and leaves CRLF alone", () => {
    expect(str(canonicalizeCrlf(bytes("a\nb\r\nc\rd\n")))).toBe("a\r\nb\r\nc\r\nd\r\n");
  });

  it("splits header fields (folded) from the body bytes", () => {
    const e = parseEntity(bytes("To: a@x.dk,\r\n b@x.dk\r\nSubject: s\r\n\r\nbody\n"));
    expect(e?.fields.map((f) => [f.name, f.value])).toEqual([["To", "a@x.dk, b@x.dk"], ["Subject", "s"]]);
    expect(e?.fields[0]?.raw).toBe("To: a@x.dk,\r\n b@x.dk");
    expect(str(e?.body ?? new Uint8Array())).toBe("body\n");
    expect(parseEntity(bytes("not a header\r\n\r\nbody"))).toBeUndefined();
  });

  it("reads Content-Type parameters, quoted or not", () => {
    const ct = parseContentType('Multipart/Signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="a;b"');
    expect(ct.type).toBe("multipart/signed");
    expect(ct.params.get("boundary")).toBe("a;b");
    expect(ct.params.get("micalg")).toBe("sha-256");
  });

  it("takes the signed part up to (not including) the CRLF before the boundary, and ignores longer boundaries", () => {
    const body = "preamble\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--bx not a boundary\r\n\r\n--b\r\nContent-Type: application/pkcs7-signature\r\n\r\nSIG\r\n--b--\r\n";
    const parts = splitMultipartSigned(bytes(body), "b");
    expect(str(parts?.content ?? new Uint8Array())).toBe("Content-Type: text/plain\r\n\r\nhello\r\n--bx not a boundary\r\n");
    expect(str(parts?.signature.body ?? new Uint8Array())).toBe("SIG");
  });

  it("round-trips base64 and wraps lines at 76", () => {
    const data = Uint8Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff);
    const b64 = toBase64(data, 76);
    expect(b64).toBe(Buffer.from(data).toString("base64").replace(/.{76}/g, "$&\r\n").replace(/\r\n$/, ""));
    expect(Buffer.from(fromBase64(b64) ?? []).equals(Buffer.from(data))).toBe(true);
    expect(fromBase64("ab$c")).toBeUndefined();
    expect(Buffer.from(utf8Encode("æøå €𝄞")).equals(Buffer.from("æøå €𝄞", "utf8"))).toBe(true);
  });
});
