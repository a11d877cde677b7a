MATCH (n:KgNode)
RETURN n.id AS id, n.kg_hash AS hash, [l IN labels(n) WHERE l <> 'KgNode'][0] AS label
