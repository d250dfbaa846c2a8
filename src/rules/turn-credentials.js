/**
 * Short-lived TURN credentials (issue 18 §3): the time-limited scheme that coturn accepts with
 * `use-auth-secret` / `static-auth-secret` (and most TURN servers with a REST-API mode, after
 * draft-uberti-behave-turn-rest-00): the username is `<expiry, unix seconds>:<user id>`, the
 * credential base64(HMAC-SHA1(secret, username)). The TURN server checks both with the same
 * secret and refuses a username whose expiry has passed, so nothing is stored anywhere.
 *
 * A pure function of its inputs (no clock, no environment): the mock and the reference server
 * both call it. Plain JavaScript with JSDoc types, so that the mock's Node side imports it as is;
 * Web Crypto only, so that it also runs in the browser behind MSW.
 */

/**
 * @typedef {object} TurnConfig
 * @property {string} secret the TURN server's `static-auth-secret`
 * @property {string[]} urls the TURN server's addresses (`turn:host:3478?transport=udp`, `turns:…`)
 * @property {string[]} [stunUrls] STUN servers handed out beside it (no credentials)
 * @property {number} [ttlSeconds] how long a credential works, in seconds (default 3600)
 */

/** @typedef {import('../core/contract/types.js').IceServers} IceServers */

const DEFAULT_TTL_SECONDS = 3600;

/** @param {ArrayBuffer} bytes */
function base64(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The ICE servers for `userId`, with a TURN credential that expires `ttlSeconds` after `now`.
 * @param {TurnConfig} config
 * @param {string} userId the signed-in participant (the server's id, never a name)
 * @param {number} now ms since the epoch, read once by the caller
 * @returns {Promise<IceServers>}
 */
export async function turnCredentials(config, userId, now) {
  if (!config.secret) throw new Error('TURN credentials need a secret.');
  const ttl = config.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const expiry = Math.floor(now / 1000) + ttl;
  const username = `${expiry}:${userId}`;
  const encoder = new TextEncoder();
  const key = await globalThis.crypto.subtle.importKey('raw', encoder.encode(config.secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const credential = base64(await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(username)));
  /** @type {IceServers['iceServers']} */
  const iceServers = [];
  if (config.stunUrls?.length) iceServers.push({ urls: [...config.stunUrls] });
  if (config.urls.length > 0) iceServers.push({ urls: [...config.urls], username, credential });
  return { iceServers, expiresAt: new Date(expiry * 1000).toISOString() };
}
