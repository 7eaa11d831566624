-- m140: a supplier register with no column for a fact leaves that fact as the older register gave it.
--
-- A newer register replaced an older one whole (m118): a five-row register of postcodes and staff
-- counts, loaded to correct those, also wiped every charity and company number and VCSE type the
-- force's full register had given the same suppliers, for it had no such columns: VCSE spend fell
-- from 12.13% to 4.57% without a word. Now each fact of a supplier is what the latest register that
-- says anything of that fact gives: one with the fact's column (an address's lines give the postcode
-- and the country), or one that writes it on any row. A blank cell in a register that has the column
-- still says the supplier has none (a newer register may clear a fact); a register loaded before
-- its columns were recorded says something of every fact, as before. The supplier's name, ID and
-- the row shown as the source are still the latest register's.
CREATE OR REPLACE VIEW register_latest AS
WITH fields AS (
    SELECT batch_id, list(DISTINCT k) AS fields FROM (
        SELECT batch_id, unnest(json_keys(v)) AS k FROM (
            SELECT batch_id, unnest(map_values(json_transform(mapping, '"MAP(VARCHAR, JSON)"'))) AS v
            FROM batches WHERE kind = 'suppliers' AND json_valid(mapping)))
    GROUP BY batch_id
), r AS (
    SELECT r.*, supplier_ref_of(r.supplier_id, r.supplier_key) AS supplier_ref, f.fields
    FROM supplier_register r LEFT JOIN fields f USING (batch_id)
), h AS (
    SELECT *,
        fields IS NULL OR list_has_any(fields, ['postcode', 'address']::VARCHAR[]) OR bool_or(postcode IS NOT NULL) OVER (PARTITION BY batch_id) AS has_postcode,
        fields IS NULL OR list_has_any(fields, ['company_number']::VARCHAR[]) OR bool_or(company_number IS NOT NULL) OVER (PARTITION BY batch_id) AS has_company_number,
        fields IS NULL OR list_has_any(fields, ['charity_number']::VARCHAR[]) OR bool_or(charity_number IS NOT NULL) OVER (PARTITION BY batch_id) AS has_charity_number,
        fields IS NULL OR list_has_any(fields, ['vat_number']::VARCHAR[]) OR bool_or(vat_number IS NOT NULL) OVER (PARTITION BY batch_id) AS has_vat_number,
        fields IS NULL OR list_has_any(fields, ['employees']::VARCHAR[]) OR bool_or(employees IS NOT NULL) OVER (PARTITION BY batch_id) AS has_employees,
        fields IS NULL OR list_has_any(fields, ['turnover']::VARCHAR[]) OR bool_or(turnover IS NOT NULL) OVER (PARTITION BY batch_id) AS has_turnover,
        fields IS NULL OR list_has_any(fields, ['balance_sheet']::VARCHAR[]) OR bool_or(balance_sheet IS NOT NULL) OVER (PARTITION BY batch_id) AS has_balance_sheet,
        fields IS NULL OR list_has_any(fields, ['vcse_type']::VARCHAR[]) OR bool_or(vcse_type IS NOT NULL) OVER (PARTITION BY batch_id) AS has_vcse_type,
        fields IS NULL OR list_has_any(fields, ['country', 'address']::VARCHAR[]) OR bool_or(country IS NOT NULL) OVER (PARTITION BY batch_id) AS has_country,
        fields IS NULL OR list_has_any(fields, ['sole_trader']::VARCHAR[]) OR bool_or(sole_trader IS NOT NULL) OVER (PARTITION BY batch_id) AS has_sole_trader,
        fields IS NULL OR list_has_any(fields, ['delivers_locally']::VARCHAR[]) OR bool_or(delivers_locally IS NOT NULL) OVER (PARTITION BY batch_id) AS has_delivers_locally,
        fields IS NULL OR list_has_any(fields, ['delivers_locally_reason']::VARCHAR[]) OR bool_or(delivers_locally_reason IS NOT NULL) OVER (PARTITION BY batch_id) AS has_delivers_locally_reason,
        fields IS NULL OR list_has_any(fields, ['is_sme']::VARCHAR[]) OR bool_or(is_sme IS NOT NULL) OVER (PARTITION BY batch_id) AS has_is_sme,
        fields IS NULL OR list_has_any(fields, ['is_vcse']::VARCHAR[]) OR bool_or(is_vcse IS NOT NULL) OVER (PARTITION BY batch_id) AS has_is_vcse
    FROM r
), l AS (
    SELECT * FROM h QUALIFY batch_id = max(batch_id) OVER (PARTITION BY supplier_ref)
), ident AS (
    SELECT supplier_ref,
           max(batch_id) AS batch_id,
           arg_max(sheet, row_number) AS sheet,
           max(row_number) AS row_number,
           arg_max(supplier_id, row_number) FILTER (WHERE supplier_id IS NOT NULL) AS supplier_id,
           arg_max(name, row_number) AS name,
           arg_max(supplier_key, row_number) AS supplier_key
    FROM l GROUP BY supplier_ref
), facts AS (
    SELECT supplier_ref,
        arg_max_null(postcode, [batch_id, (postcode IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_postcode) AS postcode,
        arg_max_null(company_number, [batch_id, (company_number IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_company_number) AS company_number,
        arg_max_null(charity_number, [batch_id, (charity_number IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_charity_number) AS charity_number,
        arg_max_null(vat_number, [batch_id, (vat_number IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_vat_number) AS vat_number,
        arg_max_null(employees, [batch_id, (employees IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_employees) AS employees,
        arg_max_null(turnover, [batch_id, (turnover IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_turnover) AS turnover,
        arg_max_null(balance_sheet, [batch_id, (balance_sheet IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_balance_sheet) AS balance_sheet,
        arg_max_null(vcse_type, [batch_id, (vcse_type IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_vcse_type) AS vcse_type,
        arg_max_null(country, [batch_id, (country IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_country) AS country,
        arg_max_null(sole_trader, [batch_id, (sole_trader IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_sole_trader) AS sole_trader,
        arg_max_null(delivers_locally, [batch_id, (delivers_locally IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_delivers_locally) AS delivers_locally,
        arg_max_null(delivers_locally_reason, [batch_id, (delivers_locally_reason IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_delivers_locally_reason) AS delivers_locally_reason,
        arg_max_null(is_sme, [batch_id, (is_sme IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_is_sme) AS is_sme,
        arg_max_null(is_vcse, [batch_id, (is_vcse IS NOT NULL)::INTEGER, row_number]) FILTER (WHERE has_is_vcse) AS is_vcse
    FROM h GROUP BY supplier_ref
)
SELECT i.batch_id, i.sheet, i.row_number, i.supplier_id, i.name, i.supplier_key,
       f.postcode, f.company_number, f.charity_number, f.vat_number, f.employees, f.turnover, f.balance_sheet, f.vcse_type, f.country, f.sole_trader, f.delivers_locally, f.delivers_locally_reason, f.is_sme, f.is_vcse,
       i.supplier_ref
FROM ident i JOIN facts f USING (supplier_ref);

-- what was read of the suppliers is worked out again
UPDATE derived_state SET inputs = NULL WHERE part IN ('links', 'locations', 'register');
UPDATE cover_state SET inputs = NULL;
UPDATE spend_facts_state SET inputs = NULL;
