-- The commune website's map (Decree 224/2026 art. 9(1)(c): the administrative boundary map): per unit, the
-- boundary (the commune and, for context, its neighbours) and the places drawn on it, each replaced whole by an
-- upload. `data` holds the validated layer (src/portal/map/geojson.ts), not the uploaded file.
create table portal_map_layers (
  unit_id integer not null references units (id),
  kind text not null check (kind in ('boundary', 'places')),
  data jsonb not null,
  file_name text,
  updated_by integer references users (id),
  updated_at timestamptz not null default now(),
  primary key (unit_id, kind)
);
