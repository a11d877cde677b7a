// [*..6] is the hard upper bound (a hop count cannot be a parameter); the caller drops a
// path longer than its max_hops (it is the shortest, so no shorter one exists).
// Source records, search keys and meta nodes never carry a path.
MATCH (a:KgNode {id: $a})
MATCH (b:KgNode {id: $b})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(x IN nodes(p) WHERE x:KgNode AND NOT x:SourceRecord)
RETURN [x IN nodes(p) | {id: x.id, labels: labels(x), props: properties(x)}] AS nodes,
       [r IN relationships(p) | {type: type(r), start_id: startNode(r).id,
                                 end_id: endNode(r).id, props: properties(r)}] AS rels
