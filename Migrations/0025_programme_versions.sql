-- A module's programme as published (Qualiopi indicators 1, 5, 6): its operational objectives
-- become a list, one line each, each something that can be evaluated; it gains its teaching
-- methods and means, its accessibility for people with disabilities and its time to access; and
-- every change to what the programme prints is kept as a dated version that is never changed,
-- of which a session keeps the one in force when it was scheduled.

-- At most 30 objectives, each one line of 1 to 500 characters without spaces around it.
CREATE FUNCTION is_objective_list(objectives text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN cardinality(objectives) <= 30
    AND (SELECT coalesce(bool_and(o IS NOT NULL AND is_one_line(o) AND o = btrim(o) AND length(o) BETWEEN 1 AND 500), true)
         FROM unnest(objectives) AS o);

-- The objectives written so far, a line each, become the list (tabs as spaces, blank lines
-- dropped; a line beyond 500 characters or an objective beyond the 30th could not be one).
CREATE FUNCTION pg_temp.objective_lines(objectives text) RETURNS text[]
LANGUAGE sql IMMUTABLE
RETURN array(
    SELECT left(btrim(translate(line, E'\t\r', '  ')), 500)
    FROM regexp_split_to_table(objectives, '\n') WITH ORDINALITY AS l(line, n)
    WHERE btrim(translate(line, E'\t\r', '  ')) <> '' ORDER BY n LIMIT 30);
ALTER TABLE module DROP CONSTRAINT module_objectives_length, DROP CONSTRAINT module_objectives_text,
    ALTER COLUMN objectives DROP DEFAULT;
ALTER TABLE module ALTER COLUMN objectives TYPE text[] USING pg_temp.objective_lines(objectives);
ALTER TABLE module ALTER COLUMN objectives SET DEFAULT '{}',
    ADD CONSTRAINT module_objectives_list CHECK (is_objective_list(objectives)),
    ADD COLUMN methods text NOT NULL DEFAULT ''
        CONSTRAINT module_methods_length CHECK (length(methods) <= 5000)
        CONSTRAINT module_methods_text CHECK (is_clean_text(methods)),
    ADD COLUMN accessibility text NOT NULL DEFAULT ''
        CONSTRAINT module_accessibility_length CHECK (length(accessibility) <= 2000)
        CONSTRAINT module_accessibility_text CHECK (is_clean_text(accessibility)),
    ADD COLUMN access_delay text NOT NULL DEFAULT ''
        CONSTRAINT module_access_delay_length CHECK (length(access_delay) <= 1000)
        CONSTRAINT module_access_delay_text CHECK (is_clean_text(access_delay));

-- What the programme prints, as it stood from `valid_from`; written by the trigger below only,
-- so its values are the module's, already checked.
CREATE TABLE module_programme (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    module_id bigint NOT NULL REFERENCES module,
    version int NOT NULL,
    valid_from timestamptz NOT NULL DEFAULT now(),
    title text NOT NULL,
    duration_minutes int NOT NULL,
    modality text NOT NULL,
    nature text NOT NULL,
    audience text NOT NULL,
    prerequisites text NOT NULL,
    objectives text[] NOT NULL,
    programme text NOT NULL,
    methods text NOT NULL,
    evaluation_method text NOT NULL,
    accessibility text NOT NULL,
    access_delay text NOT NULL,
    price_per_participant_cents bigint,
    price_per_group_cents bigint,
    CONSTRAINT module_programme_version_key UNIQUE (module_id, version),
    -- For the session's reference, which names its module too.
    CONSTRAINT module_programme_id_module_id_key UNIQUE (id, module_id)
);

-- Each module's programme as it stands now is its first version, dated from the module.
INSERT INTO module_programme (module_id, version, valid_from, title, duration_minutes, modality, nature, audience,
                              prerequisites, objectives, programme, methods, evaluation_method, accessibility,
                              access_delay, price_per_participant_cents, price_per_group_cents)
SELECT id, 1, created_at, title, duration_minutes, modality, nature, audience, prerequisites, objectives, programme,
       methods, evaluation_method, accessibility, access_delay, price_per_participant_cents, price_per_group_cents
FROM module;

-- A new version when a module is added, and when a change touches what the programme prints;
-- the module's row is locked by the change, so two changes of one module number in turn.
CREATE FUNCTION module_programme_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.title, OLD.duration_minutes, OLD.modality, OLD.nature, OLD.audience,
            OLD.prerequisites, OLD.objectives, OLD.programme, OLD.methods, OLD.evaluation_method, OLD.accessibility,
            OLD.access_delay, OLD.price_per_participant_cents, OLD.price_per_group_cents)
        IS NOT DISTINCT FROM (NEW.title, NEW.duration_minutes, NEW.modality, NEW.nature, NEW.audience,
            NEW.prerequisites, NEW.objectives, NEW.programme, NEW.methods, NEW.evaluation_method, NEW.accessibility,
            NEW.access_delay, NEW.price_per_participant_cents, NEW.price_per_group_cents) THEN
        RETURN NULL;
    END IF;
    INSERT INTO module_programme (module_id, version, title, duration_minutes, modality, nature, audience,
                                  prerequisites, objectives, programme, methods, evaluation_method, accessibility,
                                  access_delay, price_per_participant_cents, price_per_group_cents)
    SELECT NEW.id, coalesce(max(version), 0) + 1, NEW.title, NEW.duration_minutes, NEW.modality, NEW.nature,
           NEW.audience, NEW.prerequisites, NEW.objectives, NEW.programme, NEW.methods, NEW.evaluation_method,
           NEW.accessibility, NEW.access_delay, NEW.price_per_participant_cents, NEW.price_per_group_cents
    FROM module_programme WHERE module_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER module_programme_version AFTER INSERT OR UPDATE ON module
    FOR EACH ROW EXECUTE FUNCTION module_programme_version();

-- Refuses the change it fires for, naming the rule (TG_ARGV[0]) and saying it (TG_ARGV[1]): the
-- guard of every table whose rows are records that stand once written.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[1] USING ERRCODE = 'check_violation', CONSTRAINT = TG_ARGV[0];
END
$$;
CREATE TRIGGER module_programme_append_only BEFORE UPDATE OR DELETE ON module_programme
    FOR EACH ROW EXECUTE FUNCTION refuse_change('module_programme_append_only', 'a programme version is never changed nor removed');
CREATE TRIGGER module_programme_no_truncate BEFORE TRUNCATE ON module_programme
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('module_programme_append_only', 'a programme version is never changed nor removed');

-- A session's programme: the version in force when it was scheduled, that is when it was added
-- as scheduled or when its draft was published; sessions scheduled so far have their module's
-- first version.
ALTER TABLE session ADD COLUMN programme_id bigint;
UPDATE session s SET programme_id = p.id FROM module_programme p WHERE p.module_id = s.module_id;
ALTER TABLE session ALTER COLUMN programme_id SET NOT NULL,
    ADD CONSTRAINT session_programme_fkey FOREIGN KEY (programme_id, module_id)
        REFERENCES module_programme (id, module_id);
CREATE INDEX session_programme_idx ON session (programme_id);

CREATE FUNCTION session_programme_in_force() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD.status = 'draft' AND NEW.status = 'scheduled') THEN
        NEW.programme_id := (SELECT id FROM module_programme WHERE module_id = NEW.module_id
                             ORDER BY version DESC LIMIT 1);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER session_programme_in_force BEFORE INSERT OR UPDATE OF status ON session
    FOR EACH ROW EXECUTE FUNCTION session_programme_in_force();
