-- Invoices and credit notes (DOMAIN.md, "Conventions, quotes, invoices"): who buys and how they
-- are billed, the organisation's terms, and invoices numbered without gaps, frozen once issued.

-- What an invoice prints of its buyer: the legal name (the structure's or funder's name when it
-- is not set), the billing address and email, the VAT number when there is one.
ALTER TABLE employer
    ADD COLUMN legal_name text CONSTRAINT employer_legal_name_text
        CHECK (is_printed_line(legal_name) AND length(legal_name) BETWEEN 1 AND 200),
    ADD COLUMN billing_street text CONSTRAINT employer_billing_street_text
        CHECK (is_printed_line(billing_street) AND length(billing_street) BETWEEN 1 AND 200),
    ADD COLUMN billing_postal_code text CONSTRAINT employer_billing_postal_code_format
        CHECK (billing_postal_code ~ '^[0-9]{5}$'),
    ADD COLUMN billing_city text CONSTRAINT employer_billing_city_text
        CHECK (is_printed_line(billing_city) AND length(billing_city) BETWEEN 1 AND 100),
    ADD COLUMN billing_email text CONSTRAINT employer_billing_email_format CHECK (is_canonical_email(billing_email)),
    ADD COLUMN vat_number text CONSTRAINT employer_vat_number_format CHECK (vat_number ~ '^[A-Z]{2}[0-9A-Z]{2,13}$'),
    ADD CONSTRAINT employer_billing_address_whole
        CHECK (num_nulls(billing_street, billing_postal_code, billing_city) IN (0, 3));

-- A funder bills like a structure, and says how it wants its invoices: one per agreement (a
-- dossier), one per participant, or one for all its agreements of a session; and within how many
-- days of a session's end it must receive them.
ALTER TABLE funder
    ADD COLUMN legal_name text CONSTRAINT funder_legal_name_text
        CHECK (is_printed_line(legal_name) AND length(legal_name) BETWEEN 1 AND 200),
    ADD COLUMN siret text CONSTRAINT funder_siret_valid CHECK (is_valid_siret(siret)),
    ADD COLUMN billing_street text CONSTRAINT funder_billing_street_text
        CHECK (is_printed_line(billing_street) AND length(billing_street) BETWEEN 1 AND 200),
    ADD COLUMN billing_postal_code text CONSTRAINT funder_billing_postal_code_format
        CHECK (billing_postal_code ~ '^[0-9]{5}$'),
    ADD COLUMN billing_city text CONSTRAINT funder_billing_city_text
        CHECK (is_printed_line(billing_city) AND length(billing_city) BETWEEN 1 AND 100),
    ADD COLUMN billing_email text CONSTRAINT funder_billing_email_format CHECK (is_canonical_email(billing_email)),
    ADD COLUMN vat_number text CONSTRAINT funder_vat_number_format CHECK (vat_number ~ '^[A-Z]{2}[0-9A-Z]{2,13}$'),
    ADD COLUMN invoice_grouping text NOT NULL DEFAULT 'agreement' CONSTRAINT funder_invoice_grouping_check
        CHECK (invoice_grouping IN ('agreement', 'participant', 'session')),
    ADD COLUMN invoicing_delay_days int CONSTRAINT funder_invoicing_delay_days_range
        CHECK (invoicing_delay_days BETWEEN 1 AND 730),
    ADD CONSTRAINT funder_billing_address_whole
        CHECK (num_nulls(billing_street, billing_postal_code, billing_city) IN (0, 3));

-- The organisation's terms, printed on every invoice: its VAT regime (each with the sentence the
-- law fixes), the payment delay (at most 60 days), the late-penalty rate in hundredths of a
-- percent, the dédit charged on hours not attended (a share of their price, 0 for none) and
-- the bank account payments go to; and how many days after the due date an unpaid invoice is
-- recalled to its buyer, then, as many days later, to the coordinator.
ALTER TABLE organisation
    ADD COLUMN vat_regime text NOT NULL DEFAULT 'exempt-261-4-4a' CONSTRAINT organisation_vat_regime_check
        CHECK (vat_regime IN ('exempt-261-4-4a', 'franchise-293b', 'not-taxable')),
    ADD COLUMN payment_days int NOT NULL DEFAULT 30 CONSTRAINT organisation_payment_days_range
        CHECK (payment_days BETWEEN 0 AND 60),
    ADD COLUMN late_penalty_basis_points int CONSTRAINT organisation_late_penalty_basis_points_range
        CHECK (late_penalty_basis_points BETWEEN 1 AND 10000),
    ADD COLUMN no_show_charge_percent int NOT NULL DEFAULT 0 CONSTRAINT organisation_no_show_charge_percent_range
        CHECK (no_show_charge_percent BETWEEN 0 AND 100),
    ADD COLUMN payment_reminder_days int NOT NULL DEFAULT 15 CONSTRAINT organisation_payment_reminder_days_range
        CHECK (payment_reminder_days BETWEEN 1 AND 90),
    ADD COLUMN iban text CONSTRAINT organisation_iban_format CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    ADD COLUMN bic text CONSTRAINT organisation_bic_format CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$');

-- Each series' last number and issue date. Issuing locks its row and takes the next number in
-- the transaction that freezes the invoice: a rollback gives the number back, so there is no
-- gap, which a sequence cannot promise.
CREATE TABLE invoice_counter (
    series text PRIMARY KEY CONSTRAINT invoice_counter_series_format CHECK (series ~ '^(FA|AV)-[0-9]{4}$'),
    last_number int NOT NULL CONSTRAINT invoice_counter_last_number_range CHECK (last_number BETWEEN 0 AND 99999),
    last_issued_on date NOT NULL
);

-- An invoice (facture) or a credit note (avoir) to one buyer for one session. A draft has no
-- number and can change or go; once issued it holds its number, its dates, the seller's and
-- buyer's identities as printed, and the PDF sent with its SHA-256, and never changes again.
CREATE TABLE invoice (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CONSTRAINT invoice_kind_check CHECK (kind IN ('invoice', 'credit_note')),
    session_id bigint NOT NULL REFERENCES session,
    buyer_kind text NOT NULL CONSTRAINT invoice_buyer_kind_check CHECK (buyer_kind IN ('structure', 'funder', 'participant')),
    employer_id bigint REFERENCES employer,
    funder_id bigint REFERENCES funder,
    participant_id bigint REFERENCES participant,
    -- A credit note cites the invoice it credits, and why.
    credited_invoice_id bigint REFERENCES invoice,
    reason text CONSTRAINT invoice_reason_text CHECK (is_printed_line(reason) AND length(reason) BETWEEN 1 AND 300),
    total_cents bigint NOT NULL CONSTRAINT invoice_total_cents_range CHECK (total_cents BETWEEN 1 AND 10000000000),
    series text,
    sequence int,
    number text CONSTRAINT invoice_number_format CHECK (number ~ '^[A-Za-z0-9+_/-]{1,35}$'),
    issued_on date,
    due_on date,
    seller jsonb,
    buyer jsonb,
    pdf bytea,
    pdf_sha256 text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invoice_one_buyer CHECK (
        num_nonnulls(employer_id, funder_id, participant_id) = 1
        AND (buyer_kind = 'structure') = (employer_id IS NOT NULL)
        AND (buyer_kind = 'funder') = (funder_id IS NOT NULL)),
    CONSTRAINT invoice_credit_cites CHECK (
        (kind = 'credit_note') = (credited_invoice_id IS NOT NULL) AND (kind = 'credit_note') = (reason IS NOT NULL)),
    CONSTRAINT invoice_issued_whole CHECK (num_nulls(series, sequence, number, issued_on, due_on, seller, buyer, pdf, pdf_sha256) IN (0, 9)),
    CONSTRAINT invoice_number_of_series CHECK (number = series || '-' || lpad(sequence::text, 5, '0')),
    CONSTRAINT invoice_series_of_kind CHECK (left(series, 2) = CASE kind WHEN 'invoice' THEN 'FA' ELSE 'AV' END
                                             AND right(series, 4)::int = extract(year FROM issued_on)),
    CONSTRAINT invoice_due_within_60_days CHECK (due_on BETWEEN issued_on AND issued_on + 60),
    CONSTRAINT invoice_pdf_checksum CHECK (pdf_sha256 = encode(sha256(pdf), 'hex')),
    CONSTRAINT invoice_number_key UNIQUE (number),
    CONSTRAINT invoice_series_sequence_key UNIQUE (series, sequence),
    CONSTRAINT invoice_buyer_kind_key UNIQUE (id, buyer_kind)
);
CREATE INDEX invoice_session_idx ON invoice (session_id);
CREATE INDEX invoice_credited_idx ON invoice (credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;

-- The lines: a training line per participant (what a funder's claim says, or what a structure
-- or a person owes of the price for the hours done), and a dédit for hours not attended, which
-- is never a funder's. The buyer's kind is repeated so that a constraint can say so.
CREATE TABLE invoice_line (
    invoice_id bigint NOT NULL,
    buyer_kind text NOT NULL,
    position int NOT NULL CONSTRAINT invoice_line_position_range CHECK (position BETWEEN 1 AND 10000),
    kind text NOT NULL CONSTRAINT invoice_line_kind_check CHECK (kind IN ('training', 'dedit')),
    label text NOT NULL CONSTRAINT invoice_line_label_text CHECK (is_printed_line(label) AND length(label) BETWEEN 1 AND 500),
    registration_id bigint REFERENCES registration,
    funding_agreement_id bigint REFERENCES funding_agreement,
    attended_minutes int CONSTRAINT invoice_line_attended_minutes_range CHECK (attended_minutes BETWEEN 0 AND 1000000),
    planned_minutes int CONSTRAINT invoice_line_planned_minutes_range CHECK (planned_minutes BETWEEN 0 AND 1000000),
    amount_cents bigint NOT NULL CONSTRAINT invoice_line_amount_cents_range CHECK (amount_cents BETWEEN 1 AND 10000000000),
    PRIMARY KEY (invoice_id, position),
    FOREIGN KEY (invoice_id, buyer_kind) REFERENCES invoice (id, buyer_kind) ON DELETE CASCADE,
    CONSTRAINT invoice_line_dedit_not_to_funder CHECK (kind <> 'dedit' OR buyer_kind <> 'funder')
);

CREATE TABLE payment (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoice,
    amount_cents bigint NOT NULL CONSTRAINT payment_amount_cents_range CHECK (amount_cents BETWEEN 1 AND 10000000000),
    paid_on date NOT NULL,
    method text NOT NULL DEFAULT 'virement' CONSTRAINT payment_method_check
        CHECK (method IN ('virement', 'cheque', 'prelevement', 'carte', 'especes')),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_invoice_idx ON payment (invoice_id);

-- An issued invoice never changes and is never deleted. Issuing is the one update of a draft
-- that gives it a number: the number must be the one its series' counter just took, its date not
-- before the series' last, and its total the sum of its lines.
CREATE FUNCTION invoice_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counter invoice_counter%ROWTYPE;
BEGIN
    IF OLD.number IS NOT NULL THEN
        RAISE EXCEPTION 'invoice % is issued', OLD.number
            USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_issued_frozen';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.number IS NOT NULL THEN
        SELECT * INTO counter FROM invoice_counter WHERE series = NEW.series;
        IF counter.last_number IS DISTINCT FROM NEW.sequence OR counter.last_issued_on <> NEW.issued_on THEN
            RAISE EXCEPTION 'invoice % does not take its series'' counter', NEW.number
                USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_number_from_counter';
        END IF;
        IF NEW.total_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM invoice_line WHERE invoice_id = NEW.id) THEN
            RAISE EXCEPTION 'invoice % does not total its lines', NEW.number
                USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_total_of_lines';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoice_frozen BEFORE UPDATE OR DELETE ON invoice FOR EACH ROW EXECUTE FUNCTION invoice_frozen();

CREATE FUNCTION invoice_line_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM invoice WHERE id IN (OLD.invoice_id, NEW.invoice_id) AND number IS NOT NULL) THEN
        RAISE EXCEPTION 'the lines of an issued invoice never change'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_issued_frozen';
    END IF;
    RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER invoice_line_frozen BEFORE INSERT OR UPDATE OR DELETE ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION invoice_line_frozen();

-- The series' counter only moves forward, one number at a time, its date never backwards.
CREATE FUNCTION invoice_counter_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.last_number <> OLD.last_number + 1 OR NEW.last_issued_on < OLD.last_issued_on
       OR NEW.series <> OLD.series THEN
        RAISE EXCEPTION 'the counter of series % moves one number forward, never back in time', OLD.series
            USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_counter_forward';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoice_counter_forward BEFORE UPDATE OR DELETE ON invoice_counter
    FOR EACH ROW EXECUTE FUNCTION invoice_counter_forward();

-- A credit note credits an issued invoice of the same buyer and session, never more than what is
-- left of it; a payment settles an issued invoice, never more than what is left to pay. The
-- credited invoice's row lock serialises two of them at once.
CREATE FUNCTION invoice_balance_holds() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    original invoice%ROWTYPE;
    credited bigint;
    paid bigint;
BEGIN
    IF TG_TABLE_NAME = 'invoice' THEN
        IF NEW.credited_invoice_id IS NULL THEN
            RETURN NEW;
        END IF;
        SELECT * INTO original FROM invoice WHERE id = NEW.credited_invoice_id FOR UPDATE;
        IF original.number IS NULL OR original.kind <> 'invoice' OR original.session_id <> NEW.session_id
           OR (original.employer_id, original.funder_id, original.participant_id)
              IS DISTINCT FROM (NEW.employer_id, NEW.funder_id, NEW.participant_id) THEN
            RAISE EXCEPTION 'a credit note credits an issued invoice of its buyer and session'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_credit_of_issued';
        END IF;
        SELECT coalesce(sum(total_cents), 0) + NEW.total_cents INTO credited FROM invoice
        WHERE credited_invoice_id = original.id AND id <> NEW.id;
        IF credited > original.total_cents THEN
            RAISE EXCEPTION 'invoice % would be credited beyond its total', original.number
                USING ERRCODE = 'check_violation', CONSTRAINT = 'invoice_credit_within_total';
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO original FROM invoice WHERE id = NEW.invoice_id FOR UPDATE;
    IF original.number IS NULL OR original.kind <> 'invoice' THEN
        RAISE EXCEPTION 'a payment settles an issued invoice'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_of_issued_invoice';
    END IF;
    SELECT coalesce(sum(total_cents), 0) INTO credited FROM invoice
    WHERE credited_invoice_id = original.id AND number IS NOT NULL;
    SELECT coalesce(sum(amount_cents), 0) + NEW.amount_cents INTO paid FROM payment
    WHERE invoice_id = original.id AND id <> NEW.id;
    IF credited + paid > original.total_cents THEN
        RAISE EXCEPTION 'invoice % would be paid beyond what is left', original.number
            USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_within_balance';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoice_credit_balance BEFORE INSERT OR UPDATE OF total_cents, credited_invoice_id ON invoice
    FOR EACH ROW EXECUTE FUNCTION invoice_balance_holds();
CREATE TRIGGER payment_balance BEFORE INSERT OR UPDATE ON payment
    FOR EACH ROW EXECUTE FUNCTION invoice_balance_holds();
