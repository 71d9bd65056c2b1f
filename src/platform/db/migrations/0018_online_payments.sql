-- Online payments (payments/online): a card or wallet gateway (VNPay 2.1.0; the national payment platform and other
-- gateways use the same table), and payments recorded without an officer at the counter (a gateway's server-to-server
-- notification, a bank's webhook): their receipts name no collecting officer.
alter table fee_receipts alter column collector_user_id drop not null;

-- One row per attempt to pay a fee through a gateway: its reference (vnp_TxnRef) is unique per gateway, the amount is
-- what was asked for (a notification with another amount is refused), and the outcome is final once set.
create table payment_attempts (
  unit_id integer not null references units (id),
  id bigint generated always as identity,
  payment_id bigint not null,
  gateway text not null check (gateway ~ '^[a-z0-9]{2,20}$'),
  txn_ref text not null check (txn_ref ~ '^[A-Za-z0-9]{8,40}$'),
  amount bigint not null check (amount > 0),
  status text not null default 'started' check (status in ('started', 'paid', 'failed')),
  response_code text check (response_code is null or length(response_code) <= 10),
  transaction_no text check (transaction_no is null or length(transaction_no) <= 50),
  started_by integer references users (id),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (unit_id, id),
  foreign key (unit_id, payment_id) references payments (unit_id, id),
  check ((status = 'started') = (finished_at is null))
);
create unique index payment_attempts_ref_idx on payment_attempts (gateway, txn_ref);
create index payment_attempts_payment_idx on payment_attempts (unit_id, payment_id);
