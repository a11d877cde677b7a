// Vanished nodes and whatever still hangs on them (their HAS_KEY links included); a
// search key that no person holds any more goes too, so keys do not pile up.
UNWIND $ids AS id
MATCH (n:KgNode {id: id})
OPTIONAL MATCH (n)-[:HAS_KEY]->(k:SearchKey)
WITH n, collect(k) AS keys
DETACH DELETE n
WITH keys
UNWIND keys AS k
WITH DISTINCT k
WHERE NOT EXISTS { (k)<-[:HAS_KEY]-() }
DELETE k
