-- Up Migration
-- Presence (issue 16.6): when each node last saw a user's stream open. A node writes its row when
-- a stream of the user opens, refreshes it while one is open, and writes it once more when the
-- last one closes; a user with a row but none fresher than the grace period is gone (shown as
-- `connected: false`). Rows outlive restarts, so a user gone while no node ran is gone after one.
CREATE TABLE presence (
  user_id text NOT NULL REFERENCES users (id),
  node_id text NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, node_id)
);

-- Down Migration
DROP TABLE presence;
