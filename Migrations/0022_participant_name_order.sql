-- `participant list` reads participants in name order, a page at a time after a given one
-- (keyset paging): this index gives that order without sorting the whole table, and finds
-- where a page starts without reading the rows before it.
CREATE INDEX participant_name_order ON participant (last_name, first_name, email);
