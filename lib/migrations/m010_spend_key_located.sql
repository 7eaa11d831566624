-- m010: what the scorecard and the maps know of a spend supplier name (its register supplier,
-- where it is, SME and VCSE), one row a supplier key, so a query can sum a million lines per key
-- first and place the few thousand sums after, instead of joining every line. spend_located is
-- the same thing joined to every line, as before.

CREATE VIEW spend_key_located AS
SELECT l.spend_key, l.supplier_ref, l.method AS link_method,
       coalesce(loc.ring, 'Unknown') AS ring, loc.district_code, loc.lat, loc.lon,
       loc.approximate AS location_approximate,
       f.sme_pa2023, f.sme_eu, f.is_vcse
FROM supplier_links l
LEFT JOIN supplier_locations loc ON loc.supplier_ref = l.supplier_ref
LEFT JOIN supplier_facts f ON f.supplier_ref = l.supplier_ref;

-- 'Unknown' ring when there is no link, no postcode or no location: shown, never folded away.
CREATE OR REPLACE VIEW spend_located AS
SELECT t.*, k.supplier_ref, k.link_method,
       coalesce(k.ring, 'Unknown') AS ring, k.district_code, k.lat, k.lon, k.location_approximate,
       k.sme_pa2023, k.sme_eu, k.is_vcse
FROM transactions t
LEFT JOIN spend_key_located k ON k.spend_key = t.supplier_key;
