/**
 * The two signatures of an issued document, in the order Decree 30/2020 prescribes: first the
 * approving officer's personal signature (blue signature image), then the organisation's seal
 * signature (red seal over the left third of the signature image). Each is a PAdES incremental
 * update, so the first stays valid after the second.
 */
import { signPdf, type BuildCmsOptions, type Signer } from '../../signing/index.js';
import { appearanceBoxes, sealImagePdf, signatureImagePdf } from '../official/appearance.js';
import type { SignatureRect } from '../official/layout.js';

export interface OfficialSigners {
  person: { signer: Signer; name: string; png?: Buffer | null };
  seal: { signer: Signer; bodyName: string; parentName: string | null; png?: Buffer | null };
}

export interface SignOfficialInput {
  pdf: Uint8Array;
  signatureRect: SignatureRect;
  signers: OfficialSigners;
  signingTime: Date;
  /** Place of signing for the signature dictionary (/Location), e.g. "Tứ Mỹ, Hà Tĩnh". */
  location: string;
  /** e.g. "15/QĐ-UBND" */
  documentNumber: string;
  cms?: BuildCmsOptions;
}

export async function signOfficialDocument(input: SignOfficialInput): Promise<Uint8Array> {
  const { signatureRect: area, signers } = input;
  const boxes = appearanceBoxes(area);
  const [signatureImage, sealImage] = await Promise.all([
    signatureImagePdf(signers.person.name, boxes.signature, signers.person.png),
    sealImagePdf({ name: signers.seal.bodyName, parent: signers.seal.parentName }, signers.seal.png),
  ]);
  const personal = await signPdf(input.pdf, signers.person.signer, {
    name: signers.person.name,
    reason: `Ký ban hành văn bản số ${input.documentNumber}`,
    location: input.location,
    signingTime: input.signingTime,
  }, { ...input.cms, pageIndex: area.page, appearance: { pdf: signatureImage, rect: boxes.signature } });
  return signPdf(personal, signers.seal.signer, {
    name: signers.seal.bodyName,
    reason: `Đóng dấu văn bản số ${input.documentNumber}`,
    location: input.location,
    signingTime: input.signingTime,
  }, { ...input.cms, pageIndex: area.page, appearance: { pdf: sealImage, rect: boxes.seal } });
}
