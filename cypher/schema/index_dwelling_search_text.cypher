// Address substring search: CONTAINS is served by a text index.
CREATE TEXT INDEX dwelling_search_text IF NOT EXISTS FOR (d:Dwelling) ON (d.kg_search)
