/** S/MIME (RFC 8551) built with pkijs: sign, encrypt to recipients and sender, read back. */
export { buildSmime, openSmime, readAddresses, envelopeOf, verifyIfSigned, type BuildSmimeOptions, type BuiltSmime, type OpenSmimeOptions, type OpenedSmime, type SenderIdentity } from "./smime";
export { readPkcs12, holdSenderKey, type SenderKey, type HeldSenderKey } from "./p12";
export { parseCertificates, certLabel, certAddresses, checkCertificate, selectRecipientCertificates, isCaCertificate } from "./certs";
export { makeEngine, readEnvelope, type WebCrypto, type KeyHandle, type PrivateKeySource } from "./cms";
export { SmimeError, describeCert, type SmimeErrorCode, type CertLabel } from "./errors";
