export * from './access.js';
export * from './errors.js';
export { apiRoute, type RegisteredApiRoute } from './api-route.js';
export { buildOpenApiDocument } from './openapi.js';
export { createServer, MAX_BODY_BYTES, MAX_UPLOAD_BYTES, type ServerDeps } from './server.js';
export { SESSION_COOKIE, type DeclaredRoute } from './guard.js';
export { CSRF_FIELD, CSRF_HEADER } from './csrf.js';
export { sendHtml } from './html.js';
export { createRateLimiter, type RateLimiter } from './rate-limit.js';
