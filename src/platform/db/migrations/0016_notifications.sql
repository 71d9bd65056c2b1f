-- Notifications to residents about their dossiers (src/notifications): an outbox written in the same transaction
-- as the dossier action, delivered by a background job (e-mail over SMTP, SMS through an HTTP gateway, or the log).

create table notifications (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  dossier_id bigint not null,
  -- the dossier event that caused it
  event_seq integer not null,
  kind text not null check (kind in ('received', 'supplementRequested', 'resultReady', 'apology', 'returned')),
  channel text not null check (channel in ('email', 'sms')),
  -- the e-mail address or phone number, in full only while it may still be sent; masked once sent or given up
  recipient text not null,
  -- rendered when queued, so that a later template change never alters a queued message
  subject text not null default '',
  body_text text not null,
  body_html text,
  -- the e-mail's one-click address for List-Unsubscribe (null for SMS)
  unsubscribe_url text,
  -- "<dossier id>:<event seq>:<channel>": a retried action or a replayed hook cannot queue the message twice
  dedupe_key text not null,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  -- when queued: the next attempt; when sending: the end of the sender's lease (after it another instance may retry)
  next_attempt_at timestamptz not null,
  last_error text,
  -- what delivered it: smtp, sms-http, or log (nothing configured: the demo)
  transport text,
  sent_at timestamptz,
  created_at timestamptz not null,
  primary key (unit_id, id),
  unique (unit_id, dedupe_key),
  foreign key (unit_id, dossier_id) references dossiers (unit_id, id)
);
create index notifications_due_idx on notifications (next_attempt_at) where status in ('queued', 'sending');
create index notifications_dossier_idx on notifications (unit_id, dossier_id);

-- What a resident with an account chose on /tai-khoan/thong-bao (no row: both channels on).
create table notification_preferences (
  user_id integer primary key references users (id),
  email boolean not null default true,
  sms boolean not null default true,
  -- set when the e-mail's unsubscribe link turned e-mail off
  email_unsubscribed_at timestamptz,
  updated_at timestamptz not null default now()
);

-- Addresses of applicants without an account that asked to receive no more e-mail (the unsubscribe link).
-- Only a keyed hash of the address is kept (HMAC with the installation's notification secret), never the address.
create table notification_optouts (
  channel text not null check (channel in ('email', 'sms')),
  address_key text not null,
  unsubscribed_at timestamptz not null default now(),
  primary key (channel, address_key)
);
