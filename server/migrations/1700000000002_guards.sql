-- Up Migration
-- Guards that hold whatever the code above them does: a row's version only grows (clients keep
-- the copy with the higher version, so a write that does not raise it would be lost on screens),
-- a request leaves `pending` once and never returns (one answer per request, recorded in
-- request_answers whose primary key refuses a second), and an ended session stays ended.

CREATE FUNCTION vc_version_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version <= OLD.version THEN
    RAISE EXCEPTION 'stale write to % %: version % is not above %', TG_TABLE_NAME, OLD.doc->>'id', NEW.version, OLD.version
      USING ERRCODE = '40001';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION vc_request_answered_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status <> 'pending' AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'request % was already %', OLD.id, OLD.status USING ERRCODE = '40001';
  END IF;
  IF NEW.status <> 'pending' AND (TG_OP = 'INSERT' OR OLD.status = 'pending') THEN
    INSERT INTO request_answers (request_id, outcome) VALUES (NEW.id, NEW.status);
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION vc_session_stays_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'ended' AND NEW.status <> 'ended' THEN
    RAISE EXCEPTION 'session % has ended', OLD.id USING ERRCODE = '40001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER providers_version_grows BEFORE UPDATE ON providers FOR EACH ROW EXECUTE FUNCTION vc_version_grows();
CREATE TRIGGER requests_version_grows BEFORE UPDATE ON requests FOR EACH ROW EXECUTE FUNCTION vc_version_grows();
CREATE TRIGGER sessions_version_grows BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION vc_version_grows();
-- AFTER, so that the request row exists for request_answers' foreign key.
CREATE TRIGGER requests_answered_once AFTER INSERT OR UPDATE OF status ON requests FOR EACH ROW EXECUTE FUNCTION vc_request_answered_once();
CREATE TRIGGER sessions_stay_ended BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION vc_session_stays_ended();

-- Down Migration
DROP TRIGGER sessions_stay_ended ON sessions;
DROP TRIGGER requests_answered_once ON requests;
DROP TRIGGER sessions_version_grows ON sessions;
DROP TRIGGER requests_version_grows ON requests;
DROP TRIGGER providers_version_grows ON providers;
DROP FUNCTION vc_session_stays_ended(), vc_request_answered_once(), vc_version_grows();
