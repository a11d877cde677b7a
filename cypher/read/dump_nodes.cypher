MATCH (n:KgNode)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY id
