// @ts-check
/**
 * The mock clinic's directory at start (and after every reset): three accounts, three requester
 * stations and three clinicians. Deliberately no patient-like data — requesters are devices and
 * desks, so that screenshots and recordings of the demo never look like health records.
 */

/**
 * @typedef {import('../src/core/model.js').Account} Account
 * @typedef {import('../src/core/model.js').Role} Role
 *
 * @typedef {object} SeedUser
 * @property {string} id
 * @property {string} name
 * @property {Role} role
 * @property {string} accountId
 * @property {string} [specialty] providers only
 * @property {boolean} [available] providers only: availability at start (R6)
 *
 * @typedef {object} Seed
 * @property {Account[]} accounts
 * @property {SeedUser[]} users
 * @property {Record<string, string>} tokens bearer token → user id
 *
 * @typedef {object} DemoUser
 * @property {string} id
 * @property {string} name
 * @property {Role} role
 * @property {string} token
 */

/** @type {Seed} */
export const SEED = {
  accounts: [
    {
      id: 'acct-riverside',
      name: 'Riverside Health',
      services: [
        { id: 'svc-urgent', name: 'Urgent Care' },
        { id: 'svc-behavioral', name: 'Behavioral Health' },
      ],
      notesEnabled: true,
      requestTimeoutSeconds: 300,
    },
    {
      id: 'acct-lakeside',
      name: 'Lakeside Clinic',
      services: [{ id: 'svc-general', name: 'General Consult' }],
      notesEnabled: false,
      requestTimeoutSeconds: 300,
    },
    {
      id: 'acct-hillcrest',
      name: 'Hillcrest Kiosks',
      services: [],
      notesEnabled: false,
      requestTimeoutSeconds: 120,
    },
  ],
  users: [
    { id: 'req-frontdesk', name: 'Riverside Front Desk', role: 'requester', accountId: 'acct-riverside' },
    { id: 'req-nursecart', name: 'Lakeside Nurse Cart 3', role: 'requester', accountId: 'acct-lakeside' },
    { id: 'req-kiosk', name: 'Hillcrest Lobby Kiosk', role: 'requester', accountId: 'acct-hillcrest' },
    {
      id: 'prov-okafor',
      name: 'Dr. Amara Okafor',
      role: 'provider',
      accountId: 'acct-riverside',
      specialty: 'Family Medicine',
      available: true,
    },
    {
      id: 'prov-lindqvist',
      name: 'Dr. Erik Lindqvist',
      role: 'provider',
      accountId: 'acct-riverside',
      specialty: 'Psychiatry',
      available: true,
    },
    {
      id: 'prov-reyes',
      name: 'Dr. Sofia Reyes',
      role: 'provider',
      accountId: 'acct-lakeside',
      specialty: 'Pediatrics',
      // Unavailable at start so that the demo shows R5 (instant decline, no alert) right away.
      available: false,
    },
  ],
  tokens: {
    'demo-frontdesk': 'req-frontdesk',
    'demo-nursecart': 'req-nursecart',
    'demo-kiosk': 'req-kiosk',
    'demo-okafor': 'prov-okafor',
    'demo-lindqvist': 'prov-lindqvist',
    'demo-reyes': 'prov-reyes',
  },
};

/**
 * One sign-in per seeded user, for the demo's user picker and the README.
 * @type {DemoUser[]}
 */
export const DEMO_USERS = SEED.users.map((user) => ({
  id: user.id,
  name: user.name,
  role: user.role,
  token: /** @type {string} */ (Object.keys(SEED.tokens).find((token) => SEED.tokens[token] === user.id)),
}));
