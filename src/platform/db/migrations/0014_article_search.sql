-- Site search (/tim-kiem): the article's title, summary and body text (tags removed), lower case without
-- diacritics, like procedure_versions.search_text; a trigram index serves the `like '%word%'` filters.
-- The outer lower() folds what unaccent leaves in capitals ('Đ' -> 'D') whatever the database's locale.
alter table articles add column search_text text generated always as (
  lower(f_unaccent(lower(title || ' ' || summary || ' ' || regexp_replace(body_html, '<[^>]*>', ' ', 'g'))))
) stored;
create index articles_search_idx on articles using gin (search_text gin_trgm_ops);
