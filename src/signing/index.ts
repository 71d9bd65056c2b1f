export type { KeyAlgorithm, Signer, SigningIdentity } from './signer.js';
export { pkcs12Signer, pemSigner, keyObjectSigner, certificateCommonName, readPkcs12, Pkcs12PassphraseError, type Pkcs12Contents } from './pkcs12-signer.js';
export { buildCadesSignedData, OIDS, type BuildCmsOptions } from './cms.js';
export { signPdf, pdfDate, type SignatureMeta, type SignPdfOptions } from './pades.js';
export { verifyPdfSignatures, parsePdfDate, type PdfSignatureReport, type TimestampReport } from './verify.js';
export {
  tsaTimestamper, requestTimeStampToken, parseTimeStampToken, checkTimeStampTokenSignature, TsaError, TSP_OIDS,
  type TsaTimestamperOptions, type TimeStampTokenResult, type ParsedTimeStampToken,
} from './timestamp.js';
export { startTestTsa, TEST_TSA_COMMON_NAME, TEST_TSA_POLICY, type TestTsa, type TestTsaOptions } from './test-tsa.js';
export {
  createTestCa, issueCertificate, TEST_CA_COMMON_NAME,
  type TestCa, type IssuedCertificate, type IssueOptions, type NameSpec,
} from './test-ca.js';
export { exportPkcs12, exportEncryptedKeyPem } from './pkcs12-export.js';
export { toPem, fromPem } from './engine.js';
