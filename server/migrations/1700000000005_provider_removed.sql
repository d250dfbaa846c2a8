-- Up Migration
-- A provider who leaves a user's sight (a tenancy rule that reaches less, issue 14) is an event of
-- its own on the user's stream: `provider-removed`.
ALTER TABLE events DROP CONSTRAINT events_type_check;
ALTER TABLE events ADD CONSTRAINT events_type_check CHECK (type IN ('provider', 'provider-removed', 'request', 'session', 'signal', 'presence'));

-- Down Migration
ALTER TABLE events DROP CONSTRAINT events_type_check;
ALTER TABLE events ADD CONSTRAINT events_type_check CHECK (type IN ('provider', 'request', 'session', 'signal', 'presence'));
