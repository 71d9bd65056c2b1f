/**
 * Data shapes of the printable one-stop forms (Circular 01/2018/TT-VPCP, Circular 03/2025/TT-VPCP).
 * The dossier module fills them; the PDF renderers and the HTML print views read them.
 */
export interface FormHeader {
  parentBody: string; /* 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ' */
  issuingBody: string; /* 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG' */
  place: string; /* 'Tứ Mỹ' */
  date: Date;
}

export interface ApplicantBlock {
  fullName: string;
  address: string;
  phone: string;
  email: string;
}

/** What every numbered one-stop form carries about its dossier. */
export interface NumberedDossierForm {
  header: FormHeader;
  number: string;
  dossierCode: string;
  /** the QR code encodes it */
  lookupUrl: string;
  applicant: ApplicantBlock;
  procedureName: string;
}

export interface ReceiptForm extends NumberedDossierForm {
  documents: Array<{ name: string; form: string; count: number }>; // form = 'Bản chính' etc.
  dossierCount: number;
  timeLimitText: string;
  receivedAt: Date;
  dueAt: Date;
  returnPlace: string;
  fee: { lines: Array<{ name: string; amount: number }>; total: number; paid: boolean; method: string | null };
  register: { book: string; seq: number };
  receiverName: string;
  /** While the fee is pending and the unit takes transfers: the VietQR and account details (payments/). */
  transfer?: { payload: string; lines: Array<{ label: string; value: string }>; note: string } | undefined;
}

export interface SupplementForm extends NumberedDossierForm {
  missingItems: string[];
  reason: string;
  officerName: string;
  officerPhone: string;
}

export interface RefusalForm extends NumberedDossierForm {
  reason: string;
  officerName: string;
  intake: boolean /* true = refused at intake (Mẫu 03), false = after appraisal */;
}

export interface ApologyForm extends NumberedDossierForm {
  receivedAt: Date;
  originalDueAt: Date;
  reason: string;
  newDueAt: Date;
  signerName: string;
  signerTitle: string;
}

export interface ControlSheetForm {
  header: FormHeader;
  dossierCode: string;
  lookupUrl: string;
  applicant: ApplicantBlock;
  procedureName: string;
  receivedAt: Date;
  dueAt: Date;
  rows: Array<{
    body: string; /* unit/office name */
    step: string; /* e.g. 'Tiếp nhận hồ sơ' */
    handedAt: Date;
    handedBy: string;
    receivedBy: string;
    allottedMinutes: number | null;
    usedMinutes: number | null;
    result: 'early' | 'onTime' | 'late' | null;
    note: string;
  }>;
}

export interface RegisterForm {
  unitName: string;
  year: number;
  book: string;
  rows: Array<{
    seq: number;
    dossierCode: string;
    procedureName: string;
    count: number;
    applicantName: string;
    addressPhone: string;
    body: string;
    receivedAt: Date;
    dueAt: Date;
    transferredAt: Date | null;
    resultReceivedAt: Date | null;
    returnedAt: Date | null;
    note: string;
  }>;
}
