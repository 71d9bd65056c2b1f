-- One narrow row per received dossier, kept up to date in the transaction of every dossier action: what the
-- processing reports, the Decision 766 indicators and the transparency page count. Reports aggregate this table
-- in SQL (one pass with FILTER and GROUPING SETS), never the wide dossiers projection.
create table dossier_stats (
  unit_id integer not null,
  dossier_id bigint not null,
  procedure_code text not null,
  sector_code text not null default '',
  channel text not null,
  received_at timestamptz not null,
  -- the due date that timeliness is judged by: set at receipt, moved by supplement pauses and restarts,
  -- never by an apology (an apology's new date does not make a late dossier on time)
  due_at timestamptz,
  -- end of processing: approve ('resolved'), refuse ('refused'), stop ('stopped') or withdraw ('withdrawn')
  end_at timestamptz,
  end_kind text check (end_kind in ('resolved', 'refused', 'stopped', 'withdrawn')),
  -- early / onTime / late for resolved and refused dossiers (Circular 01/2018 art. 13; two supplement requests = late)
  timeliness text check (timeliness in ('early', 'onTime', 'late')),
  supplement_requests integer not null default 0,
  -- start of the open supplement request (the clock is stopped while the applicant supplies documents)
  waiting_since timestamptz,
  received_by integer,
  handled_by integer,
  rating smallint,
  -- fee charged at receipt (đồng) and how it was paid ('cash', later online methods)
  fee_total integer not null default 0,
  fee_method text,
  -- at least one document scanned from the original (số hóa), and a digitally signed electronic result
  digitized boolean not null default false,
  e_result boolean not null default false,
  primary key (unit_id, dossier_id)
);
create index dossier_stats_received_idx on dossier_stats (unit_id, received_at);
create index dossier_stats_end_idx on dossier_stats (unit_id, end_at);

-- Existing dossiers (installations upgraded from earlier versions).
with ev as (
  select e.unit_id, e.dossier_id, e.seq, e.action, e.payload ->> 'clock' as clock, e.due_at,
    lag(e.due_at) over (partition by e.unit_id, e.dossier_id order by e.seq) as prev_due
  from dossier_events e
)
insert into dossier_stats (unit_id, dossier_id, procedure_code, sector_code, channel, received_at, due_at, end_at, end_kind, supplement_requests,
  waiting_since, received_by, handled_by, rating, fee_total, fee_method, digitized, e_result)
select d.unit_id, d.id, d.procedure_code, coalesce(d.procedure ->> 'sectorCode', d.procedure ->> 'sector', ''), d.channel, d.received_at,
  -- the judged due date (src/reports/rules.ts judgedDueChange): set by the receipt or a restarting supplement,
  -- moved by each later resuming supplement as far as the dossier's due date moved; apologies never count
  (select s.due_at + coalesce((select sum(r.due_at - r.prev_due) from ev r where r.unit_id = d.unit_id and r.dossier_id = d.id
      and r.action = 'supplement' and r.clock = 'resume' and r.seq > s.seq), interval '0')
    from ev s where s.unit_id = d.unit_id and s.dossier_id = d.id and (s.action = 'receive' or (s.action = 'supplement' and s.clock = 'restart'))
    order by s.seq desc limit 1),
  d.finished_at,
  (select case e.action when 'approve' then 'resolved' when 'refuse' then 'refused' when 'stop' then 'stopped' else 'withdrawn' end
     from dossier_events e where e.unit_id = d.unit_id and e.dossier_id = d.id and e.action in ('approve', 'refuse', 'stop', 'withdraw') order by e.seq desc limit 1),
  d.supplement_count, case when d.state = 'supplementRequested' then d.paused_at end,
  (select e.actor_user_id from dossier_events e where e.unit_id = d.unit_id and e.dossier_id = d.id and e.action = 'receive' limit 1),
  d.assigned_to, d.rating, coalesce((d.fee ->> 'total')::integer, 0), d.fee_method,
  exists (select 1 from attachments a where a.unit_id = d.unit_id and a.dossier_id = d.id and a.digitized),
  exists (select 1 from outgoing_documents o where o.unit_id = d.unit_id and o.dossier_id = d.id and o.state = 'signed')
from dossiers_full d where d.received_at is not null;
update dossier_stats set end_at = null where end_kind is null;
update dossier_stats set timeliness = case
    when supplement_requests >= 2 or end_at > due_at then 'late'
    when ((end_at at time zone 'UTC') + interval '7 hours')::date < ((due_at at time zone 'UTC') + interval '7 hours')::date then 'early'
    else 'onTime' end
  where end_kind in ('resolved', 'refused') and due_at is not null;
