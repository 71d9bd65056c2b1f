-- Residents are also told when their dossier is refused (at intake or after processing) and when its processing
-- is stopped, with the reason: the two ends that otherwise leave them waiting.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('received', 'supplementRequested', 'resultReady', 'apology', 'returned', 'refused', 'stopped'));
