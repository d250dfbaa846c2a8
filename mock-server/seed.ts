/**
 * The mock clinic's directory at start (and after every reset): four accounts, their requester
 * stations and clinicians. Deliberately no patient-like data — requesters are devices and desks,
 * so that screenshots and recordings of the demo never look like health records.
 *
 * Tenancy (issue 16.11, docs/http-contract.md): a requester reaches the providers of their own
 * account, and those of the accounts a directory rule (`reach`) adds. The demo's first three
 * accounts are one partner network (each reaches the others' providers), so the demo shows every
 * flow; Northgate is on its own: its users see and reach nobody of the others, nor they Northgate.
 */
import type { Role } from '../src/core/contract/constants.js';
import type { Account } from '../src/core/contract/types.js';

export interface SeedUser {
  id: string;
  name: string;
  role: Role;
  accountId: string;
  /** Providers only. */
  specialty?: string;
  /** Providers only: availability at start (R6). */
  available?: boolean;
}

export interface Seed {
  accounts: Account[];
  users: SeedUser[];
  /** Bearer token → user id. */
  tokens: Record<string, string>;
  /** Directory rule: account id → the other accounts whose providers its requesters may reach. */
  reach?: Record<string, string[]>;
  /** The only token `POST /reset` accepts (issue 17.10); the demo page holds it. None: no reset over HTTP. */
  resetToken?: string;
}

export interface DemoUser {
  id: string;
  name: string;
  role: Role;
  token: string;
}

export const SEED: Seed = {
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
    {
      id: 'acct-northgate',
      name: 'Northgate Family Practice',
      services: [],
      notesEnabled: true,
      requestTimeoutSeconds: 300,
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
    { id: 'req-northgate', name: 'Northgate Reception', role: 'requester', accountId: 'acct-northgate' },
    {
      id: 'prov-natarajan',
      name: 'Dr. Priya Natarajan',
      role: 'provider',
      accountId: 'acct-northgate',
      specialty: 'Internal Medicine',
      available: true,
    },
  ],
  tokens: {
    'demo-frontdesk': 'req-frontdesk',
    'demo-nursecart': 'req-nursecart',
    'demo-kiosk': 'req-kiosk',
    'demo-okafor': 'prov-okafor',
    'demo-lindqvist': 'prov-lindqvist',
    'demo-reyes': 'prov-reyes',
    'demo-northgate': 'req-northgate',
    'demo-natarajan': 'prov-natarajan',
  },
  reach: {
    'acct-riverside': ['acct-lakeside'],
    'acct-lakeside': ['acct-riverside'],
    'acct-hillcrest': ['acct-riverside', 'acct-lakeside'],
  },
  resetToken: 'demo-reset',
};

/** One sign-in per seeded user, for the demo's user picker and the README. */
export const DEMO_USERS: DemoUser[] = SEED.users.map((user) => ({
  id: user.id,
  name: user.name,
  role: user.role,
  token: Object.keys(SEED.tokens).find((token) => SEED.tokens[token] === user.id)!,
}));
