-- Visitor statistics of the commune website (portal/visits).
-- One row per unit (site), Vietnam day and page path; written only by the periodic flush of each instance, as
-- additive upserts, so the counts of several instances add up. No IP address, User-Agent or visitor hash is stored:
-- visitors are told apart in memory only, with a key that changes every day.
create table site_visits_daily (
  unit_id integer not null references units (id),
  day date not null,
  -- the page path without its query string, or '(other)' for the pages beyond the per-flush cap
  path text not null check (length(path) <= 300),
  -- successful public HTML page views
  views bigint not null default 0 check (views >= 0),
  -- visits that began on this page (a visit: one visitor, until 30 minutes without a page view), so a day's visits are
  -- the sum over its paths
  visits bigint not null default 0 check (visits >= 0),
  primary key (unit_id, day, path)
);
