-- Signing in the room: the room page (`/r/<code>`) opens with a short code shown in the room,
-- one per half-day, and asks each participant the personal code printed in their convocation.

-- The room's code of a half-day, made when a coordinator first prints it and the same on every
-- print after. It is shown on a wall, not secret: it only says which half-day, and the page
-- takes it only while that half-day is open. Six characters of an alphabet without look-alikes
-- (no 0, O, 1, I, L, U).
CREATE TABLE room_code (
    slot_id bigint PRIMARY KEY REFERENCES slot ON DELETE CASCADE,
    code text NOT NULL CONSTRAINT room_code_code_key UNIQUE
        CONSTRAINT room_code_shape CHECK (code ~ '^[A-HJKMNP-TV-Z2-9]{6}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A participant's personal code, printed beside their link in the message that carries it: eight
-- characters of the same alphabet, of which only the SHA-256 is kept, as of the token. Trainers'
-- links have none.
ALTER TABLE signing_link
    ADD COLUMN personal_code_sha256 bytea CONSTRAINT signing_link_personal_code_key UNIQUE,
    ADD CONSTRAINT signing_link_personal_code_holder CHECK (personal_code_sha256 IS NULL OR registration_id IS NOT NULL);
