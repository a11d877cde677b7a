// A changed person's old search keys: the links go, and a key no person holds any more
// goes too (person_keys_set, next in the same transaction, MERGEs the current ones).
UNWIND $ids AS id
MATCH (:Person {id: id})-[r:HAS_KEY]->(k:SearchKey)
DELETE r
WITH DISTINCT k
WHERE NOT EXISTS { (k)<-[:HAS_KEY]-() }
DELETE k
