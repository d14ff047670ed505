//! The PostgreSQL backend (cargo feature `postgres`): one store shared by
//! several machines and desks, on the synchronous `postgres` client.
//!
//! Write transactions run `SERIALIZABLE` and are retried with backoff when
//! PostgreSQL reports a serialization failure or a deadlock, so concurrent
//! writers never lose a write and never see one another half done. Schema
//! migrations run under a transaction-scoped advisory lock, so two
//! processes opening a new database at once migrate it once.

use std::collections::HashMap;
use std::error::Error as _;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use postgres::error::SqlState;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, NoTls, Statement};

use super::db::{Conn, Db, Dialect, Row, Value, backoff, test_pause};
use super::{Store, schema};
use crate::error::{Error, Result};

const WRITE_DEADLINE: Duration = Duration::from_secs(60);
/// The advisory lock key migrations hold ("nl" in ASCII, then 1).
const MIGRATION_LOCK: i64 = 0x6e6c_0001;

/// The PostgreSQL store.
pub struct PostgresStore {
    pub(super) db: PgDb,
}

pub(crate) struct PgDb {
    inner: Mutex<Inner>,
    shown: String,
}

struct Inner {
    client: Client,
    statements: HashMap<String, Statement>,
}

fn pg_err(e: &postgres::Error) -> Error {
    let detail = e
        .as_db_error()
        .map(|d| d.message().to_string())
        .or_else(|| e.source().map(|s| s.to_string()))
        .unwrap_or_else(|| e.to_string());
    Error::Store {
        message: format!("PostgreSQL: {detail}"),
    }
}

fn is_retryable(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
    )
}

/// The URL without its password, for messages.
fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..s + 3], &creds[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// `?` placeholders numbered `$1`, `$2`, ... (the store's SQL has no `?`
/// inside string literals).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for ch in sql.chars() {
        if ch == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(ch);
        }
    }
    out
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => {
                if *ty == Type::INT4 {
                    i32::try_from(*i)?.to_sql(ty, out)
                } else {
                    i.to_sql(ty, out)
                }
            }
            Value::Text(s) => s.to_sql(ty, out),
            Value::Bytes(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl PgDb {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

struct PgConn<'a> {
    inner: &'a mut Inner,
    retry: bool,
}

impl PgConn<'_> {
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.inner.statements.get(sql) {
            return Ok(s.clone());
        }
        let stmt = self
            .inner
            .client
            .prepare(&numbered(sql))
            .map_err(|e| self.fail(sql, &e))?;
        self.inner.statements.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    fn fail(&mut self, sql: &str, e: &postgres::Error) -> Error {
        if is_retryable(e) {
            self.retry = true;
        }
        let Error::Store { message } = pg_err(e) else {
            unreachable!()
        };
        Error::Store {
            message: format!("{message} (in `{}`)", super::sqlite::first_words(sql)),
        }
    }
}

fn refs(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl Conn for PgConn<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        let result = self.inner.client.execute(&stmt, &refs(params));
        result.map_err(|e| self.fail(sql, &e))
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let rows = match self.inner.client.query(&stmt, &refs(params)) {
            Ok(rows) => rows,
            Err(e) => return Err(self.fail(sql, &e)),
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut values = Vec::with_capacity(row.len());
            for (i, col) in row.columns().iter().enumerate() {
                let ty = col.type_();
                let v = if *ty == Type::INT8 {
                    row.try_get::<_, Option<i64>>(i).map(|v| v.map(Value::Int))
                } else if *ty == Type::INT4 {
                    row.try_get::<_, Option<i32>>(i)
                        .map(|v| v.map(|v| Value::Int(i64::from(v))))
                } else if *ty == Type::INT2 {
                    row.try_get::<_, Option<i16>>(i)
                        .map(|v| v.map(|v| Value::Int(i64::from(v))))
                } else if *ty == Type::BOOL {
                    row.try_get::<_, Option<bool>>(i)
                        .map(|v| v.map(|v| Value::Int(i64::from(v))))
                } else if *ty == Type::BYTEA {
                    row.try_get::<_, Option<Vec<u8>>>(i)
                        .map(|v| v.map(Value::Bytes))
                } else {
                    row.try_get::<_, Option<String>>(i)
                        .map(|v| v.map(Value::Text))
                };
                values.push(v.map_err(|e| self.fail(sql, &e))?.unwrap_or(Value::Null));
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
}

impl Db for PgDb {
    fn read<T>(&self, f: &mut dyn FnMut(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let mut inner = self.lock();
        inner
            .client
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .map_err(|e| pg_err(&e))?;
        let mut c = PgConn {
            inner: &mut inner,
            retry: false,
        };
        let result = f(&mut c);
        let _ = inner.client.batch_execute("COMMIT");
        result
    }

    fn write<T>(&self, f: &mut dyn FnMut(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let mut inner = self.lock();
        let start = Instant::now();
        let mut attempt = 0;
        loop {
            inner
                .client
                .batch_execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                .map_err(|e| pg_err(&e))?;
            let mut c = PgConn {
                inner: &mut inner,
                retry: false,
            };
            let result = f(&mut c);
            let retry = c.retry;
            match result {
                Ok(value) => {
                    test_pause();
                    match inner.client.batch_execute("COMMIT") {
                        Ok(()) => return Ok(value),
                        Err(e) => {
                            let _ = inner.client.batch_execute("ROLLBACK");
                            if is_retryable(&e) && start.elapsed() < WRITE_DEADLINE {
                                backoff(attempt);
                                attempt += 1;
                                continue;
                            }
                            return Err(pg_err(&e));
                        }
                    }
                }
                Err(e) => {
                    let _ = inner.client.batch_execute("ROLLBACK");
                    if retry && start.elapsed() < WRITE_DEADLINE {
                        backoff(attempt);
                        attempt += 1;
                        continue;
                    }
                    return Err(e);
                }
            }
        }
    }
}

/// The tables in an order that satisfies their foreign keys.
const TABLES: &[&str] = &[
    "newsloc_schema",
    "articles",
    "versions",
    "translations",
    "exports",
    "tm",
    "tm_uses",
];

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`,
    /// `?host=/run/postgresql` for a Unix socket, `options=-csearch_path%3DX`
    /// for a schema of its own) and migrates the schema forward.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when the server cannot be reached, refuses the
    /// login, or has a schema newer than this build knows.
    pub fn open(url: &str) -> Result<PostgresStore> {
        let shown = shown(url);
        let client = Client::connect(url, NoTls).map_err(|e| Error::Store {
            message: format!("{shown}: cannot connect: {}", pg_err(&e)),
        })?;
        let db = PgDb {
            inner: Mutex::new(Inner {
                client,
                statements: HashMap::new(),
            }),
            shown,
        };
        let current = db.read(&mut |c| schema::current_version(c))?;
        if current != schema::LATEST {
            let mut inner = db.lock();
            // read committed: each statement sees what a concurrent
            // migration committed while this one waited for the lock
            inner
                .client
                .batch_execute("BEGIN")
                .map_err(|e| pg_err(&e))?;
            let mut c = PgConn {
                inner: &mut inner,
                retry: false,
            };
            let result = c
                .execute(
                    "SELECT pg_advisory_xact_lock(?)",
                    &[Value::Int(MIGRATION_LOCK)],
                )
                .and_then(|_| schema::migrate(&mut c));
            match result {
                Ok(()) => inner
                    .client
                    .batch_execute("COMMIT")
                    .map_err(|e| pg_err(&e))?,
                Err(e) => {
                    let _ = inner.client.batch_execute("ROLLBACK");
                    return Err(e);
                }
            }
            inner.statements.clear();
        }
        Ok(PostgresStore { db })
    }

    pub(super) fn where_(&self) -> String {
        self.db.shown.clone()
    }

    /// PostgreSQL has no page-level check like SQLite's `integrity_check`
    /// (its own checksums and constraints cover that); this checks that the
    /// two indexes the TM's fuzzy lookup needs (trigrams, words) are there
    /// and valid.
    pub(super) fn integrity(&self) -> Result<Vec<String>> {
        self.db.read(&mut |c| {
            let mut problems = Vec::new();
            for (index, what) in [("tm_trgm", "trigram"), ("tm_words", "word")] {
                let ok = c.query_opt(
                    "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relname = ? AND n.nspname = current_schema()",
                    &[Value::from(index)],
                )?;
                match ok {
                    Some(r) if r.int(0)? == 1 => {}
                    Some(_) => problems.push(format!(
                        "the translation memory's {what} index is not valid"
                    )),
                    None => {
                        problems.push(format!("the translation memory's {what} index is missing"))
                    }
                }
            }
            Ok(problems)
        })
    }

    /// Writes every table as `COPY ... FROM stdin` blocks (the text format
    /// `psql -f` restores into an empty store of the same schema version),
    /// all read in one repeatable-read snapshot, so the copy is consistent
    /// while others write.
    pub(super) fn backup_to(&self, to: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: to.to_path_buf(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(to)
            .map_err(io)?;
        let mut inner = self.db.lock();
        inner
            .client
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .map_err(|e| pg_err(&e))?;
        let result = (|| -> Result<()> {
            writeln!(
                file,
                "-- newsloc store backup of {} (schema version {}); restore with psql -f \
                 into a store opened once by newsloc",
                self.db.shown,
                schema::LATEST
            )
            .map_err(io)?;
            writeln!(file, "BEGIN;\nDELETE FROM newsloc_schema;").map_err(io)?;
            for table in TABLES {
                writeln!(file, "COPY {table} FROM stdin;").map_err(io)?;
                let mut reader = inner
                    .client
                    .copy_out(&format!("COPY {table} TO STDOUT"))
                    .map_err(|e| pg_err(&e))?;
                let mut buf = Vec::new();
                reader.read_to_end(&mut buf).map_err(io)?;
                file.write_all(&buf).map_err(io)?;
                writeln!(file, "\\.").map_err(io)?;
            }
            for table in &TABLES[3..] {
                writeln!(
                    file,
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     COALESCE(MAX(id), 1)) FROM {table};"
                )
                .map_err(io)?;
            }
            writeln!(file, "COMMIT;").map_err(io)?;
            file.sync_all().map_err(io)
        })();
        let _ = inner.client.batch_execute("COMMIT");
        result
    }
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PostgresStore({})", self.location())
    }
}

#[cfg(test)]
mod tests {
    use super::{numbered, shown};

    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ? AND c % ? LIMIT ?"),
            "SELECT a FROM t WHERE b = $1 AND c % $2 LIMIT $3"
        );
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            shown("postgres://desk:secret@db:5432/news"),
            "postgres://desk:***@db:5432/news"
        );
        assert_eq!(shown("postgres://desk@db/news"), "postgres://desk@db/news");
    }
}
