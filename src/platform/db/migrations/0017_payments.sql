-- Fee collection (payments/): the units' fee settings, one payment record per dossier with a fee, and the fee
-- receipts (biên lai thu phí, lệ phí; Decree 254/2026 Art. 23(2)), numbered per unit and year without gaps.

-- What a unit prints on its receipts and shows in its VietQR codes. The defaults of the two symbols are the
-- commonly seen forms (secondary sources); each unit must use the symbols it registered with the tax authority.
create table payment_settings (
  unit_id integer primary key references units (id),
  -- the fee account VietQR pays into (NAPAS BIN of the bank, account number, account holder)
  bank_bin text not null default '' check (bank_bin = '' or bank_bin ~ '^[0-9]{6}$'),
  bank_name text not null default '',
  account_number text not null default '' check (account_number = '' or account_number ~ '^[A-Za-z0-9]{1,19}$'),
  account_name text not null default '',
  -- the fee-collecting organisation and its tax code (mã số thuế: 10 digits, or 10 + "-" + 3 for a branch)
  collector_name text not null default '',
  collector_tax_code text not null default '' check (collector_tax_code = '' or collector_tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
  template_symbol text not null default '01BLP0-001',
  -- "{yy}" stands for the last two digits of the receipt's year: 'AA-{yy}E' gives AA-27E in 2027
  receipt_symbol text not null default 'AA-{yy}E',
  -- demo values (the seeded Tứ Mỹ account): pages say so, so nobody pays into them
  is_demo boolean not null default false,
  updated_by integer references users (id),
  updated_at timestamptz not null default now()
);

-- One per dossier with a fee, created when the dossier is received. 'gateway' payments (VNPay, the national
-- payment platform) will carry the gateway's name and transaction number in reconciliation_ref.
create table payments (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  dossier_id bigint not null,
  amount bigint not null check (amount > 0),
  due text not null check (due in ('atReceipt', 'beforeResult')),
  status text not null default 'pending' check (status in ('pending', 'paid', 'cancelled')),
  method text check (method in ('cash', 'vietqr', 'gateway')),
  paid_at timestamptz,
  collected_by integer references users (id),
  reconciliation_ref text check (reconciliation_ref is null or length(reconciliation_ref) between 1 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (unit_id, id),
  unique (unit_id, dossier_id),
  foreign key (unit_id, dossier_id) references dossiers (unit_id, id),
  check ((status = 'paid') = (paid_at is not null and method is not null))
);
create index payments_pending_idx on payments (unit_id, created_at) where status = 'pending';
-- a bank or gateway transaction pays one fee only
create unique index payments_reconciliation_idx on payments (unit_id, method, reconciliation_ref) where reconciliation_ref is not null;

-- Receipts: number 1.. per unit and year from the counter `feeReceipt.<year>`, taken in the payment's
-- transaction; a cancelled receipt keeps its number, marked cancelled with the reason.
create table fee_receipts (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  payment_id bigint not null,
  dossier_id bigint not null,
  dossier_code text not null,
  year integer not null check (year between 2000 and 2999),
  number integer not null check (number between 1 and 99999999),
  template_symbol text not null,
  receipt_symbol text not null,
  amount bigint not null check (amount > 0),
  amount_in_words text not null,
  fee_lines jsonb not null,
  payer_name text not null,
  payer_address text not null default '',
  method text not null check (method in ('cash', 'vietqr', 'gateway')),
  collector_name text not null,
  collector_tax_code text not null,
  collector_user_id integer not null references users (id),
  collector_user_name text not null,
  issued_at timestamptz not null,
  status text not null default 'issued' check (status in ('issued', 'cancelled')),
  cancel_reason text,
  cancelled_by integer references users (id),
  cancelled_at timestamptz,
  -- the signed PDF (file store key and SHA-256); after a cancellation, the signed copy marked ĐÃ HỦY
  storage_key text,
  pdf_sha256 text,
  signed_at timestamptz,
  sign_error text,
  cancelled_storage_key text,
  cancelled_pdf_sha256 text,
  primary key (unit_id, id),
  unique (unit_id, year, number),
  foreign key (unit_id, payment_id) references payments (unit_id, id),
  foreign key (unit_id, dossier_id) references dossiers (unit_id, id),
  check ((status = 'cancelled') = (cancel_reason is not null and cancelled_by is not null and cancelled_at is not null))
);
create index fee_receipts_issued_idx on fee_receipts (unit_id, issued_at);
create index fee_receipts_dossier_idx on fee_receipts (unit_id, dossier_id);

-- A receipt is never deleted, and what it says never changes: only its cancellation and its PDF are added later.
create or replace function fee_receipts_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'fee receipts are never deleted (cancel them)' using errcode = '42501';
  end if;
  if (new.unit_id, new.payment_id, new.dossier_id, new.dossier_code, new.year, new.number, new.template_symbol, new.receipt_symbol,
      new.amount, new.amount_in_words, new.fee_lines, new.payer_name, new.payer_address, new.method, new.collector_name,
      new.collector_tax_code, new.collector_user_id, new.collector_user_name, new.issued_at)
     is distinct from
     (old.unit_id, old.payment_id, old.dossier_id, old.dossier_code, old.year, old.number, old.template_symbol, old.receipt_symbol,
      old.amount, old.amount_in_words, old.fee_lines, old.payer_name, old.payer_address, old.method, old.collector_name,
      old.collector_tax_code, old.collector_user_id, old.collector_user_name, old.issued_at) then
    raise exception 'the content of a fee receipt cannot change' using errcode = '42501';
  end if;
  if old.status = 'cancelled' and new.status <> 'cancelled' then
    raise exception 'a cancelled fee receipt stays cancelled' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger fee_receipts_guard before update or delete on fee_receipts
  for each row execute function fee_receipts_guard();
