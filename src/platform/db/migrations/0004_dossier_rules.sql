-- The procedure version and workflow a dossier pinned are large and never change: keep them out of the dossier
-- row, which every action rewrites. `dossiers_full` is the read view with both.
create table dossier_rules (
  unit_id integer not null,
  dossier_id bigint not null,
  procedure jsonb not null,
  workflow jsonb not null,
  primary key (unit_id, dossier_id),
  foreign key (unit_id, dossier_id) references dossiers (unit_id, id)
);
insert into dossier_rules (unit_id, dossier_id, procedure, workflow) select unit_id, id, procedure, workflow from dossiers;
alter table dossiers add column workflow_id text, add column workflow_version integer;
update dossiers set workflow_id = workflow->>'id', workflow_version = (workflow->>'version')::int;
alter table dossiers alter column workflow_id set not null, alter column workflow_version set not null;
alter table dossiers drop column procedure, drop column workflow;
create view dossiers_full as
  select d.*, r.procedure, r.workflow from dossiers d join dossier_rules r on r.unit_id = d.unit_id and r.dossier_id = d.id;
