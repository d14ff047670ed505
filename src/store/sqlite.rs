//! The SQLite backend: one file, SQLite compiled in (`rusqlite` bundled).
//!
//! Settings, each for a reason:
//! - `journal_mode=WAL`: readers never wait for the writer, the writer
//!   never waits for readers.
//! - `synchronous=FULL`: in WAL mode NORMAL can lose the last transactions
//!   on a power cut; a desk that was told "imported" must find it there.
//! - `foreign_keys=ON`: a translation always points at a stored version.
//! - `cache_size` 32 MiB: a lookup in a large memory reads index pages
//!   that other lookups read too.
//! - a busy timeout of 10 s, and every write transaction opened with
//!   `BEGIN IMMEDIATE` (the write lock is taken up front, so two writers
//!   never deadlock upgrading a read) and retried with backoff when the lock
//!   cannot be had: "database is locked" does not reach the user.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::db::{Conn, Db, Dialect, Row, Value, backoff, test_pause};
use super::schema;
use crate::error::{Error, Result};

/// How long a writer keeps trying to get the write lock before it gives up.
const WRITE_DEADLINE: Duration = Duration::from_secs(60);
/// SQLite's own busy timeout, per statement.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) struct SqliteDb {
    conn: Mutex<Connection>,
    path: PathBuf,
}

fn sql_err(e: rusqlite::Error) -> Error {
    Error::Store {
        message: format!("SQLite: {e}"),
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

impl SqliteDb {
    pub(crate) fn open(path: &Path) -> Result<SqliteDb> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Store {
            message: format!("{}: cannot open the store: {e}", path.display()),
        })?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql_err)?;
        // journal_mode needs the write lock the first time; retry like a write
        let start = Instant::now();
        let mut attempt = 0;
        loop {
            match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
                Ok(mode) if mode.eq_ignore_ascii_case("wal") => break,
                Ok(mode) => {
                    return Err(Error::Store {
                        message: format!(
                            "{}: SQLite would not use WAL (journal mode {mode}); is it on a \
                             network file system?",
                            path.display()
                        ),
                    });
                }
                Err(e) if is_busy(&e) && start.elapsed() < WRITE_DEADLINE => {
                    backoff(attempt);
                    attempt += 1;
                }
                Err(e) => {
                    return Err(Error::Store {
                        message: format!("{}: not a newsloc store: {e}", path.display()),
                    });
                }
            }
        }
        // 32 MiB of page cache (SQLite's default is 2 MiB): a lookup in a
        // large memory reads index pages other lookups read too
        conn.execute_batch(
            "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;",
        )
        .map_err(sql_err)?;
        // every statement the store runs stays prepared (rusqlite keeps 16)
        conn.set_prepared_statement_cache_capacity(128);
        let db = SqliteDb {
            conn: Mutex::new(conn),
            path: path.to_path_buf(),
        };
        let current = db.read(&mut |c| schema::current_version(c))?;
        if current != schema::LATEST {
            db.write(&mut |c| schema::migrate(c))?;
        }
        Ok(db)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // a panic while holding the lock leaves no half transaction behind
        // (it is rolled back below), so a poisoned lock is still usable
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A consistent copy of the whole store in a new file, taken while other
    /// processes go on writing (`VACUUM INTO` reads one snapshot).
    pub(crate) fn backup(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(Error::Store {
                message: format!("{}: already exists; backup writes a new file", to.display()),
            });
        }
        let target = to.to_str().ok_or_else(|| Error::Store {
            message: format!("{}: not a UTF-8 path", to.display()),
        })?;
        self.lock()
            .execute("VACUUM INTO ?1", [target])
            .map_err(sql_err)?;
        Ok(())
    }

    /// `PRAGMA integrity_check`, foreign keys, and the full-text index.
    pub(crate) fn integrity(&self) -> Result<Vec<String>> {
        let conn = self.lock();
        let mut problems = Vec::new();
        let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(sql_err)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(sql_err)?;
        for row in rows {
            let row = row.map_err(sql_err)?;
            if row != "ok" {
                problems.push(format!("integrity_check: {row}"));
            }
        }
        let mut stmt = conn.prepare("PRAGMA foreign_key_check").map_err(sql_err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "foreign key: a row of {} points at a missing row of {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(2)?
                ))
            })
            .map_err(sql_err)?;
        for row in rows {
            problems.push(row.map_err(sql_err)?);
        }
        for index in ["tm_fts", "tm_words"] {
            if let Err(e) = conn.execute(
                &format!("INSERT INTO {index}({index}, rank) VALUES('integrity-check', 1)"),
                [],
            ) {
                problems.push(format!("translation memory index {index}: {e}"));
            }
        }
        Ok(problems)
    }
}

struct SqliteConn<'a> {
    conn: &'a Connection,
    busy: bool,
}

fn bind(v: &Value) -> ToSqlOutput<'_> {
    match v {
        Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
        Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
        Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        Value::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
    }
}

impl SqliteConn<'_> {
    fn fail(&mut self, sql: &str, e: rusqlite::Error) -> Error {
        if is_busy(&e) {
            self.busy = true;
        }
        Error::Store {
            message: format!("SQLite: {e} (in `{}`)", first_words(sql)),
        }
    }
}

/// The start of a statement, for error messages.
pub(crate) fn first_words(sql: &str) -> String {
    let s: String = sql.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    s
}

impl Conn for SqliteConn<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let result = self
            .conn
            .prepare_cached(sql)
            .and_then(|mut stmt| stmt.execute(rusqlite::params_from_iter(params.iter().map(bind))));
        match result {
            Ok(n) => Ok(n as u64),
            Err(e) => Err(self.fail(sql, e)),
        }
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let result = self.conn.prepare_cached(sql).and_then(|mut stmt| {
            let n = stmt.column_count();
            let mut rows = stmt.query(rusqlite::params_from_iter(params.iter().map(bind)))?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let mut values = Vec::with_capacity(n);
                for i in 0..n {
                    values.push(match row.get_ref(i)? {
                        ValueRef::Null => Value::Null,
                        ValueRef::Integer(v) => Value::Int(v),
                        ValueRef::Real(v) => Value::Int(v as i64),
                        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                        ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
                    });
                }
                out.push(Row(values));
            }
            Ok(out)
        });
        result.map_err(|e| self.fail(sql, e))
    }

    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
}

impl Db for SqliteDb {
    fn read<T>(&self, f: &mut dyn FnMut(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        conn.execute_batch("BEGIN DEFERRED").map_err(sql_err)?;
        let mut c = SqliteConn {
            conn: &conn,
            busy: false,
        };
        let result = f(&mut c);
        // a read changes nothing: ending it either way is the same
        let _ = conn.execute_batch("COMMIT");
        result
    }

    fn write<T>(&self, f: &mut dyn FnMut(&mut dyn Conn) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        let start = Instant::now();
        let mut attempt = 0;
        loop {
            let retry = |attempt: &mut u32, e: Error| -> Result<()> {
                if start.elapsed() >= WRITE_DEADLINE {
                    return Err(e);
                }
                backoff(*attempt);
                *attempt += 1;
                Ok(())
            };
            if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
                if is_busy(&e) {
                    retry(&mut attempt, sql_err(e))?;
                    continue;
                }
                return Err(sql_err(e));
            }
            let mut c = SqliteConn {
                conn: &conn,
                busy: false,
            };
            match f(&mut c) {
                Ok(value) => {
                    test_pause();
                    match conn.execute_batch("COMMIT") {
                        Ok(()) => return Ok(value),
                        Err(e) => {
                            let _ = conn.execute_batch("ROLLBACK");
                            if is_busy(&e) {
                                retry(&mut attempt, sql_err(e))?;
                                continue;
                            }
                            return Err(sql_err(e));
                        }
                    }
                }
                Err(e) => {
                    let _ = conn.execute_batch("ROLLBACK");
                    if c.busy {
                        retry(&mut attempt, e)?;
                        continue;
                    }
                    return Err(e);
                }
            }
        }
    }
}
