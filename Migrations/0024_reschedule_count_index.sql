-- Every message with a calendar invite counts its session's reschedulings (the invite's
-- SEQUENCE): without an index, each convocation read the whole event table, which grows with
-- every registration, cancellation and signature of the organisation's history.
CREATE INDEX event_session_rescheduled ON event (((payload ->> 'sessionId')::bigint))
    WHERE name = 'session.rescheduled';
