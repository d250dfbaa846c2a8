-- Up Migration
-- The clinic's tables (issue 14). The wire resources live in `doc` (jsonb) exactly as the shared
-- rules return them; the columns beside them are what constraints, indexes and tenancy need.
-- Invariants are constraints, not luck:
--   * one pending request per requester and provider  → one_pending_request_per_pair
--   * one answer per request                           → request_answers' primary key
--   * one use per idempotency key                      → idempotency_keys' primary key
--   * one gap-free sequence per user's stream          → event_streams row lock + events' primary key

CREATE TABLE clinic_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
-- Snapshot.epoch: changes only when the data starts over (a new database).
INSERT INTO clinic_meta (key, value) VALUES ('epoch', md5(random()::text || clock_timestamp()::text));

CREATE TABLE accounts (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  notes_enabled boolean NOT NULL DEFAULT false,
  request_timeout_seconds integer NOT NULL DEFAULT 300 CHECK (request_timeout_seconds BETWEEN 1 AND 86400),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account_services (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  position integer NOT NULL,
  PRIMARY KEY (account_id, id)
);

CREATE TABLE users (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  account_id text NOT NULL REFERENCES accounts (id),
  role text NOT NULL CHECK (role IN ('requester', 'provider')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  specialty text NOT NULL DEFAULT '',
  -- A user taken out of the directory keeps their history but can no longer sign in.
  active boolean NOT NULL DEFAULT true
);
CREATE INDEX users_by_account ON users (account_id);

-- Availability (R6): the Provider resource, one row per provider user.
CREATE TABLE providers (
  user_id text PRIMARY KEY REFERENCES users (id),
  account_id text NOT NULL REFERENCES accounts (id),
  available boolean NOT NULL,
  version bigint NOT NULL CHECK (version >= 1),
  doc jsonb NOT NULL
);
CREATE INDEX providers_by_account ON providers (account_id);

CREATE TABLE requests (
  id text PRIMARY KEY,
  requester_id text NOT NULL REFERENCES users (id),
  provider_id text NOT NULL REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled', 'expired')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- R5: a request created already declined never reaches its provider.
  visible_to_provider boolean NOT NULL,
  version bigint NOT NULL CHECK (version >= 1),
  doc jsonb NOT NULL
);
CREATE UNIQUE INDEX one_pending_request_per_pair ON requests (requester_id, provider_id) WHERE status = 'pending';
CREATE INDEX requests_due ON requests (expires_at) WHERE status = 'pending';
CREATE INDEX requests_by_requester ON requests (requester_id);
CREATE INDEX requests_by_provider ON requests (provider_id, created_at);

-- The first answer to a request (accept, decline, cancel, expire) inserts its row; a second
-- answer, however it raced the first, fails on the primary key and its transaction rolls back.
CREATE TABLE request_answers (
  request_id text PRIMARY KEY REFERENCES requests (id),
  outcome text NOT NULL CHECK (outcome IN ('accepted', 'declined', 'cancelled', 'expired')),
  answered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  request_id text NOT NULL UNIQUE REFERENCES requests (id),
  status text NOT NULL CHECK (status IN ('open', 'ended')),
  version bigint NOT NULL CHECK (version >= 1),
  doc jsonb NOT NULL
);

CREATE TABLE participants (
  session_id text NOT NULL REFERENCES sessions (id),
  role text NOT NULL CHECK (role IN ('requester', 'provider')),
  user_id text NOT NULL REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('not-arrived', 'in-waiting-room', 'in-meeting', 'left')),
  PRIMARY KEY (session_id, role)
);
CREATE INDEX participants_by_user ON participants (user_id);

-- Each user's stream position. Appending locks this row, so one user's events get gap-free,
-- ordered numbers whichever node writes them.
CREATE TABLE event_streams (
  user_id text PRIMARY KEY REFERENCES users (id),
  seq bigint NOT NULL DEFAULT 0 CHECK (seq >= 0)
);

CREATE TABLE events (
  user_id text NOT NULL REFERENCES users (id),
  seq bigint NOT NULL CHECK (seq >= 1),
  type text NOT NULL CHECK (type IN ('provider', 'request', 'session', 'signal', 'presence')),
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, seq)
);
CREATE INDEX events_by_age ON events (created_at);

CREATE TABLE idempotency_keys (
  user_id text NOT NULL REFERENCES users (id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  -- sha-256 of method, path and body: a replay with another body is refused.
  request_hash text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

-- Meeting signals (X5) relayed from one participant to the other; the payload is opaque.
CREATE TABLE signals (
  id bigserial PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id),
  from_user_id text NOT NULL REFERENCES users (id),
  to_user_id text NOT NULL REFERENCES users (id),
  type text NOT NULL,
  payload jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signals_by_age ON signals (created_at);

-- Who did what to which id, and how it ended: ids and outcomes only, never names, notes or tokens.
CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id text,
  command text NOT NULL,
  target_id text,
  status integer NOT NULL,
  outcome text NOT NULL,
  node text NOT NULL
);
CREATE INDEX audit_by_time ON audit (at);

-- Down Migration
DROP TABLE audit, signals, idempotency_keys, events, event_streams, participants, sessions,
  request_answers, requests, providers, users, account_services, accounts, clinic_meta;
