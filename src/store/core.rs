//! The store's logic, written once over [`Db`] for both backends.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use sha2::{Digest, Sha256};
use unic_langid::LanguageIdentifier;

use super::db::{Conn, Db, Dialect, Row, params};
use super::tmx::tm_lang;
use super::{
    Added, ExportRecord, History, HistoryExport, HistoryTranslation, HistoryVersion, Recorded,
    ReturnedFile, Status, StatusKind, StoredTranslation, TmAdded, TmEntry, Translation,
};
use crate::error::{Error, Result};
use crate::exchange::inline::{canonical, hash_canonical, source_hash};
use crate::exchange::{MemoryMatch, MemoryQuery, SegmentPair};
use crate::model::{Article, Text, UnitKind};

/// Seconds since the Unix epoch.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The identity of a file's bytes: SHA-256, hex.
pub(crate) fn file_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn json_err(what: &str, e: serde_json::Error) -> Error {
    Error::Store {
        message: format!("stored {what} cannot be read: {e}"),
    }
}

/// Unit ids and source hashes, in order.
type UnitHashes = Vec<(String, String)>;

/// Each unit's id and source hash, in order.
pub(crate) fn unit_hashes(article: &Article) -> Vec<(String, String)> {
    article
        .units()
        .into_iter()
        .map(|u| (u.id, source_hash(u.text)))
        .collect()
}

fn kind_name(kind: UnitKind) -> String {
    match kind {
        UnitKind::Headline => "headline".into(),
        UnitKind::DatelinePlace => "dateline-place".into(),
        UnitKind::Paragraph(n) => format!("paragraph {n}"),
        UnitKind::Caption(n) => format!("caption {n}"),
    }
}

fn not_found(what: String) -> Error {
    Error::Store {
        message: format!("{what} is not in the store"),
    }
}

// ---------------------------------------------------------------- articles

/// Names the first difference between two versions that claim to be the
/// same: a unit's text, then the fixed fields.
pub(crate) fn describe_difference(stored: &Article, new: &Article) -> String {
    let a = stored.units();
    let b = new.units();
    for (x, y) in a.iter().zip(&b) {
        if x.id != y.id {
            return format!("the units differ: {} stored, {} given", x.id, y.id);
        }
        if x.text != y.text {
            return format!(
                "unit {} differs: stored {:?}, given {:?}",
                x.id,
                x.text.to_plain_string(),
                y.text.to_plain_string()
            );
        }
    }
    if a.len() != b.len() {
        return format!(
            "the number of units differs: {} stored, {} given",
            a.len(),
            b.len()
        );
    }
    let fields: [(&str, bool); 7] = [
        ("the language", stored.language != new.language),
        ("the date", stored.date != new.date),
        ("the editor's note", stored.editor_note != new.editor_note),
        (
            "the update tag",
            stored.headline.as_ref().map(|h| &h.tag) != new.headline.as_ref().map(|h| &h.tag),
        ),
        (
            "the byline",
            stored.byline != new.byline || stored.byline_role != new.byline_role,
        ),
        ("the dateline", stored.dateline != new.dateline),
        (
            "the body's photos (credit or restrictions)",
            stored.body != new.body,
        ),
    ];
    for (name, differs) in fields {
        if differs {
            return format!("{name} differs");
        }
    }
    if stored.end_mark != new.end_mark {
        return "the end mark differs".into();
    }
    "the JSON forms differ".into()
}

fn add_one(c: &mut dyn Conn, article: &Article, when: i64) -> Result<Added> {
    if article.translation_of.is_some() {
        return Err(Error::Conflict {
            message: format!(
                "{} is a translation; add source articles only (translations come in with import)",
                article.id
            ),
        });
    }
    let lang = article.language.to_string();
    c.execute(
        "INSERT INTO articles (id, language, added) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        &params![&article.id, &lang, when],
    )?;
    let row = c
        .query_opt(
            "SELECT language FROM articles WHERE id = ?",
            &params![&article.id],
        )?
        .ok_or_else(|| not_found(format!("article {}", article.id)))?;
    if row.text(0)? != lang {
        return Err(Error::Conflict {
            message: format!(
                "{} is in the store in language {}, the story given is in {lang}",
                article.id,
                row.text(0)?
            ),
        });
    }
    let json = article.to_json();
    let hash = file_hash(json.as_bytes());
    let units = serde_json::to_string(&unit_hashes(article)).unwrap_or_default();
    let latest = c
        .query_opt(
            "SELECT MAX(version) FROM versions WHERE article = ?",
            &params![&article.id],
        )?
        .and_then(|r| r.opt_int(0).ok().flatten());
    let inserted = c.execute(
        "INSERT INTO versions (article, version, json, content_hash, units, added)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        &params![&article.id, article.version, &json, &hash, &units, when],
    )?;
    if inserted == 1 {
        return Ok(match latest {
            None => Added::New,
            Some(v) => Added::Version { previous: v as u32 },
        });
    }
    let row = c
        .query_opt(
            "SELECT json, content_hash FROM versions WHERE article = ? AND version = ?",
            &params![&article.id, article.version],
        )?
        .ok_or_else(|| not_found(format!("{} version {}", article.id, article.version)))?;
    if row.text(1)? == hash {
        return Ok(Added::Unchanged);
    }
    let stored = Article::from_json(row.text(0)?)?;
    Err(Error::Conflict {
        message: format!(
            "{} version {} is already in the store with other content: {}",
            article.id,
            article.version,
            describe_difference(&stored, article)
        ),
    })
}

pub(crate) fn add(db: &impl Db, articles: &[Article]) -> Result<Vec<Added>> {
    let when = now();
    db.write(&mut |c| {
        let mut out = Vec::with_capacity(articles.len());
        for a in articles {
            out.push(add_one(c, a, when)?);
        }
        Ok(out)
    })
}

pub(crate) fn article(db: &impl Db, id: &str, version: Option<u32>) -> Result<Article> {
    db.read(&mut |c| {
        let row = match version {
            Some(v) => c.query_opt(
                "SELECT json FROM versions WHERE article = ? AND version = ?",
                &params![id, v],
            )?,
            None => c.query_opt(
                "SELECT json FROM versions WHERE article = ? ORDER BY version DESC LIMIT 1",
                &params![id],
            )?,
        };
        match row {
            Some(row) => Article::from_json(row.text(0)?),
            None => Err(not_found(match version {
                Some(v) => format!("article {id} version {v}"),
                None => format!("article {id}"),
            })),
        }
    })
}

pub(crate) fn ids(db: &impl Db) -> Result<Vec<String>> {
    db.read(&mut |c| {
        c.query("SELECT id FROM articles ORDER BY id", &[])?
            .iter()
            .map(|r| r.text(0).map(str::to_string))
            .collect()
    })
}

pub(crate) fn history(db: &impl Db, id: &str) -> Result<History> {
    db.read(&mut |c| {
        let versions = c.query(
            "SELECT version, added, content_hash, json FROM versions WHERE article = ?
             ORDER BY version",
            &params![id],
        )?;
        if versions.is_empty() {
            return Err(not_found(format!("article {id}")));
        }
        let mut h = History {
            article: id.to_string(),
            versions: Vec::new(),
            exports: Vec::new(),
            translations: Vec::new(),
        };
        for r in &versions {
            let a = Article::from_json(r.text(3)?)?;
            h.versions.push(HistoryVersion {
                version: r.int(0)? as u32,
                added: r.int(1)?,
                content_hash: r.text(2)?.to_string(),
                update_tag: a
                    .headline
                    .as_ref()
                    .and_then(|h| h.tag.as_ref())
                    .map(|t| t.as_str().to_string()),
                note: a.editor_note.as_ref().map(|n| n.text().to_string()),
                units: a.units().len(),
            });
        }
        for r in c.query(
            "SELECT language, version, exported, file_hash FROM exports WHERE article = ?
             ORDER BY exported, id",
            &params![id],
        )? {
            h.exports.push(HistoryExport {
                language: parse_lang(r.text(0)?)?,
                version: r.int(1)? as u32,
                exported: r.int(2)?,
                file_hash: r.text(3)?.to_string(),
            });
        }
        for r in c.query(
            "SELECT language, version, imported, file_hash FROM translations WHERE article = ?
             ORDER BY imported, id",
            &params![id],
        )? {
            h.translations.push(HistoryTranslation {
                language: parse_lang(r.text(0)?)?,
                version: r.int(1)? as u32,
                imported: r.int(2)?,
                file_hash: r.text(3)?.to_string(),
            });
        }
        Ok(h)
    })
}

fn parse_lang(s: &str) -> Result<LanguageIdentifier> {
    s.parse().map_err(|_| Error::Store {
        message: format!("stored language tag {s:?} is not valid"),
    })
}

// ------------------------------------------------------------ translations

pub(crate) fn translation(
    db: &impl Db,
    id: &str,
    lang: &LanguageIdentifier,
    version: Option<u32>,
) -> Result<Option<StoredTranslation>> {
    let lang_s = lang.to_string();
    db.read(&mut |c| {
        let sql_all = "SELECT version, json, imported FROM translations
             WHERE article = ? AND language = ? ORDER BY version DESC, id DESC LIMIT 1";
        let sql_one = "SELECT version, json, imported FROM translations
             WHERE article = ? AND language = ? AND version = ? ORDER BY id DESC LIMIT 1";
        let row = match version {
            Some(v) => c.query_opt(sql_one, &params![id, &lang_s, v])?,
            None => c.query_opt(sql_all, &params![id, &lang_s])?,
        };
        row.map(|r| {
            Ok(StoredTranslation {
                version: r.int(0)? as u32,
                article: Article::from_json(r.text(1)?)?,
                imported: r.int(2)?,
            })
        })
        .transpose()
    })
}

pub(crate) fn returned_files(
    db: &impl Db,
    id: &str,
    lang: &LanguageIdentifier,
    before: u32,
) -> Result<Vec<ReturnedFile>> {
    let lang_s = lang.to_string();
    db.read(&mut |c| {
        c.query(
            "SELECT version, file FROM translations
             WHERE article = ? AND language = ? AND version < ?
             ORDER BY version DESC, id DESC",
            &params![id, &lang_s, before],
        )?
        .iter()
        .map(|r| {
            Ok(ReturnedFile {
                version: r.int(0)? as u32,
                bytes: r.bytes(1)?.to_vec(),
            })
        })
        .collect()
    })
}

pub(crate) fn record_export(db: &impl Db, e: &ExportRecord<'_>) -> Result<()> {
    let lang = e.language.to_string();
    let hash = file_hash(e.file);
    let when = now();
    db.write(&mut |c| {
        if c.query_opt(
            "SELECT 1 FROM versions WHERE article = ? AND version = ?",
            &params![e.article, e.version],
        )?
        .is_none()
        {
            return Err(not_found(format!(
                "article {} version {}",
                e.article, e.version
            )));
        }
        c.execute(
            "INSERT INTO exports (article, version, language, file_hash, exported)
             VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            &params![e.article, e.version, &lang, &hash, when],
        )?;
        Ok(())
    })
}

/// One segment pair into the TM with its use: the pair stored once, each
/// distinct use recorded and counted.
fn tm_put(c: &mut dyn Conn, e: &TmEntry, when: i64) -> Result<(bool, bool)> {
    let src = tm_lang(&e.source_lang);
    let tgt = tm_lang(&e.target_lang);
    let src_hash = source_hash(&e.source);
    let tgt_hash = source_hash(&e.target);
    let source_json = serde_json::to_string(&e.source).unwrap_or_default();
    let target_json = serde_json::to_string(&e.target).unwrap_or_default();
    let plain = e.source.to_plain_string();
    // one round trip: the row's id whether it is new or not; a new row
    // has no use yet
    let row = c
        .query_opt(
            "INSERT INTO tm (source_lang, target_lang, source_hash, target_hash, source, target,
                             source_plain, uses, first_used, last_used)
             VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
             ON CONFLICT (source_lang, target_lang, source_hash, target_hash)
             DO UPDATE SET last_used = tm.last_used
             RETURNING id, uses",
            &params![
                &src,
                &tgt,
                &src_hash,
                &tgt_hash,
                &source_json,
                &target_json,
                &plain,
                when,
                when
            ],
        )?
        .ok_or_else(|| not_found("a TM pair just written".into()))?;
    let id = row.int(0)?;
    let created = row.int(1)? == 0;
    if created {
        if c.dialect() == Dialect::Sqlite {
            c.execute(
                "INSERT INTO tm_fts (rowid, source_plain) VALUES (?, ?)",
                &params![id, &plain],
            )?;
            c.execute(
                "INSERT INTO tm_words (rowid, source_plain) VALUES (?, ?)",
                &params![id, &plain],
            )?;
        } else {
            c.execute(
                "UPDATE tm SET source_words = string_to_array(?, ' ') WHERE id = ?",
                &params![word_terms(&plain).join(" "), id],
            )?;
        }
        count_terms(c, &plain)?;
    }
    let use_params = params![
        id,
        e.previous_hash.as_deref().unwrap_or(""),
        e.next_hash.as_deref().unwrap_or(""),
        e.story.as_deref().unwrap_or(""),
        e.version.unwrap_or(0),
        e.unit.as_deref().unwrap_or(""),
        e.kind.as_deref().unwrap_or(""),
        e.state.as_deref().unwrap_or(""),
        &e.origin,
        e.when.unwrap_or(when),
        when
    ];
    let used = match c.dialect() {
        // one round trip to the server: the use and its count together
        Dialect::Postgres => !c
            .query(
                "WITH used AS (
                     INSERT INTO tm_uses (tm, previous_hash, next_hash, story, version, unit,
                                          kind, state, origin, used)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING tm)
                 UPDATE tm SET uses = uses + 1, last_used = ? WHERE id IN (SELECT tm FROM used)
                 RETURNING id",
                &use_params,
            )?
            .is_empty(),
        Dialect::Sqlite => {
            let used = c.execute(
                "INSERT INTO tm_uses (tm, previous_hash, next_hash, story, version, unit, kind,
                                      state, origin, used)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                &use_params[..10],
            )? == 1;
            if used {
                c.execute(
                    "UPDATE tm SET uses = uses + 1, last_used = ? WHERE id = ?",
                    &params![when, id],
                )?;
            }
            used
        }
    };
    Ok((created, used))
}

/// Segment pairs into the TM with their uses, as [`tm_put`] does one by one:
/// returns how many pairs were new and how many uses were recorded. On
/// PostgreSQL in batches (three statements per [`PG_BATCH`] entries, the
/// rows passed as one JSON array), on SQLite (in process, no round trips)
/// entry by entry.
fn tm_put_all(c: &mut dyn Conn, entries: &[&TmEntry], when: i64) -> Result<(usize, usize)> {
    let mut new = 0;
    let mut uses = 0;
    match c.dialect() {
        Dialect::Sqlite => {
            for e in entries {
                let (created, used) = tm_put(c, e, when)?;
                new += usize::from(created);
                uses += usize::from(used);
            }
        }
        Dialect::Postgres => {
            for chunk in entries.chunks(PG_BATCH) {
                let (n, u) = tm_put_batch(c, chunk, when)?;
                new += n;
                uses += u;
            }
        }
    }
    Ok((new, uses))
}

/// How many entries one batch of PostgreSQL statements writes.
const PG_BATCH: usize = 2_000;

/// One batch of [`tm_put_all`] on PostgreSQL: the distinct pairs in one
/// `INSERT ... ON CONFLICT` (their ids back, a new row has no use yet), the
/// new pairs' words counted in one statement, the uses in one statement
/// that also counts them on their pairs.
fn tm_put_batch(c: &mut dyn Conn, entries: &[&TmEntry], when: i64) -> Result<(usize, usize)> {
    use serde_json::json;
    type Key = (String, String, String, String);
    // the distinct pairs, in order (ON CONFLICT DO UPDATE may not meet
    // one row twice in a statement)
    let mut keys: Vec<Key> = Vec::with_capacity(entries.len());
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut pairs = Vec::new();
    let mut plains = Vec::new();
    for e in entries {
        let key = (
            tm_lang(&e.source_lang),
            tm_lang(&e.target_lang),
            source_hash(&e.source),
            source_hash(&e.target),
        );
        if index.contains_key(&key) {
            keys.push(key);
            continue;
        }
        let plain = e.source.to_plain_string();
        pairs.push(json!({
            "sl": key.0, "tl": key.1, "sh": key.2, "th": key.3,
            "s": serde_json::to_string(&e.source).unwrap_or_default(),
            "t": serde_json::to_string(&e.target).unwrap_or_default(),
            "p": plain,
            "w": word_terms(&plain).join(" "),
        }));
        plains.push(plain);
        index.insert(key.clone(), pairs.len() - 1);
        keys.push(key);
    }
    if pairs.is_empty() {
        return Ok((0, 0));
    }
    let rows = c.query(
        "INSERT INTO tm (source_lang, target_lang, source_hash, target_hash, source, target,
                         source_plain, source_words, uses, first_used, last_used)
         SELECT x.sl, x.tl, x.sh, x.th, x.s, x.t, x.p, string_to_array(x.w, ' '), 0,
                ?::bigint, ?::bigint
         FROM json_to_recordset(?::text::json)
              AS x(sl text, tl text, sh text, th text, s text, t text, p text, w text)
         ON CONFLICT (source_lang, target_lang, source_hash, target_hash)
         DO UPDATE SET last_used = tm.last_used
         RETURNING id, uses, source_lang, target_lang, source_hash, target_hash",
        &params![when, when, serde_json::Value::Array(pairs).to_string()],
    )?;
    let mut ids: HashMap<Key, i64> = HashMap::with_capacity(rows.len());
    let mut terms: BTreeMap<String, i64> = BTreeMap::new();
    let mut new = 0;
    for r in &rows {
        let key = (
            r.text(2)?.to_string(),
            r.text(3)?.to_string(),
            r.text(4)?.to_string(),
            r.text(5)?.to_string(),
        );
        if r.int(1)? == 0 {
            new += 1;
            if let Some(&i) = index.get(&key) {
                for t in word_terms(&plains[i]) {
                    *terms.entry(t).or_default() += 1;
                }
            }
        }
        ids.insert(key, r.int(0)?);
    }
    if !terms.is_empty() {
        // in term order, so two writers meet the rows in the same order
        let terms: Vec<serde_json::Value> = terms
            .into_iter()
            .map(|(term, docs)| json!({"term": term, "docs": docs}))
            .collect();
        c.execute(
            "INSERT INTO tm_terms (term, docs)
             SELECT x.term, x.docs FROM json_to_recordset(?::text::json) AS x(term text, docs bigint)
             ON CONFLICT (term) DO UPDATE SET docs = tm_terms.docs + excluded.docs",
            &params![serde_json::Value::Array(terms).to_string()],
        )?;
    }
    let mut uses = Vec::with_capacity(entries.len());
    for (e, key) in entries.iter().zip(&keys) {
        let id = *ids
            .get(key)
            .ok_or_else(|| not_found("a TM pair just written".into()))?;
        uses.push(json!({
            "tm": id,
            "ph": e.previous_hash.as_deref().unwrap_or(""),
            "nh": e.next_hash.as_deref().unwrap_or(""),
            "story": e.story.as_deref().unwrap_or(""),
            "version": e.version.unwrap_or(0),
            "unit": e.unit.as_deref().unwrap_or(""),
            "kind": e.kind.as_deref().unwrap_or(""),
            "state": e.state.as_deref().unwrap_or(""),
            "origin": e.origin,
            "used": e.when.unwrap_or(when),
        }));
    }
    let counted = c.query(
        "WITH used AS (
             INSERT INTO tm_uses (tm, previous_hash, next_hash, story, version, unit, kind,
                                  state, origin, used)
             SELECT x.tm, x.ph, x.nh, x.story, x.version, x.unit, x.kind, x.state, x.origin,
                    x.used
             FROM json_to_recordset(?::text::json)
                  AS x(tm bigint, ph text, nh text, story text, version bigint, unit text,
                       kind text, state text, origin text, used bigint)
             ON CONFLICT DO NOTHING RETURNING tm),
         counted AS (SELECT tm, count(*) AS n FROM used GROUP BY tm)
         UPDATE tm SET uses = tm.uses + counted.n, last_used = ?::bigint
         FROM counted WHERE tm.id = counted.tm
         RETURNING counted.n",
        &params![serde_json::Value::Array(uses).to_string(), when],
    )?;
    let mut used = 0;
    for r in &counted {
        used += r.int(0)? as usize;
    }
    Ok((new, used))
}

pub(crate) fn tm_entry_of_pair(
    pair: &SegmentPair,
    t: &Translation<'_>,
    source_lang: &LanguageIdentifier,
) -> TmEntry {
    TmEntry {
        source_lang: source_lang.clone(),
        target_lang: t.language.clone(),
        source: pair.source.clone(),
        target: pair.target.clone(),
        previous_hash: pair.previous_hash.clone(),
        next_hash: pair.next_hash.clone(),
        story: Some(t.article.to_string()),
        version: Some(t.version),
        unit: Some(pair.unit.clone()),
        kind: Some(kind_name(pair.kind)),
        state: pair.state.map(|s| s.as_str().to_string()),
        origin: format!("{} v{}", t.article, t.version),
        uses: 1,
        when: None,
    }
}

pub(crate) fn record_translation(
    db: &impl Db,
    t: &Translation<'_>,
    segments: &[SegmentPair],
) -> Result<Recorded> {
    let lang = t.language.to_string();
    let hash = file_hash(t.file);
    let json = t.translated.to_json();
    let when = now();
    db.write(&mut |c| {
        let row = c
            .query_opt(
                "SELECT v.units, a.language FROM versions v JOIN articles a ON a.id = v.article
                 WHERE v.article = ? AND v.version = ?",
                &params![t.article, t.version],
            )?
            .ok_or_else(|| not_found(format!("article {} version {}", t.article, t.version)))?;
        let units = row.text(0)?.to_string();
        let source_lang = parse_lang(row.text(1)?)?;
        let latest = c
            .query_opt(
                "SELECT MAX(version) FROM versions WHERE article = ?",
                &params![t.article],
            )?
            .and_then(|r| r.opt_int(0).ok().flatten())
            .unwrap_or(0) as u32;
        let inserted = c.execute(
            "INSERT INTO translations (article, version, language, json, units, file, file_hash,
                                       imported)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            &params![
                t.article, t.version, &lang, &json, &units, t.file, &hash, when
            ],
        )?;
        let mut rec = Recorded {
            already: inserted == 0,
            latest_version: latest,
            tm_new: 0,
            tm_uses: 0,
        };
        if rec.already {
            return Ok(rec);
        }
        let entries: Vec<TmEntry> = segments
            .iter()
            .filter(|pair| !pair.target.is_empty())
            .map(|pair| tm_entry_of_pair(pair, t, &source_lang))
            .collect();
        let refs: Vec<&TmEntry> = entries.iter().collect();
        (rec.tm_new, rec.tm_uses) = tm_put_all(c, &refs, when)?;
        Ok(rec)
    })
}

// ------------------------------------------------------------------ status

pub(crate) fn status(
    db: &impl Db,
    ids: &[String],
    langs: &[LanguageIdentifier],
) -> Result<Vec<Status>> {
    db.read(&mut |c| {
        let latest: BTreeMap<String, (u32, Vec<(String, String)>)> = {
            let mut m = BTreeMap::new();
            for r in c.query(
                "SELECT v.article, v.version, v.units FROM versions v
                 WHERE v.version = (SELECT MAX(w.version) FROM versions w
                                    WHERE w.article = v.article)",
                &[],
            )? {
                let id = r.text(0)?.to_string();
                if !ids.is_empty() && !ids.contains(&id) {
                    continue;
                }
                let units: Vec<(String, String)> =
                    serde_json::from_str(r.text(2)?).map_err(|e| json_err("unit hashes", e))?;
                m.insert(id, (r.int(1)? as u32, units));
            }
            m
        };
        for id in ids {
            if !latest.contains_key(id) {
                return Err(not_found(format!("article {id}")));
            }
        }
        // newest translated version per article and language, with its units
        let mut translated: HashMap<(String, String), (u32, UnitHashes)> = HashMap::new();
        for r in c.query(
            "SELECT t.article, t.language, t.version, t.units FROM translations t
             WHERE t.version = (SELECT MAX(u.version) FROM translations u
                                WHERE u.article = t.article AND u.language = t.language)",
            &[],
        )? {
            let key = (r.text(0)?.to_string(), r.text(1)?.to_string());
            let units: Vec<(String, String)> =
                serde_json::from_str(r.text(3)?).map_err(|e| json_err("unit hashes", e))?;
            translated.insert(key, (r.int(2)? as u32, units));
        }
        // exports per article, language, version (first export time)
        let mut exported: HashMap<(String, String), Vec<(u32, i64)>> = HashMap::new();
        for r in c.query(
            "SELECT article, language, version, MIN(exported) FROM exports
             GROUP BY article, language, version",
            &[],
        )? {
            exported
                .entry((r.text(0)?.to_string(), r.text(1)?.to_string()))
                .or_default()
                .push((r.int(2)? as u32, r.int(3)?));
        }
        let returned: HashSet<(String, String, u32)> = c
            .query(
                "SELECT DISTINCT article, language, version FROM translations",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok((
                    r.text(0)?.to_string(),
                    r.text(1)?.to_string(),
                    r.int(2)? as u32,
                ))
            })
            .collect::<Result<_>>()?;
        let languages: BTreeSet<String> = if langs.is_empty() {
            translated
                .keys()
                .map(|k| k.1.clone())
                .chain(exported.keys().map(|k| k.1.clone()))
                .collect()
        } else {
            langs.iter().map(|l| l.to_string()).collect()
        };
        let mut out = Vec::new();
        for (id, (latest_version, units)) in &latest {
            for lang in &languages {
                let key = (id.clone(), lang.clone());
                let tr = translated.get(&key);
                let translated_version = tr.map(|t| t.0);
                let out_export = exported.get(&key).and_then(|list| {
                    list.iter()
                        .filter(|(v, _)| {
                            translated_version.is_none_or(|t| *v > t)
                                && !returned.contains(&(id.clone(), lang.clone(), *v))
                        })
                        .max_by_key(|(v, _)| *v)
                        .copied()
                });
                let changed_units = match tr {
                    Some((v, old)) if v < latest_version => {
                        let old: HashSet<&str> = old.iter().map(|(_, h)| h.as_str()).collect();
                        units
                            .iter()
                            .filter(|(_, h)| !old.contains(h.as_str()))
                            .map(|(u, _)| u.clone())
                            .collect()
                    }
                    _ => Vec::new(),
                };
                let kind = if translated_version == Some(*latest_version) {
                    StatusKind::Current
                } else if out_export.is_some() {
                    StatusKind::Out
                } else if translated_version.is_some() {
                    StatusKind::Stale
                } else {
                    StatusKind::Missing
                };
                out.push(Status {
                    article: id.clone(),
                    language: parse_lang(lang)?,
                    latest_version: *latest_version,
                    kind,
                    translated_version,
                    changed_units,
                    exported_version: out_export.map(|e| e.0),
                    exported_at: out_export.map(|e| e.1),
                });
            }
        }
        Ok(out)
    })
}

// ---------------------------------------------------------------------- TM

pub(crate) fn tm_add(db: &impl Db, entries: &[TmEntry]) -> Result<TmAdded> {
    let when = now();
    db.write(&mut |c| {
        let mut added = TmAdded::default();
        let kept: Vec<&TmEntry> = entries
            .iter()
            .filter(|e| !e.source.is_empty() && !e.target.is_empty())
            .collect();
        added.skipped = entries.len() - kept.len();
        (added.new, added.uses) = tm_put_all(c, &kept, when)?;
        Ok(added)
    })
}

fn text_of(json: &str) -> Result<Text> {
    serde_json::from_str(json).map_err(|e| json_err("TM segment", e))
}

pub(crate) fn tm_entries(
    db: &impl Db,
    source_lang: &LanguageIdentifier,
    target_lang: &LanguageIdentifier,
) -> Result<Vec<TmEntry>> {
    let (src, tgt) = (tm_lang(source_lang), tm_lang(target_lang));
    db.read(&mut |c| {
        let rows = c.query(
            "SELECT t.source, t.target, t.uses, t.last_used, u.previous_hash, u.next_hash,
                    u.story, u.version, u.unit, u.kind, u.state, u.origin
             FROM tm t LEFT JOIN tm_uses u ON u.id =
                 (SELECT MAX(v.id) FROM tm_uses v WHERE v.tm = t.id)
             WHERE t.source_lang = ? AND t.target_lang = ? ORDER BY t.id",
            &params![&src, &tgt],
        )?;
        rows.iter()
            .map(|r| {
                let opt = |i: usize| -> Result<Option<String>> {
                    Ok(r.opt_text(i)?.filter(|s| !s.is_empty()).map(str::to_string))
                };
                Ok(TmEntry {
                    source_lang: source_lang.clone(),
                    target_lang: target_lang.clone(),
                    source: text_of(r.text(0)?)?,
                    target: text_of(r.text(1)?)?,
                    uses: r.int(2)? as u64,
                    when: Some(r.int(3)?),
                    previous_hash: opt(4)?,
                    next_hash: opt(5)?,
                    story: opt(6)?,
                    version: r.opt_int(7)?.filter(|v| *v > 0).map(|v| v as u32),
                    unit: opt(8)?,
                    kind: opt(9)?,
                    state: opt(10)?,
                    origin: opt(11)?.unwrap_or_default(),
                })
            })
            .collect()
    })
}

/// Query terms for the trigram index: the words of three characters or
/// more (a trigram index cannot look up shorter strings), and for text
/// without spaces (Chinese, Japanese) every run of three letters.
pub(crate) fn fuzzy_terms(plain: &str) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut terms: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for w in plain.unicode_words() {
        if w.chars().count() >= 3 && seen.insert(w.to_lowercase()) {
            terms.push(w.to_lowercase());
        }
    }
    if terms.len() < 3 {
        let letters: Vec<char> = plain.chars().filter(|c| c.is_alphanumeric()).collect();
        for win in letters.windows(3) {
            let s: String = win.iter().collect::<String>().to_lowercase();
            if seen.insert(s.clone()) {
                terms.push(s);
            }
        }
    }
    terms
}

/// The words of a text as the word index sees them: runs of letters and
/// digits, lower-cased, each once (FTS5 `unicode61` with diacritics kept).
pub(crate) fn word_terms(plain: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= 64)
        .map(str::to_lowercase)
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

/// Counts a new pair's words in `tm_terms`, in one statement.
fn count_terms(c: &mut dyn Conn, plain: &str) -> Result<()> {
    let terms = word_terms(plain);
    for chunk in terms.chunks(64) {
        let mut sql = String::from("INSERT INTO tm_terms (term, docs) VALUES ");
        for i in 0..chunk.len() {
            sql.push_str(if i == 0 { "(?, 1)" } else { ", (?, 1)" });
        }
        sql.push_str(" ON CONFLICT (term) DO UPDATE SET docs = tm_terms.docs + 1");
        let values: Vec<super::db::Value> = chunk.iter().map(|t| t.as_str().into()).collect();
        c.execute(&sql, &values)?;
    }
    Ok(())
}

/// Whether a text is written without spaces between words (Chinese,
/// Japanese): then the trigram index finds its candidates.
fn unspaced(plain: &str) -> bool {
    plain.chars().any(|c| {
        matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
    })
}

/// How many candidates the text index hands to the scorer.
const FUZZY_CANDIDATES: usize = 24;
/// How many rare words of the query the word index is asked for.
const FUZZY_TERMS: usize = 5;
/// How many pairs a conjunction of rare words may be expected to hold by
/// chance (from the words' pair counts) to be asked: more, and it is
/// narrowed with a further word.
const FUZZY_CHANCE: f64 = 8.0;
/// How many pairs one conjunction hands over at most.
const FUZZY_PER_QUERY: i64 = 100;
/// How many conjunctions of rare words a lookup asks the word index for.
const FUZZY_ASKS: usize = 4;

fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// Every `k`-subset of the indexes `0..n`, in order.
fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    if k > n {
        return Vec::new();
    }
    let mut out = Vec::new();
    for first in 0..n {
        for rest in subsets(n - first - 1, k - 1) {
            let mut s = vec![first];
            s.extend(rest.into_iter().map(|i| i + first + 1));
            out.push(s);
        }
    }
    out
}

/// The conjunctions of the rare words (each a list of indexes into
/// `docs`, the words' pair counts, rarest first) the word index is asked
/// for, [`FUZZY_ASKS`] at most: pairs of words, and where common words
/// would make a pair match many pairs by chance, triples that narrow it.
/// The one least likely by chance first; then for each word asked for, one
/// without it (so a match that lost any one word still holds a
/// conjunction; it may be up to four times as likely by chance); then the
/// least likely others. At least one.
fn conjunctions(docs: &[i64], pairs: f64) -> Vec<Vec<usize>> {
    let chance =
        |s: &[usize]| -> f64 { s.iter().map(|&i| docs[i] as f64 / pairs).product::<f64>() * pairs };
    let wide = 4.0 * FUZZY_CHANCE;
    let mut valid: Vec<(f64, Vec<usize>)> = Vec::new();
    for k in 2..=3.min(docs.len()) {
        for s in subsets(docs.len(), k) {
            let p = chance(&s);
            if p <= wide {
                valid.push((p, s));
            }
        }
    }
    // pairs before triples (a match that lost a word more often keeps a
    // pair), each the least likely by chance first
    valid.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| a.0.total_cmp(&b.0)));
    let mut chosen: Vec<Vec<usize>> = Vec::new();
    let redundant =
        |chosen: &[Vec<usize>], s: &[usize]| chosen.iter().any(|c| c.iter().all(|i| s.contains(i)));
    if let Some((_, s)) = valid.iter().find(|(p, _)| *p <= FUZZY_CHANCE) {
        chosen.push(s.clone());
    }
    if chosen.is_empty() {
        // every word common: the conjunction least likely by chance
        return vec![(0..docs.len().min(4)).collect()];
    }
    for w in 0..docs.len() {
        let asked = chosen.iter().any(|c| c.contains(&w));
        let avoided = chosen.iter().any(|c| !c.contains(&w));
        if !asked || avoided || chosen.len() == FUZZY_ASKS {
            continue;
        }
        if let Some((_, s)) = valid
            .iter()
            .find(|(_, s)| !s.contains(&w) && !redundant(&chosen, s))
        {
            chosen.push(s.clone());
        }
    }
    for (p, s) in &valid {
        if chosen.len() == FUZZY_ASKS || *p > FUZZY_CHANCE {
            break;
        }
        if !redundant(&chosen, s) {
            chosen.push(s.clone());
        }
    }
    chosen
}

/// Fuzzy candidates from the text index: rows of (id, source, target).
fn fuzzy_rows(c: &mut dyn Conn, q: &MemoryQuery<'_>, src: &str, tgt: &str) -> Result<Vec<Row>> {
    match c.dialect() {
        Dialect::Sqlite if unspaced(q.plain) => {
            // runs of three letters, spread over the text
            let terms = fuzzy_terms(q.plain);
            let step = (terms.len() / 8).max(1);
            let expr: Vec<String> = terms
                .iter()
                .step_by(step)
                .take(8)
                .map(|t| fts_phrase(t))
                .collect();
            if expr.is_empty() {
                return Ok(Vec::new());
            }
            c.query(
                "SELECT t.id, t.source, t.target
                 FROM (SELECT rowid AS id, rank FROM tm_fts WHERE tm_fts MATCH ?
                       ORDER BY rank LIMIT ?) m
                 CROSS JOIN tm t ON t.id = m.id
                 WHERE t.source_lang = ? AND t.target_lang = ?
                 ORDER BY m.rank LIMIT ?",
                &params![
                    expr.join(" OR "),
                    3 * FUZZY_CANDIDATES as i64,
                    src,
                    tgt,
                    FUZZY_CANDIDATES as i64
                ],
            )
        }
        Dialect::Postgres if unspaced(q.plain) => {
            // the trigram index, bounded: a stricter threshold than the
            // default 0.3 for this read only, and at most 3 × 24 pairs
            // rechecked and ranked
            c.query_opt(
                "SELECT set_config('pg_trgm.similarity_threshold', ?, true)",
                &params![PG_TRGM_THRESHOLD],
            )?;
            c.query(
                "SELECT id, source, target FROM (
                     SELECT id, source, target, source_plain FROM tm
                     WHERE source_plain % ? AND source_lang = ? AND target_lang = ? LIMIT ?) m
                 ORDER BY similarity(source_plain, ?) DESC, id LIMIT ?",
                &params![
                    q.plain,
                    src,
                    tgt,
                    3 * FUZZY_CANDIDATES as i64,
                    q.plain,
                    FUZZY_CANDIDATES as i64
                ],
            )
        }
        _ => word_candidates(c, q, src, tgt),
    }
}

/// The trigram similarity (`pg_trgm`) a source without spaces must reach
/// to be a PostgreSQL candidate.
const PG_TRGM_THRESHOLD: &str = "0.4";

/// The pairs holding every word `s` picks from `rare` (the word index's
/// first [`FUZZY_PER_QUERY`]), marked in `held` as holding them.
fn pairs_holding(
    c: &mut dyn Conn,
    rare: &[(i64, String)],
    s: &[usize],
    held: &mut HashMap<i64, u32>,
) -> Result<()> {
    let mask = s.iter().fold(0u32, |m, &i| m | 1 << i);
    let rows = match c.dialect() {
        Dialect::Sqlite => {
            let expr: Vec<String> = s.iter().map(|&i| fts_phrase(&rare[i].1)).collect();
            c.query(
                "SELECT rowid FROM tm_words WHERE tm_words MATCH ? LIMIT ?",
                &params![expr.join(" AND "), FUZZY_PER_QUERY],
            )?
        }
        // the same pairs: those holding every word, the lowest ids first
        // (FTS5's order); the words have no spaces (see `word_terms`)
        Dialect::Postgres => {
            let words: Vec<&str> = s.iter().map(|&i| rare[i].1.as_str()).collect();
            c.query(
                "SELECT id FROM tm WHERE source_words @> string_to_array(?, ' ') ORDER BY id LIMIT ?",
                &params![words.join(" "), FUZZY_PER_QUERY],
            )?
        }
    };
    for r in rows {
        *held.entry(r.int(0)?).or_default() |= mask;
    }
    Ok(())
}

/// Fuzzy candidates from the word index (SQLite's FTS5 `tm_words`,
/// PostgreSQL's GIN index on `tm.source_words`), ranked by the index alone
/// (no FTS5 `bm25`: it counts the pairs of every word it ranks by, which
/// reads the whole posting list of a common one).
///
/// 1. The query's rarest words, with how many pairs hold each (`tm_terms`,
///    one statement): rare words have short posting lists and are what
///    tells one sentence from another.
/// 2. Conjunctions of two of them (three where two would match many pairs
///    by chance, see [`conjunctions`]), each asked for its pairs: a match
///    of 75 or more keeps most of the rare words, so it holds one of them.
///    Each pair found is weighted by the rare words it is known to hold
///    (the sum of their `ln(pairs / docs)`).
/// 3. When none matches (a weaker match may have lost the others), the
///    pairs holding the rarest word.
/// 4. The best-weighted pairs of the language pair, [`FUZZY_CANDIDATES`] at
///    most, read in one statement.
fn word_candidates(
    c: &mut dyn Conn,
    q: &MemoryQuery<'_>,
    src: &str,
    tgt: &str,
) -> Result<Vec<Row>> {
    let words = word_terms(q.plain);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut rare: Vec<(i64, String)> = Vec::new();
    let counted = match c.dialect() {
        Dialect::Sqlite => c.query(
            "SELECT docs, term FROM tm_terms
             WHERE term IN (SELECT value FROM json_each(?)) AND docs > 0",
            &params![serde_json::to_string(&words).unwrap_or_default()],
        )?,
        Dialect::Postgres => c.query(
            "SELECT docs, term FROM tm_terms
             WHERE term = ANY(string_to_array(?, ' ')) AND docs > 0",
            &params![words.join(" ")],
        )?,
    };
    for r in counted {
        rare.push((r.int(0)?, r.text(1)?.to_string()));
    }
    rare.sort();
    rare.truncate(FUZZY_TERMS);
    if rare.is_empty() {
        return Ok(Vec::new());
    }
    // the memory's size: its largest id (no count over a table)
    let pairs = c
        .query_opt("SELECT MAX(id) FROM tm", &[])?
        .and_then(|r| r.opt_int(0).ok().flatten())
        .unwrap_or(1)
        .max(1) as f64;
    let docs: Vec<i64> = rare.iter().map(|(d, _)| *d).collect();
    let idf: Vec<f64> = docs
        .iter()
        .map(|&d| (pairs / d as f64).ln().max(0.01))
        .collect();
    // per pair found: a bit per rare word it is known to hold
    let mut held: HashMap<i64, u32> = HashMap::new();
    if rare.len() >= 2 {
        for s in conjunctions(&docs, pairs) {
            pairs_holding(c, &rare, &s, &mut held)?;
        }
    }
    if held.is_empty() {
        pairs_holding(c, &rare, &[0], &mut held)?;
    }
    let weight = |mask: u32| -> f64 {
        (0..rare.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| idf[i])
            .sum()
    };
    let mut ranked: Vec<(f64, i64)> = held.into_iter().map(|(id, m)| (weight(m), id)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // the best-weighted first; more only when some were of other
    // language pairs (the word index covers them all)
    let mut rows = Vec::new();
    for batch in ranked.chunks(FUZZY_CANDIDATES).take(4) {
        let ids: Vec<i64> = batch.iter().map(|(_, id)| *id).collect();
        let order: HashMap<i64, usize> = ids.iter().enumerate().map(|(n, id)| (*id, n)).collect();
        // CROSS JOIN: the ids first, each pair by its key (else SQLite may
        // prefer the language index and read the whole language pair)
        let ids_json = serde_json::to_string(&ids).unwrap_or_default();
        let mut got = match c.dialect() {
            Dialect::Sqlite => c.query(
                "SELECT t.id, t.source, t.target FROM json_each(?) j CROSS JOIN tm t ON t.id = j.value
                 WHERE t.source_lang = ? AND t.target_lang = ?",
                &params![ids_json, src, tgt],
            )?,
            Dialect::Postgres => c.query(
                "SELECT id, source, target FROM tm
                 WHERE id IN (SELECT json_array_elements_text(?::text::json)::bigint)
                   AND source_lang = ? AND target_lang = ?",
                &params![ids_json, src, tgt],
            )?,
        };
        got.sort_by_key(|r| r.int(0).ok().and_then(|id| order.get(&id).copied()));
        rows.extend(got);
        if rows.len() >= FUZZY_CANDIDATES {
            break;
        }
    }
    rows.truncate(FUZZY_CANDIDATES);
    Ok(rows)
}

fn match_of(c: &mut dyn Conn, r: &Row, q: &MemoryQuery<'_>) -> Result<MemoryMatch> {
    let id = r.int(0)?;
    let ctx = c.query_opt(
        "SELECT previous_hash, next_hash, origin FROM tm_uses WHERE tm = ?
         ORDER BY CASE WHEN previous_hash = ? AND next_hash = ? THEN 0 ELSE 1 END, id DESC
         LIMIT 1",
        &params![id, q.previous_hash.unwrap_or(""), q.next_hash.unwrap_or("")],
    )?;
    let (prev, next, origin) = match &ctx {
        Some(u) => (
            u.text(0)?.to_string(),
            u.text(1)?.to_string(),
            u.text(2)?.to_string(),
        ),
        None => Default::default(),
    };
    let some = |s: String| (!s.is_empty()).then_some(s);
    Ok(MemoryMatch {
        source: text_of(r.text(1)?)?,
        target: text_of(r.text(2)?)?,
        origin: if origin.is_empty() {
            "translation memory".into()
        } else {
            format!("translation memory: {origin}")
        },
        previous_hash: some(prev),
        next_hash: some(next),
    })
}

/// Exact candidates (same source hash) first, most used first, then fuzzy
/// candidates from the text index, best scored first.
pub(crate) fn candidates(db: &impl Db, q: &MemoryQuery<'_>) -> Result<Vec<MemoryMatch>> {
    let src = tm_lang(q.source_lang);
    let tgt = tm_lang(q.target_lang);
    db.read(&mut |c| {
        let mut out = Vec::new();
        let exact = c.query(
            "SELECT id, source, target FROM tm
             WHERE source_lang = ? AND target_lang = ? AND source_hash = ?
             ORDER BY uses DESC, last_used DESC, id DESC LIMIT 10",
            &params![&src, &tgt, q.hash],
        )?;
        let mut seen: HashSet<i64> = HashSet::new();
        for r in &exact {
            seen.insert(r.int(0)?);
            out.push(match_of(c, r, q)?);
        }
        let mut scored = Vec::new();
        for r in fuzzy_rows(c, q, &src, &tgt)? {
            if seen.contains(&r.int(0)?) {
                continue;
            }
            let source = text_of(r.text(1)?)?;
            let score = crate::versions::similarity(&canonical(&source), q.canonical).score;
            if score >= 50 {
                scored.push((score, r));
            }
        }
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        for (_, r) in scored.iter().take(10) {
            out.push(match_of(c, r, q)?);
        }
        Ok(out)
    })
}

/// The hash of a text's canonical form, as the TM indexes it.
pub(crate) fn hash_of(text: &Text) -> (String, String) {
    let canon = canonical(text);
    let hash = hash_canonical(&canon);
    (canon, hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_in_order() {
        assert_eq!(
            subsets(4, 2),
            [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]
        );
        assert_eq!(subsets(3, 3), [[0, 1, 2]]);
        assert!(subsets(2, 3).is_empty());
    }

    #[test]
    fn conjunctions_narrow_the_common_pairs_only() {
        // in a memory of 1,000,000 pairs: two rare words (1,000 and 2,000
        // pairs: 2 by chance together), two common ones (50,000, 100,000)
        let docs = [1_000, 2_000, 50_000, 100_000];
        let c = conjunctions(&docs, 1e6);
        // pairs: 0+1 (2 by chance) first; 0+2 (50), 0+3 (100), 1+2 (100),
        // 1+3 (200), 2+3 (5,000) too likely; then one avoiding 0: 1+2+3
        // (10, within four times 8), one avoiding 1: 0+2+3 (5)
        assert_eq!(c, [vec![0, 1], vec![1, 2, 3], vec![0, 2, 3]]);
        // all rare: the least likely, one avoiding each of its words, then
        // the least likely other
        let c = conjunctions(&[100, 200, 300, 400, 500], 1e6);
        assert_eq!(c, [vec![0, 1], vec![1, 2], vec![0, 2], vec![0, 3]]);
        // one rare word: the conjunctions without it may be up to 32
        // times as likely by chance (here 1+2+3: 8.06)
        let c = conjunctions(&[103, 6_376, 30_767, 41_100, 60_000], 1e6);
        assert_eq!(c[0], [0, 1]);
        assert!(c.contains(&vec![1, 2, 3]), "{c:?}");
        // pairs all too likely (12 to 42 by chance), triples not: the
        // least likely triple first
        let c = conjunctions(&[3_000, 4_000, 5_000, 7_000, 9_000], 1e6);
        assert_eq!(c[0], [0, 1, 2]);
        // all common: the four rarest together
        let c = conjunctions(&[100_000, 200_000, 300_000, 400_000, 500_000], 1e6);
        assert_eq!(c, [vec![0, 1, 2, 3]]);
    }

    #[test]
    fn fuzzy_terms_are_words_of_three_letters_or_runs_of_three() {
        assert_eq!(
            fuzzy_terms("The JCS said: it flew 550 km, in Seoul."),
            ["the", "jcs", "said", "flew", "550", "seoul"]
        );
        // no spaces: every run of three letters, punctuation skipped
        assert_eq!(
            fuzzy_terms("北朝鮮が発射。"),
            ["北朝鮮", "朝鮮が", "鮮が発", "が発射"]
        );
    }

    #[test]
    fn difference_names_the_unit_then_the_fixed_fields() {
        let story = "Ferries run again\n\nBy Kim\n\nBUSAN, March 4 (Yonhap) -- Service resumed.\n";
        let a = crate::WireReader::new().id("f").read_str(story).unwrap();
        let b = crate::WireReader::new()
            .id("f")
            .read_str(&story.replace("resumed", "stopped"))
            .unwrap();
        assert_eq!(
            describe_difference(&a, &b),
            "unit p1 differs: stored \"Service resumed.\", given \"Service stopped.\""
        );
        let c = crate::WireReader::new()
            .id("f")
            .read_str(&story.replace("Kim", "Lee"))
            .unwrap();
        assert_eq!(describe_difference(&a, &c), "the byline differs");
    }

    #[test]
    fn file_hash_is_sha256_hex() {
        assert_eq!(
            file_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
