export { openSiteDirectory, type SiteDirectory } from './directory.js';
export { installSiteResolution, sitePathRewriter } from './routing.js';
export { listSites, saveSite, normalHost, SiteError } from './store.js';
export { siteAddress } from './address.js';
