//! One connection per shard, SphinxQL in plain text statements.

use std::sync::Mutex;
use std::time::Duration;

use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, Row};

use crate::EngineError;

/// The largest statement sent (the shards accept 32 MiB; see shards.sh).
pub(crate) const MAX_STATEMENT_BYTES: usize = 8 << 20;

/// A shard: its address and, once used, a connection to it.
pub(crate) struct Shard {
    pub addr: String,
    conn: Mutex<Option<Conn>>,
}

impl Shard {
    pub fn new(addr: &str) -> Self {
        Shard {
            addr: addr.to_string(),
            conn: Mutex::new(None),
        }
    }

    fn connect(&self) -> Result<Conn, EngineError> {
        let (host, port) = self.addr.rsplit_once(':').unwrap_or((&self.addr, "9306"));
        let opts = OptsBuilder::new()
            .ip_or_hostname(Some(host))
            .tcp_port(port.parse().unwrap_or(9306))
            .prefer_socket(false)
            // Given, so that the driver does not ask (Sphinx has no @@variables).
            .max_allowed_packet(Some(32 << 20))
            .tcp_connect_timeout(Some(Duration::from_secs(3)))
            .read_timeout(Some(Duration::from_secs(120)))
            .write_timeout(Some(Duration::from_secs(120)));
        Conn::new(opts).map_err(|source| EngineError::Connect {
            addr: self.addr.clone(),
            source,
        })
    }

    /// Runs `statement` and returns its rows (none for a write), connecting
    /// first if need be. A connection that failed is dropped, so the next call
    /// connects afresh.
    pub fn query(&self, statement: &str) -> Result<Vec<Row>, EngineError> {
        let mut guard = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(self.connect()?);
        }
        let conn = guard.as_mut().expect("connected above");
        conn.query::<Row, _>(statement).map_err(|source| {
            let head: String = statement.chars().take(80).collect();
            let connection_lost = matches!(source, mysql::Error::IoError(_));
            if connection_lost {
                *guard = None;
            }
            EngineError::Statement {
                addr: self.addr.clone(),
                statement: head,
                source,
            }
        })
    }

    /// Runs a statement and `SHOW META` after it on the same connection: the
    /// rows and `total_found`.
    pub fn query_with_total(&self, statement: &str) -> Result<(Vec<Row>, u64), EngineError> {
        let rows = self.query(statement)?;
        let meta = self.query("SHOW META")?;
        // A distributed index answers with the shards it reached and a
        // warning for the others: partial counts are an error here.
        if let Some(warning) = meta
            .iter()
            .find(|r| text(r, 0).as_deref() == Some("warning"))
            .and_then(|r| text(r, 1))
        {
            return Err(EngineError::Unexpected {
                addr: self.addr.clone(),
                what: warning,
            });
        }
        let total = meta
            .iter()
            .find(|r| text(r, 0).as_deref() == Some("total_found"))
            .and_then(|r| text(r, 1))
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| EngineError::Unexpected {
                addr: self.addr.clone(),
                what: "no total_found in SHOW META".into(),
            })?;
        Ok((rows, total))
    }
}

/// Column `i` of a row as text.
pub(crate) fn text(row: &Row, i: usize) -> Option<String> {
    match row.as_ref(i)? {
        mysql::Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        mysql::Value::Int(n) => Some(n.to_string()),
        mysql::Value::UInt(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Column `i` of a row as an integer.
pub(crate) fn int(row: &Row, i: usize) -> Option<i64> {
    text(row, i)?.trim().parse().ok()
}

/// `s` as a SphinxQL string literal, quotes included.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\0' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A comma-separated list of numbers.
pub(crate) fn list<T: std::fmt::Display>(values: impl IntoIterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&v.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_and_backslashes() {
        assert_eq!(quoted(r"it's a\b"), r"'it\'s a\\b'");
        assert_eq!(quoted("a\0b"), "'a b'");
        assert_eq!(list([1, 2, 3]), "1,2,3");
    }
}
