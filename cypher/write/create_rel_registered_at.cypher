UNWIND $rows AS row
MATCH (a:KgNode {id: row.start})
MATCH (b:KgNode {id: row.end})
CREATE (a)-[r:REGISTERED_AT]->(b)
SET r = row.props
