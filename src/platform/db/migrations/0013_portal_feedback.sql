-- Reader feedback on the commune website's articles (portal/feedback): ratings, comments, reports and the
-- used captcha challenges. No IP address or User-Agent is stored: a reader is a keyed hash (HMAC-SHA256 of
-- IP + User-Agent under a key derived from an installation secret and the month), so the same reader gets a
-- new, unlinkable hash every month.

-- one rating per reader, article and month (a second rating in the same month replaces the first)
create table article_ratings (
  unit_id integer not null,
  article_id integer not null,
  reader_hash text not null check (reader_hash ~ '^[A-Za-z0-9_-]{43}$'),
  period text not null check (period ~ '^\d{4}-\d{2}$'),
  stars smallint not null check (stars between 1 and 5),
  rated_at timestamptz not null default now(),
  primary key (unit_id, article_id, reader_hash, period),
  foreign key (unit_id, article_id) references articles (unit_id, id) on delete cascade
);

-- status: pending (waiting for an editor), approved (shown), rejected, hidden (reported N times or hidden by an editor)
create table article_comments (
  unit_id integer not null,
  id integer generated always as identity,
  article_id integer not null,
  author_name text not null check (length(author_name) between 1 and 100),
  -- optional, never shown publicly; with the name it makes a commenter "trusted" once one comment is approved
  author_email text check (author_email is null or length(author_email) <= 200),
  body text not null check (length(body) between 1 and 2000),
  reader_hash text not null check (reader_hash ~ '^[A-Za-z0-9_-]{43}$'),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'hidden')),
  created_at timestamptz not null default now(),
  -- when an editor last decided on it: reports made before then no longer count
  reviewed_at timestamptz,
  reviewed_by integer references users (id),
  primary key (unit_id, id),
  foreign key (unit_id, article_id) references articles (unit_id, id) on delete cascade
);
create index article_comments_article_idx on article_comments (unit_id, article_id, status, created_at);
create index article_comments_status_idx on article_comments (unit_id, status, created_at);

create table comment_reports (
  unit_id integer not null,
  comment_id integer not null,
  reader_hash text not null check (reader_hash ~ '^[A-Za-z0-9_-]{43}$'),
  reported_at timestamptz not null default now(),
  primary key (unit_id, comment_id, reader_hash),
  foreign key (unit_id, comment_id) references article_comments (unit_id, id) on delete cascade
);

-- per site: publish comments of trusted commenters at once, and how many reports hide a comment
create table portal_feedback_settings (
  unit_id integer primary key references units (id),
  trust_known_commenters boolean not null default false,
  report_threshold integer not null default 3 check (report_threshold between 1 and 100)
);

-- captcha challenges already answered (single use across every instance), kept until they expire
create table captcha_used (
  id text primary key check (id ~ '^[A-Za-z0-9_-]{22}$'),
  expires_at timestamptz not null
);
create index captcha_used_expiry_idx on captcha_used (expires_at);
