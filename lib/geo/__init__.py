"""Geography: postcodes (normalise, validate, look up offline), rings, district shapes."""
