-- Conventions de formation with structures (D6353-1), contrats de formation with the
-- individuals who pay themselves (L6353-3 to -7), and quotes (devis) to any buyer — a structure,
-- a funder, a person — which, accepted, stand in for the convention of an OPCO-funded action: as
-- drawn for a session and as signed (a quote's signature is its acceptance). A contrat's
-- signature starts the ten days in which the individual may withdraw: nothing is invoiced or
-- paid to them before.
CREATE TABLE convention (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES session,
    kind text NOT NULL CONSTRAINT convention_kind_check CHECK (kind IN ('convention', 'contrat', 'quote')),
    employer_id bigint REFERENCES employer,
    funder_id bigint REFERENCES funder,
    participant_id bigint REFERENCES participant,
    -- A quote's offer holds until this day.
    valid_until date,
    -- The price agreed for the participants it names, and what their funders agreed to pay of it.
    price_cents bigint NOT NULL CONSTRAINT convention_price_cents_range CHECK (price_cents BETWEEN 0 AND 10000000000),
    funded_cents bigint NOT NULL CONSTRAINT convention_funded_cents_range CHECK (funded_cents BETWEEN 0 AND price_cents),
    pdf bytea NOT NULL CONSTRAINT convention_pdf_is_pdf CHECK (substring(pdf FROM 1 FOR 5) = '\x255044462d'::bytea),
    pdf_sha256 text NOT NULL,
    drawn_at timestamptz NOT NULL DEFAULT now(),
    signed_on date,
    signed_by text CONSTRAINT convention_signed_by_text CHECK (is_printed_line(signed_by) AND length(signed_by) BETWEEN 1 AND 200),
    signer_role text CONSTRAINT convention_signer_role_text CHECK (is_printed_line(signer_role) AND length(signer_role) BETWEEN 1 AND 100),
    signed_via text CONSTRAINT convention_signed_via_check CHECK (signed_via IN ('paper', 'link')),
    CONSTRAINT convention_one_party CHECK (
        num_nonnulls(employer_id, funder_id, participant_id) = 1
        AND (kind <> 'convention' OR employer_id IS NOT NULL) AND (kind <> 'contrat' OR participant_id IS NOT NULL)),
    CONSTRAINT convention_quote_validity CHECK ((kind = 'quote') = (valid_until IS NOT NULL)),
    CONSTRAINT convention_signature_whole CHECK (num_nulls(signed_on, signed_by, signer_role, signed_via) IN (0, 4)),
    CONSTRAINT convention_pdf_checksum CHECK (pdf_sha256 = encode(sha256(pdf), 'hex'))
);
CREATE UNIQUE INDEX convention_once
    ON convention (session_id, kind, coalesce(employer_id, 0), coalesce(funder_id, 0), coalesce(participant_id, 0));

-- A signed convention, contrat or quote never changes and is never deleted.
CREATE FUNCTION convention_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.signed_on IS NOT NULL THEN
        RAISE EXCEPTION 'convention % is signed', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'convention_signed_frozen';
    END IF;
    RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER convention_frozen BEFORE UPDATE OR DELETE ON convention
    FOR EACH ROW EXECUTE FUNCTION convention_frozen();

-- What may be invoiced to, or paid by, an individual for a session by a day (L6353-6): nothing
-- without a signed contrat nor before the tenth day after its signature; then 30 % of their
-- share of the price, and more as the training proceeds, in proportion to the minutes of the
-- half-days held by that day (in each slot's own time zone).
CREATE FUNCTION individual_billing_limit(p_session bigint, p_participant bigint, p_day date) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN c.signed_on IS NULL OR p_day < c.signed_on + 10 THEN 0
        ELSE greatest((c.price_cents - c.funded_cents) * 30 / 100,
                      (c.price_cents - c.funded_cents) * coalesce(held.minutes, 0) / nullif(held.planned, 0))
    END
    FROM (SELECT) AS one
    LEFT JOIN convention c ON c.session_id = p_session AND c.participant_id = p_participant AND c.kind = 'contrat'
    LEFT JOIN LATERAL (SELECT sum(minutes) FILTER (WHERE (starts_at AT TIME ZONE time_zone)::date <= p_day) AS minutes,
                              sum(minutes) AS planned
                       FROM slot WHERE session_id = p_session) AS held ON true
$$;

CREATE FUNCTION individual_billing_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target invoice%ROWTYPE;
    billed bigint;
BEGIN
    IF TG_TABLE_NAME = 'invoice' THEN
        IF NEW.buyer_kind <> 'participant' OR NEW.kind <> 'invoice' OR NEW.number IS NULL THEN
            RETURN NEW;
        END IF;
        SELECT coalesce(sum(CASE kind WHEN 'invoice' THEN total_cents ELSE -total_cents END), 0) + NEW.total_cents
        INTO billed FROM invoice
        WHERE session_id = NEW.session_id AND participant_id = NEW.participant_id AND number IS NOT NULL AND id <> NEW.id;
        IF billed > individual_billing_limit(NEW.session_id, NEW.participant_id, NEW.issued_on) THEN
            RAISE EXCEPTION 'invoice % exceeds what the contrat allows on %', NEW.number, NEW.issued_on
                USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_individual_withdrawal';
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO target FROM invoice WHERE id = NEW.invoice_id;
    IF target.buyer_kind <> 'participant' THEN
        RETURN NEW;
    END IF;
    SELECT coalesce(sum(p.amount_cents), 0) + NEW.amount_cents INTO billed
    FROM payment p JOIN invoice i ON i.id = p.invoice_id
    WHERE i.session_id = target.session_id AND i.participant_id = target.participant_id AND p.id <> NEW.id;
    IF billed > individual_billing_limit(target.session_id, target.participant_id, NEW.paid_on) THEN
        RAISE EXCEPTION 'payment exceeds what the contrat allows on %', NEW.paid_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_individual_withdrawal';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoice_individual_rules BEFORE UPDATE OF number ON invoice
    FOR EACH ROW EXECUTE FUNCTION individual_billing_rules();
CREATE TRIGGER payment_individual_rules BEFORE INSERT OR UPDATE ON payment
    FOR EACH ROW EXECUTE FUNCTION individual_billing_rules();

-- A contrat de formation names the trainers' diplomas, titles or references (L6353-4): each
-- trainer says theirs.
ALTER TABLE trainer ADD COLUMN qualifications text NOT NULL DEFAULT ''
    CONSTRAINT trainer_qualifications_text CHECK (is_clean_text(qualifications) AND length(qualifications) <= 1000);
