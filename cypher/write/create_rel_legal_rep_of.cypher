UNWIND $rows AS row
MATCH (a:KgNode {id: row.start})
MATCH (b:KgNode {id: row.end})
CREATE (a)-[r:LEGAL_REP_OF]->(b)
SET r = row.props
