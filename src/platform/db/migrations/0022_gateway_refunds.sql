-- An online payment taken after the fee had been paid another way is owed back to the payer (payments/online): the
-- cashier records that it was given back, how, and who did it; the warning on the dossier then stops.
alter table payment_attempts add column refunded_at timestamptz;
alter table payment_attempts add column refunded_by integer references users (id);
alter table payment_attempts add column refund_note text check (refund_note is null or length(refund_note) between 5 and 500);
alter table payment_attempts add constraint payment_attempts_refund_check
  check ((refunded_at is null) = (refunded_by is null) and (refunded_at is null) = (refund_note is null) and (refunded_at is null or status = 'paid'));
