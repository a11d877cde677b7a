UNWIND $rows AS row
MATCH (a:KgNode {id: row.start})
MATCH (b:KgNode {id: row.end})
CREATE (a)-[r:FROM_RECORD]->(b)
SET r = row.props
