// Every graph node also carries :KgNode so any entity is found by id with one index seek
// (neighbourhood, shortest path, relationship endpoints) whatever its label.
CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KgNode) REQUIRE n.id IS UNIQUE
