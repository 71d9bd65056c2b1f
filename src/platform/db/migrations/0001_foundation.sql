-- Foundation: settings, units, identity, audit, calendar overrides, procedure catalogue.
-- SQL kept to what PostgreSQL 15 runs (the embedded PGlite is 18).
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE; this wrapper pins the dictionary so it can be used in indexes.
create or replace function f_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

create table settings (
  key text primary key,
  value text not null
);

create table units (
  id integer generated always as identity primary key,
  code text not null unique,
  kind text not null check (kind in ('province', 'commune', 'ward', 'specialZone')),
  name text not null,
  full_name text not null,
  parent_id integer references units (id),
  agency_code text not null,
  former_names text[] not null default '{}',
  office_hours jsonb,
  created_at timestamptz not null default now()
);
create index units_parent_idx on units (parent_id);

create table users (
  id integer generated always as identity primary key,
  username text not null,
  full_name text not null,
  email text,
  account_type text not null check (account_type in ('citizen', 'staff')),
  password_hash text not null,
  is_active boolean not null default true,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create unique index users_username_idx on users (lower(username));

create table user_roles (
  user_id integer not null references users (id) on delete cascade,
  unit_id integer not null references units (id),
  role text not null check (role in ('receptionist', 'specialist', 'leader', 'clerk', 'editor', 'unitAdmin', 'provinceAdmin')),
  primary key (unit_id, user_id, role)
);
create index user_roles_user_idx on user_roles (user_id);

create table sessions (
  id_hash text primary key,
  user_id integer not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id integer generated always as identity primary key,
  user_id integer not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table audit_log (
  id bigint generated always as identity primary key,
  unit_id integer references units (id),
  actor_user_id integer references users (id),
  action text not null,
  target text,
  details jsonb not null default '{}',
  ip text,
  at timestamptz not null default now()
);
create index audit_log_unit_at_idx on audit_log (unit_id, at);

-- Append-only tables refuse UPDATE and DELETE whatever role the app runs as.
create or replace function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only', tg_table_name using errcode = '42501';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function refuse_change();

create table calendar_days (
  unit_id integer not null references units (id),
  date date not null,
  kind text not null check (kind in ('dayOff', 'makeUpWorkday')),
  name text not null,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  primary key (unit_id, date)
);

create table procedures (
  code text primary key,
  created_at timestamptz not null default now()
);

create table procedure_versions (
  code text not null references procedures (code),
  version integer not null check (version >= 1),
  effective_from date not null,
  name text not null,
  sector text not null,
  search_text text generated always as (f_unaccent(lower(name || ' ' || code || ' ' || sector))) stored,
  data jsonb not null,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  primary key (code, version),
  unique (code, effective_from)
);
create index procedure_versions_search_idx on procedure_versions using gin (search_text gin_trgm_ops);
create index procedure_versions_sector_idx on procedure_versions (sector);
create trigger procedure_versions_immutable before update or delete on procedure_versions
  for each row execute function refuse_change();
