MATCH (p:Person)
WITH reduce(acc = [], x IN coalesce(p.sources, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END)
     AS srcs
UNWIND srcs AS source
RETURN source, count(*) AS persons, sum(CASE WHEN size(srcs) = 1 THEN 1 ELSE 0 END) AS only_this
