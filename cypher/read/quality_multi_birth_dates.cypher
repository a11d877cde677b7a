MATCH (p:Person)
WITH p, [x IN coalesce(p.birth_dates, []) + [p.birth_date] WHERE x IS NOT NULL] AS vals
WITH p, reduce(acc = [], x IN vals | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS vals
WHERE size(vals) > 1
RETURN p.id AS id, vals AS vals
