-- The commune websites this installation serves (portal/sites): one per unit, reached by its host name
-- ("tumy.hatinh.gov.vn") or, without a host name of its own, by the path fallback /xa/<unit code>/.
-- The site of `site.unitCode` (setting) answers any other host name.
create table sites (
  unit_id integer primary key references units (id),
  -- lower-case host name without port; null = reached by path only
  host text unique check (host is null or host ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$'),
  created_at timestamptz not null default now()
);
