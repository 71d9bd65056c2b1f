/**
 * CAdES-detached (PAdES baseline B-B style) CMS SignedData built with pkijs.
 *
 * signedAttrs: contentType (id-data), messageDigest, id-aa-signingCertificateV2
 * (ESSCertIDv2: SHA-256 hash of the signer certificate, default algorithm
 * omitted, plus IssuerSerial). No CMS signing-time attribute: for PAdES the
 * claimed time belongs in the signature dictionary /M. The full chain from
 * the Signer is embedded.
 */
import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensurePkijsEngine, toArrayBuffer } from './engine.js';
import type { Signer } from './signer.js';

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

export interface BuildCmsOptions {
  /**
   * Extension point for unsigned attributes, called with the final
   * signature value; e.g. an RFC 3161 token over SHA-256(signature) as
   * id-aa-signatureTimeStampToken (OIDS.signatureTimeStampToken) for
   * PAdES B-T; `tsaTimestamper(url)` in timestamp.ts is such a function.
   */
  unsignedAttributes?: (signatureValue: Uint8Array) => Promise<pkijs.Attribute[]>;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

/** DER requires SET OF elements sorted by encoding (OpenSSL re-encodes this way when verifying). */
export function derSorted(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  return attrs
    .map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }))
    .sort((x, y) => compareBytes(x.der, y.der))
    .map((x) => x.a);
}

/** SET-tagged DER of signedAttrs, i.e. the bytes that are signed. */
export function signedAttributesSetDer(attrs: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const der = new Uint8Array(attrs.toSchema().toBER(false));
  der[0] = 0x31;
  return der;
}

export function signingCertificateV2(leaf: pkijs.Certificate, leafDer: Uint8Array): pkijs.Attribute {
  const certHash = createHash('sha256').update(leafDer).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [leaf.issuer.toSchema()] })],
      }),
      new asn1js.Integer({ valueHex: leaf.serialNumber.valueBlock.valueHexView.slice().buffer }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial],
  });
  return new pkijs.Attribute({
    type: OIDS.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

/**
 * Builds the DER ContentInfo(SignedData) for a detached signature over
 * content whose SHA-256 is `messageDigest`.
 */
export async function buildCadesSignedData(messageDigest: Uint8Array, signer: Signer, options: BuildCmsOptions = {}): Promise<Uint8Array> {
  ensurePkijsEngine();
  if (messageDigest.length !== 32) throw new Error('messageDigest must be a SHA-256 value (32 bytes)');
  const id = await signer.identity();
  const leafDer = id.certificateChain[0];
  if (!leafDer) throw new Error('Signer identity has an empty certificate chain');
  const certs = id.certificateChain.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)));
  const leaf = certs[0]!;

  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSorted([
      new pkijs.Attribute({ type: OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: OIDS.data })] }),
      new pkijs.Attribute({ type: OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(messageDigest) })] }),
      signingCertificateV2(leaf, leafDer),
    ]),
  });
  const toBeSigned = signedAttributesSetDer(signedAttrs);
  const signature = await signer.signDigestInput(toBeSigned);

  // Guard against a token/remote service returning a wrong or r||s-format signature.
  const publicKey = new X509Certificate(leafDer).publicKey;
  if (!cryptoVerify('sha256', toBeSigned, publicKey, signature)) {
    throw new Error('Chữ ký trả về không khớp với chứng thư số của người ký (signature does not verify with the signer certificate)');
  }

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
    signedAttrs,
    signatureAlgorithm: id.keyAlgorithm === 'RSA'
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256WithRSA, algorithmParams: new asn1js.Null() })
      : new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  if (options.unsignedAttributes) {
    const extra = await options.unsignedAttributes(signature);
    if (extra.length > 0) signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: extra });
  }

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
