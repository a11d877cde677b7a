// Vanished relationships, found from their (indexed) start node, then by key.
UNWIND $rows AS row
MATCH (:KgNode {id: row.start})-[r]->()
WHERE r.kg_key = row.key
DELETE r
