// First load into an empty store: CREATE skips MERGE's existence check.
UNWIND $rows AS row
CREATE (n:Organisation:KgNode)
SET n = row.props
