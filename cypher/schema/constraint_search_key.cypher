// Person search keys (id:…, name:…, py:…, ini:…, blk:…, bd:…): lookups are index seeks.
CREATE CONSTRAINT search_key IF NOT EXISTS FOR (k:SearchKey) REQUIRE k.key IS UNIQUE
