-- Daily counts per unit and procedure, kept with the events (same transaction as dossier_stats): a province-year
-- report sums ~150,000 of these instead of 2,000,000 dossier rows. Dossiers open at a moment are found through
-- the range index (received_at, end_at] without scanning the others.
create table dossier_stats_daily (
  unit_id integer not null,
  day date not null,
  procedure_code text not null,
  sector_code text not null,
  received_counter integer not null default 0,
  received_online integer not null default 0,
  received_post integer not null default 0,
  resolved_early integer not null default 0,
  resolved_on_time integer not null default 0,
  resolved_late integer not null default 0,
  withdrawn integer not null default 0,
  stopped integer not null default 0,
  primary key (unit_id, day, procedure_code)
);
create index dossier_stats_open_idx on dossier_stats using gist (tstzrange(received_at, end_at, '(]'));
-- REBUILD (the same statement rebuilds the table after bulk loads: src/reports/daily.ts)
insert into dossier_stats_daily (unit_id, day, procedure_code, sector_code, received_counter, received_online, received_post,
  resolved_early, resolved_on_time, resolved_late, withdrawn, stopped)
select unit_id, day, procedure_code, min(sector_code), sum(rc), sum(ro), sum(rp), sum(re), sum(rt), sum(rl), sum(w), sum(st) from (
  select unit_id, ((received_at at time zone 'UTC') + interval '7 hours')::date as day, procedure_code, sector_code,
    (channel = 'counter')::int as rc, (channel = 'online')::int as ro, (channel = 'post')::int as rp, 0 as re, 0 as rt, 0 as rl, 0 as w, 0 as st
  from dossier_stats
  union all
  select unit_id, ((end_at at time zone 'UTC') + interval '7 hours')::date, procedure_code, sector_code, 0, 0, 0,
    (coalesce(timeliness, '') = 'early')::int, (coalesce(timeliness, '') = 'onTime')::int, (coalesce(timeliness, '') = 'late')::int,
    (end_kind = 'withdrawn')::int, (end_kind = 'stopped')::int
  from dossier_stats where end_at is not null
) x group by unit_id, day, procedure_code;
