UNWIND $ids AS id
MATCH (n:KgNode {id: id})
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
