UNWIND $rows AS row
MATCH (a:KgNode {id: row.start})
MATCH (b:KgNode {id: row.end})
MERGE (a)-[r:RENTS {kg_key: row.key}]->(b)
SET r = row.props
