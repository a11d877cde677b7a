MATCH (n:KgNode)
RETURN [l IN labels(n) WHERE l <> 'KgNode'][0] AS label, count(*) AS n
