/**
 * Test files that never open a database: no PGlite, no PostgreSQL connection, no `xaso` process (which opens one).
 * They run in the PGlite pass like every other file, and are left out of the PostgreSQL pass (.ci/run), where
 * they would only repeat themselves: what they test does not depend on the database.
 *
 * Checked on every run: test/helpers/setup.ts makes a file listed here fail when it opens a database, starts
 * `xaso`, or reads XASO_TEST_DATABASE_URL. A file missing from this list just runs in both passes.
 * Paths relative to the project root.
 */
export const NO_DATABASE_FILES: readonly string[] = [
  'test/calendar/deadline.test.ts',
  'test/calendar/holidays.test.ts',
  'test/calendar/lunar.test.ts',
  'test/calendar/pause-remaining.test.ts',
  'test/calendar/timezone-purity.test.ts',
  'test/calendar/vn-time.test.ts',
  'test/catalog/fees.test.ts',
  'test/catalog/flat.test.ts',
  'test/catalog/seed.test.ts',
  'test/documents/forms.test.ts',
  'test/documents/official.test.ts',
  'test/dossiers/workflow-properties.test.ts',
  'test/dossiers/workflow.test.ts',
  'test/identity/seed-units.test.ts',
  'test/payments/amount-in-words.test.ts',
  'test/payments/reconcile-parse.test.ts',
  'test/payments/transfer-note.test.ts',
  'test/payments/vietqr-image.test.ts',
  'test/payments/vietqr.test.ts',
  'test/platform/csp.test.ts',
  'test/platform/trust-proxy.test.ts',
  'test/portal/articles-sanitize.test.ts',
  'test/portal/map-geojson.test.ts',
  'test/portal/map-geometry.test.ts',
  'test/portal/map-tiles.test.ts',
  'test/signing/keys.test.ts',
  'test/signing/pades.test.ts',
  'test/signing/timestamp.test.ts',
  'test/web/attribute.test.ts',
  'test/web/static-assets.test.ts',
];
