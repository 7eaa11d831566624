-- m018: rings relative to each body's own area. The force's "local" is Lancashire and its region the
-- North West; a Cumbria body's local is Cumbria, a Devon body's is Devon. Areas are data: a named
-- set of districts (a police force area, a county, a region), and each body's local area and region
-- are rows staff can change on the Bodies page or derive from the body's name (lib/peers.py).
CREATE TABLE areas (
    area_code   VARCHAR PRIMARY KEY,    -- an ONS code (E10000008, E12000002) or a made-up one (PFA-CUMBRIA)
    name        VARCHAR NOT NULL,       -- 'Cumbria', 'North West'
    kind        VARCHAR NOT NULL        -- police force area | county | district | region
);
CREATE TABLE area_districts (
    area_code       VARCHAR NOT NULL,
    district_code   VARCHAR NOT NULL,
    PRIMARY KEY (area_code, district_code)
);
CREATE TABLE body_areas (
    body_key    VARCHAR PRIMARY KEY,
    local_area  VARCHAR,                -- areas.area_code; NULL: not known (local shares are "no data")
    region_area VARCHAR,                -- areas.area_code; NULL: not known
    how         VARCHAR NOT NULL,       -- seeded | derived from the name | set by staff
    set_by      VARCHAR,
    set_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The North West's police force areas and the region (ONS district codes, 2023 boundaries).
INSERT INTO areas VALUES
    ('PFA-LANCASHIRE', 'Lancashire', 'police force area'),
    ('PFA-CUMBRIA', 'Cumbria', 'police force area'),
    ('PFA-GREATER-MANCHESTER', 'Greater Manchester', 'police force area'),
    ('PFA-MERSEYSIDE', 'Merseyside', 'police force area'),
    ('PFA-CHESHIRE', 'Cheshire', 'police force area'),
    ('E12000002', 'North West', 'region');
INSERT INTO area_districts
SELECT 'PFA-LANCASHIRE', unnest(['E07000117', 'E07000118', 'E07000119', 'E07000120', 'E07000121', 'E07000122',
    'E07000123', 'E07000124', 'E07000125', 'E07000126', 'E07000127', 'E07000128', 'E06000008', 'E06000009'])
UNION ALL SELECT 'PFA-CUMBRIA', unnest(['E06000063', 'E06000064'])
UNION ALL SELECT 'PFA-GREATER-MANCHESTER', unnest(['E08000001', 'E08000002', 'E08000003', 'E08000004', 'E08000005',
    'E08000006', 'E08000007', 'E08000008', 'E08000009', 'E08000010'])
UNION ALL SELECT 'PFA-MERSEYSIDE', unnest(['E08000011', 'E08000012', 'E08000013', 'E08000014', 'E08000015'])
UNION ALL SELECT 'PFA-CHESHIRE', unnest(['E06000006', 'E06000007', 'E06000049', 'E06000050']);
INSERT INTO area_districts SELECT DISTINCT 'E12000002', district_code FROM area_districts;

INSERT INTO body_areas (body_key, local_area, region_area, how) VALUES
    ('LANCASHIRE CONSTABULARY', 'PFA-LANCASHIRE', 'E12000002', 'seeded'),
    ('LANCASHIRE PCC', 'PFA-LANCASHIRE', 'E12000002', 'seeded');
