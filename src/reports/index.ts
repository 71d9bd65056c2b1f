/** Reports: statistics rows kept with the dossier events, the processing report, Decision 766, dashboards. */
export { writeStatsRow, markElectronicResult } from './stats-row.js';
export { foldStatsRow, type StatsRow } from './stats-fold.js';
export { rebuildDailyStats } from './daily.js';
export { processingReport, reportDossiers, type ReportFilter, type ProcessingReport } from './report.js';
export { computeIndex766 } from './index766.js';
export { registerReportRoutes } from './pages/routes.js';
export { readFilters, readUnitScope, hrefWith, parseVnDate, vnDayStart, type Filters, type UnitScope } from './pages/filters.js';
export { FilterForm, ExportLinks } from './pages/parts.js';
export { sendExport, type ExportDocument, type ExportTable, type ExportColumn, type Cell } from './pages/exports.js';
