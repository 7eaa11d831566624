-- m121: a supplier named in two languages is one supplier.
--
-- Welsh public bodies write names in Welsh and English, "Prifysgol Bangor / Bangor University",
-- "Heddlu Gogledd Cymru / North Wales Police". A contracts register's cell naming several suppliers
-- ("A Ltd / B Ltd", a lot awarded to each) is split into a contract with each, so such a name became
-- two contracts, one of them with a supplier no spend is paid to (social value counted two lettings
-- for one, the live contracts and their value doubled). A name of two halves around " / ", exactly
-- one of which carries a word of Welsh (or Scottish Gaelic) that bodies' names use, is one supplier,
-- named by its other (English) half, as spend files name it.
CREATE OR REPLACE MACRO _other_language(s) AS regexp_matches(lower(s),
        '\b(prifysgol|cyngor|heddlu|gwasanaeth|gwasanaethau|bwrdd|iechyd|cymru|cyf|cyfyngedig|ccc|ymddiriedolaeth|'
        || 'canolfan|coleg|llywodraeth|ysgol|cymdeithas|gofal|cartrefi|cwmni|menter|awdurdod|amgueddfa|'
        || 'llyfrgell|comhairle|oilthigh|bòrd|poileas|seirbheis)\b');

CREATE OR REPLACE MACRO bilingual_english(s) AS list_transform([string_split_regex(trim(coalesce(s, '')), '\s+/\s+')],
        lambda p: CASE WHEN len(p) = 2 AND _other_language(p[1]) <> _other_language(p[2])
                       THEN trim(CASE WHEN _other_language(p[1]) THEN p[2] ELSE p[1] END) END)[1];
