-- A unit's parent may be checked at commit rather than per row, so a restore can load units in any order
-- (`set constraints all deferred`). Every other statement still checks it immediately.
alter table units alter constraint units_parent_id_fkey deferrable initially immediate;
