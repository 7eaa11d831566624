-- m125: a register's name cell that writes the supplier's details after its name on the same line
-- ("Blue Light Parts Ltd, 1 Mill Lane, Preston, PR1 1AA", "Lancashire Mind, 80 Devonshire Road, Chorley
-- PR7 2DR", "Axon UK Ltd - Company No 09999999"), as the Transparency Code's "Supplier Name and Details"
-- invites: the name is the text before the details, so that its key is the supplier's and the
-- contract meets the supplier's spend. The details begin after the first comma or dash that follows
-- a legal form (Ltd, Limited, LLP, PLC, CIC, CIO), else at the first comma or dash followed by what
-- only an address or a register number begins with (a number, Unit, Suite, Floor, PO Box, a postcode,
-- "Company No", "Charity No", "Reg No", "VAT No"). A name with a comma of its own ("Smith, Jones & Co")
-- is left whole. Read of each name a contract's cell names (lib.ingest.registers: after "A Ltd; B Ltd" is
-- split, so that a cut does not drop the second supplier) and of a supplier register's name.
-- register_first_line: a name cell's first line (the lines under it are the address), as staged.
CREATE OR REPLACE MACRO register_first_line(s) AS nullif(trim(split_part(replace(trim(s), chr(13), ''), chr(10), 1)), '');
CREATE OR REPLACE MACRO register_name_of(s) AS list_transform([register_first_line(s)], lambda t: coalesce(
        nullif(trim(regexp_extract(t, '^(?i)(.*?\b(ltd|limited|llp|plc|cic|cio)\.?)\s*(,|;|\s[-–—]\s)\s*\S', 1)), ''),
        nullif(trim(regexp_extract(t, '^(?i)(.*?)\s*(,|;|\s[-–—]\s)\s*(\d|(unit|suite|floor|flat|po\s*box|p\.\s*o\.\s*box)\b|'
                                      || '[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b|'
                                      || '(company|co|charity|reg|registered|registration|vat)\.?\s*(no|number|reg)\b)', 1)), ''),
        t))[1];
