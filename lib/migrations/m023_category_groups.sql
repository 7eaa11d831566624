-- m023: the group a published spending category counts in on the Overview. Categories are free
-- text in the files; each is put in a standard group by data/category_groups.csv (a ProClass-style
-- "GROUP : detail" label by its first part, else by its keywords) unless staff chose a group for
-- it here, which then wins. Who and when are kept.
CREATE TABLE category_group_choices (
    category   VARCHAR PRIMARY KEY,   -- the category as published, trimmed
    group_name VARCHAR NOT NULL,
    set_by     VARCHAR NOT NULL,
    set_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);
