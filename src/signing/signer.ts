/**
 * The one signing abstraction of Xã Số.
 *
 * The CMS builder (cms.ts) computes the DER encoding of the CMS
 * SignedAttributes as a SET (tag 0x31, exactly the bytes covered by the
 * signature per RFC 5652 §5.4) and hands it to `signDigestInput`. The signer
 * returns the raw signature value that goes into SignerInfo.signature:
 *   - RSA:   PKCS#1 v1.5 signature over SHA-256(signedAttributesDer)
 *            (sha256WithRSAEncryption), big-endian, modulus length;
 *   - ECDSA: DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`
 *            over SHA-256(signedAttributesDer) (ecdsa-with-SHA256).
 *
 * How other key holders implement it, without changes to this interface:
 *
 *  - PKCS#11 token (USB token of Ban Cơ yếu / public CAs): `identity()` reads
 *    the certificate objects (CKO_CERTIFICATE, CKA_VALUE) from the token;
 *    `signDigestInput(bytes)` does C_SignInit with CKM_SHA256_RSA_PKCS
 *    (or CKM_ECDSA_SHA256) and C_Sign over the same `bytes`. Tokens that only
 *    offer raw mechanisms: hash locally with SHA-256, then CKM_RSA_PKCS over
 *    DigestInfo(sha256, hash), or CKM_ECDSA over the hash. PKCS#11 ECDSA
 *    returns r||s (fixed width): convert to the DER SEQUENCE above.
 *
 *  - Remote-signing service (VNPT SmartCA, Viettel MySign, ... "sign_type:
 *    hash"): `identity()` returns the certificate + chain from the provider's
 *    get_certificate call; `signDigestInput(bytes)` sends
 *    hex(SHA-256(bytes)) as data_to_be_signed, waits for the user's approval
 *    in the provider's app, and returns the decoded signature_value (convert
 *    r||s to DER for ECDSA if the provider returns the raw form).
 *    The method is async precisely so it may take minutes.
 */
export type KeyAlgorithm = 'RSA' | 'ECDSA';

export interface SigningIdentity {
  /** DER certificates, leaf first, then intermediates (root optional). */
  certificateChain: Uint8Array[];
  keyAlgorithm: KeyAlgorithm;
  displayName: string;
}

export interface Signer {
  identity(): Promise<SigningIdentity>;
  /** Signs the DER of the CMS SignedAttributes (SET) with SHA-256. */
  signDigestInput(signedAttributesDer: Uint8Array): Promise<Uint8Array>;
}
