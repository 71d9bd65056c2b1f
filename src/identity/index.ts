export { createPrincipalResolver, principalByUsername } from './resolver.js';
export { registerIdentityRoutes, LOGIN_PATH } from './routes.js';
export { seedUnitsData, seedDemoUsers, DEMO_USERS, DEMO_PASSWORD, DEMO_COMMUNE_CODE, DEMO_SECOND_COMMUNE_CODE, DEMO_PROVINCE_CODE } from './demo.js';
export { createUser, findUserByUsername, countUsers } from './users.js';
export { createApiToken, revokeApiToken } from './tokens.js';
export { findUnitByCode, findUnitById, findUnitByIdIn, listUnitsByIds, reachableUnitIds, peoplesCommitteeName, type Unit } from './units.js';
export { hashPassword } from './passwords.js';
export { registerRegistrationRoutes } from './register.js';
