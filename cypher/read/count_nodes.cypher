MATCH (n:KgNode)
RETURN count(n) AS n
