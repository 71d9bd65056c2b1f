-- Reconciliation of VietQR transfers (payments/reconcile): the fee account's statement lines, read from a file a cashier
-- uploads (CSV or XLSX exported from the bank) or sent by the bank's webhook, matched to pending fees by the transfer
-- note "HS <dossier code>" and the amount. A matched line records the payment and issues its receipt; the others wait
-- for the cashier, who matches them by hand to a dossier or marks them as not a fee.

-- One upload of a statement file, or one call of the bank's webhook that brought at least one new line.
create table bank_statement_imports (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  source text not null check (source in ('file', 'webhook')),
  -- the uploaded file's name (null for the webhook)
  file_name text check (file_name is null or length(file_name) between 1 and 255),
  -- SHA-256 of the uploaded file, or of the webhook's request body
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  -- the officer who uploaded the file (null for the webhook)
  imported_by integer references users (id),
  imported_at timestamptz not null default now(),
  -- credit lines read, and what became of them
  lines_read integer not null default 0 check (lines_read >= 0),
  matched_count integer not null default 0 check (matched_count >= 0),
  unmatched_count integer not null default 0 check (unmatched_count >= 0),
  already_imported_count integer not null default 0 check (already_imported_count >= 0),
  primary key (unit_id, id),
  check ((source = 'file') = (file_name is not null)),
  check (source = 'file' or imported_by is null)
);
create index bank_statement_imports_recent_idx on bank_statement_imports (unit_id, imported_at);

-- One credit line of the fee account. Its bank transaction reference is unique in the unit: the same statement uploaded
-- again, or a webhook sent again, adds nothing.
create table bank_statement_lines (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  import_id bigint not null,
  bank_ref text not null check (length(bank_ref) between 1 and 100),
  booked_at timestamptz not null,
  amount bigint not null check (amount > 0),
  description text not null default '' check (length(description) <= 1000),
  -- matched: paid automatically; resolved: matched by hand by a cashier; ignored: not a fee (with the cashier's note)
  status text not null check (status in ('matched', 'unmatched', 'resolved', 'ignored')),
  -- why the line was not matched automatically (kept after the cashier resolves or ignores it)
  reason text check (reason is null or length(reason) <= 1000),
  payment_id bigint,
  dossier_id bigint,
  receipt_id bigint,
  resolved_by integer references users (id),
  resolved_at timestamptz,
  note text check (note is null or length(note) <= 500),
  created_at timestamptz not null default now(),
  primary key (unit_id, id),
  unique (unit_id, bank_ref),
  foreign key (unit_id, import_id) references bank_statement_imports (unit_id, id),
  foreign key (unit_id, payment_id) references payments (unit_id, id),
  foreign key (unit_id, dossier_id) references dossiers (unit_id, id),
  foreign key (unit_id, receipt_id) references fee_receipts (unit_id, id),
  check ((status in ('matched', 'resolved')) = (payment_id is not null and dossier_id is not null and receipt_id is not null)),
  check (status <> 'unmatched' or reason is not null),
  check ((status in ('resolved', 'ignored')) = (resolved_by is not null and resolved_at is not null)),
  check (status <> 'ignored' or note is not null)
);
create index bank_statement_lines_open_idx on bank_statement_lines (unit_id, booked_at) where status = 'unmatched';
create index bank_statement_lines_recent_idx on bank_statement_lines (unit_id, created_at);
