MERGE (m:KgMeta {id: $meta_id})
SET m.in_progress = $target, m.started_at = datetime()
