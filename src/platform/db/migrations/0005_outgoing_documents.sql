-- Outgoing documents (văn bản đi) and their register: number and symbol allocated at signing, per unit, per
-- register, per year, from 01 on 1 January, gap-free (the counter is taken in the signing transaction).
create table outgoing_documents (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  register text not null default 'chung',
  kind text not null check (kind in ('decision', 'officialLetter', 'certificate', 'report')),
  symbol text not null,
  year integer,
  number integer,
  summary text not null,
  document jsonb not null,
  state text not null check (state in ('draft', 'awaitingSignature', 'signed')),
  dossier_id bigint,
  signer_user_id integer references users (id),
  signed_at timestamptz,
  pdf_sha256 text,
  storage_key text,
  recipients jsonb not null default '[]',
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  primary key (unit_id, id),
  unique (unit_id, register, year, number),
  check ((number is null) = (year is null))
);
create index outgoing_documents_register_idx on outgoing_documents (unit_id, register, year, number);
