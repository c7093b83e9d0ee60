-- Merges the desk attached as `b` into the main desk (both at the same
-- schema version): articles not already in main (by content hash) with
-- their tags, entities, mentions and stops, and their full-text rows
-- (written here, in one statement: since schema 7 no trigger writes them). Used to build the 100,000-article benchmark desk
-- from imports run side by side (docs/performance.md).
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
CREATE TEMP TABLE amap (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
INSERT INTO amap (old, new)
  SELECT a.id, (SELECT COALESCE (max (id), 0) FROM main.articles) + row_number () OVER (ORDER BY a.id)
  FROM b.articles a WHERE a.content_hash NOT IN (SELECT content_hash FROM main.articles);
INSERT INTO main.articles (id, title, body, source, published, imported, read, starred,
                           content_hash, sort_date, extractor_version)
  SELECT m.new, a.title, a.body, a.source, a.published, a.imported, a.read, a.starred,
         a.content_hash, a.sort_date, a.extractor_version
  FROM b.articles a JOIN amap m ON m.old = a.id;
INSERT OR IGNORE INTO main.tags (name) SELECT name FROM b.tags;
INSERT INTO main.article_tags (article_id, tag_id)
  SELECT m.new, t2.id FROM b.article_tags at
  JOIN amap m ON m.old = at.article_id
  JOIN b.tags t ON t.id = at.tag_id JOIN main.tags t2 ON t2.name = t.name;
INSERT INTO main.entities (kind, name, geo_key, country, lat, lon, value)
  SELECT kind, name, geo_key, country, lat, lon, value FROM b.entities WHERE 1
  ON CONFLICT (kind, name, geo_key) DO NOTHING;
CREATE TEMP TABLE emap (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
INSERT INTO emap (old, new)
  SELECT e.id, e2.id FROM b.entities e
  JOIN main.entities e2 ON e2.kind = e.kind AND e2.name = e.name AND e2.geo_key = e.geo_key;
INSERT INTO main.article_entities (article_id, entity_id, position, role)
  SELECT m.new, em.new, ae.position, ae.role FROM b.article_entities ae
  JOIN amap m ON m.old = ae.article_id JOIN emap em ON em.old = ae.entity_id;
INSERT INTO main.mentions (article_id, seq, entity_id, start, end, text, variant)
  SELECT m.new, x.seq, em.new, x.start, x.end, x.text, x.variant FROM b.mentions x
  JOIN amap m ON m.old = x.article_id JOIN emap em ON em.old = x.entity_id;
INSERT INTO main.stops (article_id, traveller_id, place_id, position, ordered, when_text, when_date,
                        purpose, evidence_start, evidence_end)
  SELECT m.new, e1.new, e2.new, s.position, s.ordered, s.when_text, s.when_date,
         s.purpose, s.evidence_start, s.evidence_end FROM b.stops s
  JOIN amap m ON m.old = s.article_id
  JOIN emap e1 ON e1.old = s.traveller_id JOIN emap e2 ON e2.old = s.place_id;
INSERT INTO main.articles_fts (rowid, title, body)
  SELECT m.new, a.title, a.body FROM b.articles a JOIN amap m ON m.old = a.id ORDER BY m.new;
COMMIT;
DROP TABLE temp.amap;
DROP TABLE temp.emap;
