export { registerCatalogRoutes } from './routes.js';
export { seedCatalog } from './seed.js';
export { listSectors, versionInForce, searchProcedures, procedureVersion, procedureVersionWith, allInForce } from './store.js';
export { computeFee, formatVnd } from './fees.js';
export type { ProcedureVersion, TimeLimit, FeeSchedule } from './model.js';
