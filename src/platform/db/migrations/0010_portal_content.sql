-- The commune website's content: categories (chuyên mục), articles (tin bài) with every saved version kept,
-- editable introduction pages (Decree 224/2026 art. 9(1)(c)) and the images uploaded for them.
create table portal_categories (
  unit_id integer not null references units (id),
  id integer generated always as identity,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  sort_order integer not null default 0,
  primary key (unit_id, id),
  unique (unit_id, slug)
);

create table portal_images (
  unit_id integer not null references units (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
  storage_key text not null,
  byte_size integer not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now(),
  primary key (unit_id, sha256)
);

-- state 'published' with publish_at in the future is a scheduled article: readers see it once publish_at <= now.
create table articles (
  unit_id integer not null references units (id),
  id integer generated always as identity,
  category_id integer not null,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null,
  summary text not null default '',
  body_html text not null,
  cover_sha256 text,
  cover_alt text,
  author_name text not null,
  state text not null check (state in ('draft', 'published')),
  publish_at timestamptz,
  revision integer not null default 1,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_by integer references users (id),
  updated_at timestamptz not null default now(),
  primary key (unit_id, id),
  unique (unit_id, slug),
  foreign key (unit_id, category_id) references portal_categories (unit_id, id),
  foreign key (unit_id, cover_sha256) references portal_images (unit_id, sha256),
  check (state = 'draft' or publish_at is not null),
  check (cover_sha256 is null or coalesce(cover_alt, '') <> '')
);
create index articles_public_idx on articles (unit_id, publish_at desc) where state = 'published';

create table article_revisions (
  unit_id integer not null,
  article_id integer not null,
  revision integer not null,
  category_id integer not null,
  title text not null,
  summary text not null,
  body_html text not null,
  cover_sha256 text,
  cover_alt text,
  author_name text not null,
  saved_by integer references users (id),
  saved_by_name text not null,
  saved_at timestamptz not null default now(),
  primary key (unit_id, article_id, revision),
  foreign key (unit_id, article_id) references articles (unit_id, id) on delete cascade
);

create table portal_pages (
  unit_id integer not null references units (id),
  id integer generated always as identity,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null,
  body_html text not null,
  sort_order integer not null default 0,
  updated_by integer references users (id),
  updated_at timestamptz not null default now(),
  primary key (unit_id, id),
  unique (unit_id, slug)
);
