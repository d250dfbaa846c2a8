/** The state of the live connection, as the tags show it. */
export const CONNECTION_STATES = [
  /** Not started: no tag is watching yet. */
  'idle',
  /** First connection under way. */
  'connecting',
  /** Live: snapshot applied, events flowing. */
  'connected',
  /** Push is blocked (a proxy, most often); the state converges by polling. */
  'polling',
  /** The connection dropped; a new one is being made. */
  'reconnecting',
  /** The browser says it is offline; we keep trying. */
  'offline',
  /** The backend refused the token and no fresh one came. */
  'signed-out',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];
