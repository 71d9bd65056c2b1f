-- Counter intake finds an applicant by personal ID number; without an index that lookup grows with every applicant.
create index applicants_id_number_idx on applicants (id_number) where id_number is not null;
