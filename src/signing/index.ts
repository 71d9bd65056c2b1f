export type { KeyAlgorithm, Signer, SigningIdentity } from './signer.js';
export { pkcs12Signer, pemSigner, keyObjectSigner, certificateCommonName } from './pkcs12-signer.js';
export { buildCadesSignedData, OIDS, type BuildCmsOptions } from './cms.js';
export { signPdf, pdfDate, type SignatureMeta, type SignPdfOptions } from './pades.js';
export { verifyPdfSignatures, parsePdfDate, type PdfSignatureReport } from './verify.js';
export {
  createTestCa, issueCertificate, TEST_CA_COMMON_NAME,
  type TestCa, type IssuedCertificate, type IssueOptions, type NameSpec,
} from './test-ca.js';
export { exportPkcs12, exportEncryptedKeyPem } from './pkcs12-export.js';
export { toPem, fromPem } from './engine.js';
