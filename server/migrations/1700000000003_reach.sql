-- Up Migration
-- Tenancy (issue 16.11, docs/http-contract.md "Who may reach whom"): the directory's rule that
-- lets an account's users see, and its requesters reach, the providers of other accounts (a
-- partner network). No row: an account sees and reaches only its own providers.
CREATE TABLE account_reach (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  reaches text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, reaches),
  CHECK (account_id <> reaches)
);
-- Who hears of an account's providers: the accounts whose rule reaches it.
CREATE INDEX account_reach_by_target ON account_reach (reaches);

-- Down Migration
DROP TABLE account_reach;
