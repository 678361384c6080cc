//! [`EngineUrl`]: where the shards are.

use std::fmt;
use std::str::FromStr;

use crate::EngineError;

/// The shards of an engine, in shard order: `sphinx://HOST:PORT[,HOST:PORT...]`,
/// each the SphinxQL (MySQL protocol) address of one shard. The first also
/// answers queries (its distributed index `news` fans out to all) and holds the
/// `names` table. The order routes articles (document id modulo the number of
/// shards), so every run must give the same list.
///
/// ```
/// use search_sphinx::EngineUrl;
///
/// let url: EngineUrl = "sphinx://127.0.0.1:9306,127.0.0.1:9307".parse()?;
/// assert_eq!(url.shards(), ["127.0.0.1:9306", "127.0.0.1:9307"]);
/// assert_eq!(url.to_string(), "sphinx://127.0.0.1:9306,127.0.0.1:9307");
/// assert!("sphinx://127.0.0.1".parse::<EngineUrl>().is_err());
/// # Ok::<(), search_sphinx::EngineError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineUrl {
    shards: Vec<String>,
}

/// The URL scheme.
pub const SCHEME: &str = "sphinx://";

impl EngineUrl {
    /// `host:port` of each shard, in shard order.
    pub fn shards(&self) -> &[String] {
        &self.shards
    }
}

impl FromStr for EngineUrl {
    type Err = EngineError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        let bad = |reason: &str| EngineError::BadUrl {
            url: url.chars().filter(|c| !c.is_control()).collect(),
            reason: reason.to_string(),
        };
        let rest = url
            .trim()
            .strip_prefix(SCHEME)
            .ok_or_else(|| bad("it does not start with sphinx://"))?;
        let rest = rest.trim_end_matches('/');
        if rest.is_empty() {
            return Err(bad("no shard address"));
        }
        let mut shards = Vec::new();
        for addr in rest.split(',') {
            let (host, port) = addr
                .rsplit_once(':')
                .ok_or_else(|| bad(&format!("`{addr}` has no port")))?;
            if host.is_empty() || host.contains(['/', '@', ' ']) {
                return Err(bad(&format!("`{addr}` has no valid host")));
            }
            match port.parse::<u16>() {
                Ok(p) if p > 0 => {}
                _ => return Err(bad(&format!("`{port}` is not a port (1-65535)"))),
            }
            if shards.iter().any(|s| s == addr) {
                return Err(bad(&format!("`{addr}` is given twice")));
            }
            shards.push(addr.to_string());
        }
        Ok(EngineUrl { shards })
    }
}

impl fmt::Display for EngineUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{SCHEME}{}", self.shards.join(","))
    }
}
