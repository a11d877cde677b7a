MATCH (n:KgNode)
WHERE $label IN labels(n)
RETURN n.id AS id
