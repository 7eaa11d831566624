-- m006: approximate district shapes, derived from the postcode points (lib/geo/shapes.py) and
-- cached here so maps draw offline without recomputing them. Built lazily on first use or by
-- `python -m lib.cli shapes`; reference_meta row 'district_shapes' records what they came from.
CREATE TABLE district_shapes (
    district_code   VARCHAR PRIMARY KEY,
    district_name   VARCHAR NOT NULL,
    ring            VARCHAR NOT NULL,   -- Lancashire | North West | Rest of UK (context)
    in_region       BOOLEAN NOT NULL,   -- one of the North West's 35 districts
    geom_wkt        VARCHAR NOT NULL,   -- (Multi)Polygon, British National Grid metres (EPSG:27700)
    label_x         DOUBLE NOT NULL,    -- a point inside the shape, for labels and clicks
    label_y         DOUBLE NOT NULL,
    area_km2        DOUBLE NOT NULL,
    vertices        INTEGER NOT NULL,
    source          VARCHAR NOT NULL
);
