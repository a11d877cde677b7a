MATCH (a:KgNode)-[r]->(:KgNode)
WHERE r.kg_key IS NOT NULL
RETURN r.kg_key AS key, r.kg_hash AS hash, a.id AS start_id
