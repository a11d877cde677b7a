// Any search key (canonical ID, name, pinyin, initials, block, birth date): index seek.
MATCH (:SearchKey {key: $key})<-[:HAS_KEY]-(p:Person)
RETURN p.id AS id
LIMIT $limit
