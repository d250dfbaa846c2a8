/** The state of the live connection, as the tags show it. */
export const CONNECTION_STATES = [
  /** Not started: no tag is watching yet. */
  'idle',
  /** First connection under way. */
  'connecting',
  /** Live: snapshot applied, events flowing. */
  'connected',
  /** Live, but an event was lost on the way and the snapshot that covers it is still to come (issue 17.1). */
  'catching-up',
  /**
   * Push is blocked (a proxy, most often: the stream fails, or opens and delivers nothing); the
   * state converges by polling, and updates may be delayed (issue 16.2).
   */
  'polling',
  /**
   * The connection keeps dropping (three times without a healthy spell): it is retried with growing
   * waits, and the host is told once rather than at every drop (issue 17.3).
   */
  'unstable',
  /** The connection dropped; a new one is being made. */
  'reconnecting',
  /** The browser says it is offline; we keep trying. */
  'offline',
  /** The backend refused the token and no fresh one came. */
  'signed-out',
  /** The base URL does not lead to a clinic backend (404 on its own paths, not JSON, CORS refused): issue 16.10. */
  'misconfigured',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];
