// Wipe kg's own nodes in bounded batches (tests, `kg` rebuilds); never other labels.
MATCH (n)
WHERE n:KgNode OR n:SearchKey OR n:KgMeta
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
