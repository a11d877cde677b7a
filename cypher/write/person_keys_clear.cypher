UNWIND $ids AS id
MATCH (:Person {id: id})-[r:HAS_KEY]->(:SearchKey)
DELETE r
