// One hop around a frontier, both directions; the building block of profiles,
// entity views, neighbourhood BFS and search filters. SearchKey/KgMeta are not :KgNode.
UNWIND $ids AS origin
MATCH (n:KgNode {id: origin})-[r]-(m:KgNode)
WHERE $records OR type(r) <> 'FROM_RECORD'
RETURN origin, type(r) AS type, startNode(r).id AS start_id, endNode(r).id AS end_id,
       properties(r) AS rel_props, m.id AS other_id, labels(m) AS other_labels,
       properties(m) AS other_props
