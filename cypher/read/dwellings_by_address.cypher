MATCH (d:Dwelling)
WHERE d.kg_search CONTAINS $text
RETURN d.id AS id
ORDER BY id
LIMIT $limit
