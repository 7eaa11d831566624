-- m045: a supplier's ring relative to a body's own area (a Cumbria body's "local" is Cumbria, its
-- region the North West; Devon County Council's local is Devon, its region the South West). The
-- areas are district lists (lib/peers.py: the areas table, data/reference/regions.csv); this macro
-- is the one rule that turns where a supplier is into a ring for such a body:
--   stored_ring  supplier_locations.ring (Outside UK and Unknown are the same for every body)
--   ds           the districts the supplier may be in: its postcode's district, or every district
--                its outward code covers when only that is known; empty: placed in the UK but in
--                no district of the reference (Northern Ireland: Rest of UK; a supplier recorded as
--                delivering locally with no postcode: Unknown)
--   local_ds, region_ds   the body's local area's and region's districts
-- Local, Region, Rest of UK, Outside UK, or Unknown: also when the supplier's possible districts
-- straddle the body's local or region boundary (an outward code alone), never guessed.
CREATE MACRO ring_relative(stored_ring, ds, local_ds, region_ds) AS CASE
    WHEN stored_ring IS NULL OR stored_ring = 'Unknown' THEN 'Unknown'
    WHEN stored_ring = 'Outside UK' THEN 'Outside UK'
    WHEN ds IS NULL OR len(ds) = 0 THEN CASE WHEN stored_ring = 'Rest of UK' THEN 'Rest of UK' ELSE 'Unknown' END
    WHEN list_has_all(local_ds, ds) THEN 'Local'
    WHEN list_has_any(local_ds, ds) THEN 'Unknown'
    WHEN list_has_all(region_ds, ds) THEN 'Region'
    WHEN list_has_any(region_ds, ds) THEN 'Unknown'
    ELSE 'Rest of UK'
END;
