MATCH (a:KgNode)-[r]->(b:KgNode)
RETURN type(r) AS type, a.id AS start_id, b.id AS end_id, properties(r) AS props
