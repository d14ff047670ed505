//! The little the store's logic needs from a database, so that it is written
//! once for both backends: statements with `?` placeholders (the PostgreSQL
//! connection numbers them), rows of four value types, and transactions that
//! a backend retries when the database asks for it.

use crate::error::{Error, Result};

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Value {
        Value::Int(i64::from(v))
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Bytes(v)
    }
}

impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Value {
        Value::Bytes(v.to_vec())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// Builds a `Vec<Value>` from expressions that convert into values.
macro_rules! params {
    ($($v:expr),* $(,)?) => { [$($crate::store::db::Value::from($v)),*] };
}
pub(crate) use params;

/// One row of a result.
#[derive(Debug, Clone)]
pub(crate) struct Row(pub(crate) Vec<Value>);

impl Row {
    fn at(&self, i: usize) -> &Value {
        self.0.get(i).unwrap_or(&Value::Null)
    }

    pub(crate) fn int(&self, i: usize) -> Result<i64> {
        match self.at(i) {
            Value::Int(v) => Ok(*v),
            other => Err(corrupt(i, "an integer", other)),
        }
    }

    pub(crate) fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i) {
            Value::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    pub(crate) fn text(&self, i: usize) -> Result<&str> {
        match self.at(i) {
            Value::Text(v) => Ok(v),
            other => Err(corrupt(i, "text", other)),
        }
    }

    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<&str>> {
        match self.at(i) {
            Value::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }

    pub(crate) fn bytes(&self, i: usize) -> Result<&[u8]> {
        match self.at(i) {
            Value::Bytes(v) => Ok(v),
            other => Err(corrupt(i, "bytes", other)),
        }
    }
}

fn corrupt(column: usize, wanted: &str, got: &Value) -> Error {
    Error::Store {
        message: format!(
            "unexpected value in result column {column}: wanted {wanted}, got {got:?}"
        ),
    }
}

/// Which SQL dialect a connection speaks, for the few statements that
/// differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    Postgres,
}

/// A connection inside a transaction (or a read).
pub(crate) trait Conn {
    /// Runs a statement; returns the number of rows changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64>;
    /// Runs a query and collects its rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>>;
    /// The dialect.
    fn dialect(&self) -> Dialect;

    /// The first row of a query, if any.
    fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }
}

/// A database the store logic runs on.
pub(crate) trait Db: Send + Sync {
    /// Runs `f` as a read (a consistent snapshot).
    fn read<T>(&self, f: &mut dyn FnMut(&mut dyn Conn) -> Result<T>) -> Result<T>;
    /// Runs `f` in a write transaction, committed when it returns `Ok`,
    /// rolled back otherwise; retried from the start (so `f` must not have
    /// effects outside the database) when the database reports a conflict
    /// with another writer.
    fn write<T>(&self, f: &mut dyn FnMut(&mut dyn Conn) -> Result<T>) -> Result<T>;
}

/// Test hook, documented in `docs/store.md`: when the environment variable
/// `NEWSLOC_TEST_PAUSE_IN_TRANSACTION` holds a number of milliseconds, every
/// write transaction prints `newsloc: test hook: pausing in transaction` on
/// standard error and sleeps that long before it commits, so that a test can
/// kill the process at a known point. Not for production use.
pub(crate) fn test_pause() {
    if let Some(ms) = std::env::var_os("NEWSLOC_TEST_PAUSE_IN_TRANSACTION")
        .and_then(|v| v.to_str().and_then(|s| s.parse::<u64>().ok()))
    {
        eprintln!("newsloc: test hook: pausing in transaction");
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Exponential backoff with jitter from the clock's nanoseconds: 5 ms,
/// 10 ms, ... capped at 200 ms.
pub(crate) fn backoff(attempt: u32) {
    let base = 5u64 << attempt.min(6);
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()) % base.max(1));
    std::thread::sleep(std::time::Duration::from_millis((base + jitter).min(200)));
}
