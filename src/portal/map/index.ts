export { registerMapRoutes, MAP_EDITORS, ONLINE_MAP_SETTING } from './routes.js';
export { seedPortalMap } from './seed.js';
export { parseBoundary, parsePlaces, PLACE_KINDS, type BoundaryLayer, type PlacesLayer, type Place } from './geojson.js';
