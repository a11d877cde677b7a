// Vanished nodes and whatever still hangs on them (their HAS_KEY links included).
UNWIND $ids AS id
MATCH (n:KgNode {id: id})
DETACH DELETE n
