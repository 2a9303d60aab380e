//! Where the archive is: a PostgreSQL connection string (`postgresql://user@host/db`,
//! a Unix socket folder as `host`, or `key=value` pairs), from `[archive] url` in
//! sourced.toml, the environment variable [`ENV_VAR`], or the command line.
//!
//! The string may hold a password: it is only ever shown redacted ([`ArchiveUrl::redacted`]).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::ArchiveError;

/// The environment variable that names the archive.
pub const ENV_VAR: &str = "SOURCED_ARCHIVE_URL";

/// A parsed connection string.
#[derive(Clone)]
pub struct ArchiveUrl {
    raw: String,
    config: postgres::Config,
}

impl ArchiveUrl {
    pub fn parse(raw: &str) -> Result<ArchiveUrl, ArchiveError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ArchiveError::new(
                "the archive's connection string is empty",
            ));
        }
        let mut config = postgres::Config::from_str(raw).map_err(|e| {
            ArchiveError::new(format!(
                "the archive's connection string `{}` is not valid ({e})",
                redact(raw)
            ))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        if config.get_application_name().is_none() {
            config.application_name("sourced");
        }
        Ok(ArchiveUrl {
            raw: raw.to_string(),
            config,
        })
    }

    /// The connection string with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        redact(&self.raw)
    }

    pub(crate) fn config(&self) -> &postgres::Config {
        &self.config
    }
}

/// Shown redacted: a password never reaches a message or a log.
impl fmt::Debug for ArchiveUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ArchiveUrl({})", self.redacted())
    }
}

impl fmt::Display for ArchiveUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// `s` with the password of a URL (`scheme://user:password@host`), of a `password=`
/// query parameter, and of a `password=` key-value pair replaced by `***`.
pub fn redact(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                let from = rest_start + colon + 1;
                out.replace_range(from..rest_start + at, "***");
            }
        }
    }
    // `password=...` as a query parameter or a key-value pair (quoted or not).
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = find_key(rest, "password") {
        let (before, after) = rest.split_at(i + "password".len());
        result.push_str(before);
        let after = after.trim_start();
        let Some(value) = after.strip_prefix('=') else {
            rest = after;
            continue;
        };
        result.push_str("=***");
        let value = value.trim_start();
        let end = if let Some(quoted) = value.strip_prefix('\'') {
            // A quoted value ends at the next unescaped quote.
            let mut end = quoted.len();
            let mut escaped = false;
            for (j, c) in quoted.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '\'' if !escaped => {
                        end = j + 1;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            1 + end
        } else {
            value.find([' ', '&']).unwrap_or(value.len())
        };
        rest = &value[end.min(value.len())..];
    }
    result.push_str(rest);
    result
}

/// Where `key` starts as a whole key in `s` (after the start, a space, `?` or `&`).
fn find_key(s: &str, key: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key) {
        let at = from + i;
        let before_ok = at == 0 || matches!(lower.as_bytes()[at - 1], b' ' | b'?' | b'&');
        if before_ok {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_shown() {
        let cases = [
            (
                "postgresql://ann:s3cret@db.example/news",
                "postgresql://ann:***@db.example/news",
            ),
            (
                "postgresql://ann:p%40ss@db/news?sslmode=disable",
                "postgresql://ann:***@db/news?sslmode=disable",
            ),
            (
                "postgresql://ann@db/news?password=s3cret&application_name=x",
                "postgresql://ann@db/news?password=***&application_name=x",
            ),
            (
                "host=/tmp user=ann password=s3cret dbname=news",
                "host=/tmp user=ann password=*** dbname=news",
            ),
            (
                r"host=/tmp password = 'it\'s s3cret' dbname=news",
                "host=/tmp password=*** dbname=news",
            ),
            (
                "postgresql://ann@%2Ftmp%2Fpg/news",
                "postgresql://ann@%2Ftmp%2Fpg/news",
            ),
        ];
        for (raw, shown) in cases {
            assert_eq!(redact(raw), shown, "{raw}");
            assert!(!redact(raw).contains("s3cret"), "{raw}");
        }
    }

    #[test]
    fn a_bad_string_is_reported_without_its_password() {
        let e = ArchiveUrl::parse("postgresql://ann:s3cret@db/news?bogus_option=1")
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(e.contains("not valid"), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
    }

    #[test]
    fn debug_and_display_are_redacted() {
        let url = ArchiveUrl::parse("postgresql://ann:s3cret@localhost/news").expect("valid");
        assert!(!format!("{url:?} {url}").contains("s3cret"));
    }
}
