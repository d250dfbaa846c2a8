/** Where the test server serves the script-tag bundle (test/package/browser-plugins.mjs builds it). */
export const CDN_PATH = '/__vc/cdn/virtual-clinic.js';
