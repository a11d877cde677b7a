// Upsert Household nodes. row.props already holds id and kg_hash; SET = replaces every
// property so a property that vanished from the snapshot vanishes here too.
UNWIND $rows AS row
MERGE (n:Household {id: row.id})
SET n = row.props, n:KgNode
