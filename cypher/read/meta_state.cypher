OPTIONAL MATCH (m:KgMeta {id: $meta_id})
RETURN m.snapshot AS snapshot, m.in_progress AS in_progress
