UNWIND $rows AS row
MATCH (p:Person {id: row.id})
UNWIND row.keys AS key
MERGE (k:SearchKey {key: key})
MERGE (p)-[:HAS_KEY]->(k)
