-- Issuing outgoing documents: drafting and approval, signing with retries, publication, and the remaining
-- fields of the outgoing register (Decree 30/2020, Appendix IV).
alter table outgoing_documents drop constraint outgoing_documents_state_check;
alter table outgoing_documents add constraint outgoing_documents_state_check
  check (state in ('draft', 'awaitingApproval', 'awaitingSignature', 'signed'));
alter table outgoing_documents
  add column public_token text,
  add column signer_name text,
  add column approved_by integer references users (id),
  add column approved_at timestamptz,
  add column sign_attempts integer not null default 0,
  add column last_error text,
  add column next_attempt_at timestamptz,
  add column copies integer not null default 1 check (copies between 1 and 1000),
  add column archive_holder text not null default 'Văn thư',
  add column published_at timestamptz,
  add column delivery_note text,
  add column note text,
  add column updated_at timestamptz not null default now();
update outgoing_documents set public_token = md5(unit_id::text || ':' || id::text || ':' || random()::text) where public_token is null;
alter table outgoing_documents alter column public_token set not null;
create unique index outgoing_documents_token_idx on outgoing_documents (public_token);
create unique index outgoing_documents_dossier_idx on outgoing_documents (unit_id, dossier_id) where dossier_id is not null;
create index outgoing_documents_pending_idx on outgoing_documents (next_attempt_at) where state = 'awaitingSignature';
alter table outgoing_documents drop constraint outgoing_documents_kind_check;
alter table outgoing_documents add constraint outgoing_documents_kind_check
  check (kind in ('decision', 'officialLetter', 'certificate', 'notice', 'report'));
