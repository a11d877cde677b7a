MERGE (m:KgMeta {id: $meta_id})
SET m.snapshot = $target, m.in_progress = null, m.completed_at = datetime()
