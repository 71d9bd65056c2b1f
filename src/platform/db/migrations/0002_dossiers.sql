-- One-stop dossiers: applicants, dossiers (projection), the hash-chained event log, counters, attachments.

create table applicants (
  id integer generated always as identity primary key,
  full_name text not null,
  id_number text,
  phone text,
  email text,
  address text,
  user_id integer references users (id),
  search_text text generated always as (f_unaccent(lower(full_name || ' ' || coalesce(phone, '') || ' ' || coalesce(id_number, '') || ' ' || coalesce(email, '')))) stored,
  created_at timestamptz not null default now()
);
create index applicants_search_idx on applicants using gin (search_text gin_trgm_ops);
create unique index applicants_user_idx on applicants (user_id) where user_id is not null;

-- Citizen accounts are registered with a phone number or an e-mail address.
alter table users add column phone text;
create unique index users_phone_idx on users (phone) where phone is not null;
create unique index users_email_idx on users (lower(email)) where email is not null;

create table dossiers (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  code text unique,
  procedure_code text not null,
  procedure_version integer not null,
  procedure jsonb not null,
  workflow jsonb not null,
  channel text not null check (channel in ('counter', 'online', 'post')),
  state text not null,
  state_before_supplement text,
  applicant_id integer references applicants (id),
  applicant jsonb not null,
  owner_user_id integer references users (id),
  request jsonb not null default '{}',
  submitted_at timestamptz,
  received_at timestamptz,
  due_at timestamptz,
  original_due_at timestamptz,
  paused_at timestamptz,
  supplement_count integer not null default 0,
  apology_count integer not null default 0,
  assigned_to integer references users (id),
  fee jsonb,
  fee_paid boolean not null default false,
  fee_method text,
  finished_at timestamptz,
  returned_at timestamptz,
  return_method text,
  rating smallint check (rating between 1 and 5),
  rating_comment text,
  register_book text,
  register_seq integer,
  version integer not null default 0,
  last_hash text,
  create_key text,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (unit_id, id),
  unique (unit_id, create_key)
);
create index dossiers_state_idx on dossiers (unit_id, state, due_at);
create index dossiers_owner_idx on dossiers (owner_user_id);
create index dossiers_assigned_idx on dossiers (assigned_to, state);
create index dossiers_received_idx on dossiers (unit_id, received_at);

create table dossier_events (
  unit_id integer not null,
  dossier_id bigint not null,
  seq integer not null,
  action text not null,
  actor_user_id integer references users (id),
  actor_name text not null,
  at timestamptz not null,
  state_before text,
  state_after text not null,
  due_at timestamptz,
  payload jsonb not null default '{}',
  idempotency_key text,
  prev_hash text,
  hash text not null,
  primary key (unit_id, dossier_id, seq),
  unique (unit_id, dossier_id, idempotency_key),
  foreign key (unit_id, dossier_id) references dossiers (unit_id, id)
);
create trigger dossier_events_append_only before update or delete on dossier_events
  for each row execute function refuse_change();

-- Gap-free counters (daily dossier sequence, yearly register number): incremented inside the same
-- transaction as the action that uses them, so a rolled-back action leaves no gap.
create table counters (
  unit_id integer not null references units (id),
  name text not null,
  last integer not null,
  primary key (unit_id, name)
);

create table attachments (
  unit_id integer not null,
  id bigint generated always as identity,
  dossier_id bigint not null,
  document_index integer,
  label text not null,
  file_name text not null,
  mime text not null check (mime in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null,
  sha256 text not null,
  storage_key text not null,
  digitized boolean not null default false,
  uploaded_by integer references users (id),
  created_at timestamptz not null default now(),
  primary key (unit_id, id),
  foreign key (unit_id, dossier_id) references dossiers (unit_id, id)
);
create index attachments_dossier_idx on attachments (unit_id, dossier_id);
