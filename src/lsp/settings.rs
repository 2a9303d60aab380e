//! The editor's settings for Sourced: read from `initializationOptions` and
//! `workspace/didChangeConfiguration` (under the key `"sourced"`), and layered over
//! `sourced.toml`.
//!
//! Reading is lenient: a setting of the wrong type is reported (in words the user can act
//! on) and ignored, and the other settings still apply. [`schema`] is the JSON schema the
//! editor integrations compare with (`sourced lsp --settings-schema`).

use serde_json::{json, Value};

use crate::check::{FindingCode, Severity};

/// Debounce used when neither the editor nor `sourced.toml` says.
pub const DEFAULT_DEBOUNCE_MS: u64 = 150;

/// Longest debounce accepted (a longer one would look like a hang).
pub const MAX_DEBOUNCE_MS: u64 = 10_000;

/// What the editor configured; `None` means "not set here" (fall back to `sourced.toml`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientSettings {
    /// Corpus files or folders, relative to the workspace folder (or the draft's folder).
    pub corpus_paths: Option<Vec<String>>,
    pub debounce_ms: Option<u64>,
    /// Per-code severity; `None` turns the code off.
    pub severity: Vec<(FindingCode, Option<Severity>)>,
}

/// Parse a severity as users write it: `error|warning|information|hint|off`.
pub fn parse_severity(s: &str) -> Result<Option<Severity>, String> {
    match s {
        "off" | "none" => Ok(None),
        other => Severity::parse(other).map(Some).ok_or_else(|| {
            format!("unknown severity {other:?} (use error, warning, information, hint or off)")
        }),
    }
}

impl ClientSettings {
    /// Read settings from what the client sent: either the settings object itself, or an
    /// object holding it under `"sourced"`. Returns the settings and a message per
    /// problem found (each problem ignores only its own setting).
    pub fn from_json(value: &Value) -> (ClientSettings, Vec<String>) {
        let mut problems = Vec::new();
        let mut out = ClientSettings::default();
        let value = match value.get("sourced") {
            Some(inner) if inner.is_object() => inner,
            _ => value,
        };
        let Some(obj) = value.as_object() else {
            if !value.is_null() {
                problems.push(format!("Sourced settings must be an object, not {value}"));
            }
            return (out, problems);
        };
        if let Some(corpus) = obj.get("corpus") {
            match corpus.get("paths") {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) => {
                    let mut paths = Vec::new();
                    for item in items {
                        match item.as_str() {
                            Some(s) if !s.trim().is_empty() => paths.push(s.to_string()),
                            _ => problems.push(format!(
                                "sourced.corpus.paths: {item} is not a path; ignored"
                            )),
                        }
                    }
                    out.corpus_paths = Some(paths);
                }
                Some(Value::String(s)) => out.corpus_paths = Some(vec![s.clone()]),
                Some(other) => problems.push(format!(
                    "sourced.corpus.paths must be a list of paths, not {other}; ignored"
                )),
            }
        }
        match obj.get("debounceMs") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_f64() {
                Some(ms) if ms >= 0.0 && ms.is_finite() => {
                    out.debounce_ms = Some((ms.round() as u64).min(MAX_DEBOUNCE_MS))
                }
                _ => problems.push(format!(
                    "sourced.debounceMs must be a number of milliseconds (0 or more), not {v}; ignored"
                )),
            },
        }
        match obj.get("severity") {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (code, sev) in map {
                    let Some(code_parsed) = FindingCode::parse(code) else {
                        problems.push(format!(
                            "sourced.severity: unknown finding code {code:?}; ignored"
                        ));
                        continue;
                    };
                    match sev.as_str().map(parse_severity) {
                        Some(Ok(s)) => out.severity.push((code_parsed, s)),
                        Some(Err(why)) => problems.push(format!("sourced.severity.{code}: {why}")),
                        None => problems.push(format!(
                            "sourced.severity.{code} must be a string, not {sev}; ignored"
                        )),
                    }
                }
            }
            Some(other) => problems.push(format!(
                "sourced.severity must be an object of code -> severity, not {other}; ignored"
            )),
        }
        (out, problems)
    }
}

/// Severity overrides: the editor's over `sourced.toml`'s, later entries winning.
pub fn merge_severity(
    toml: &[(FindingCode, Option<Severity>)],
    client: &[(FindingCode, Option<Severity>)],
) -> Vec<(FindingCode, Option<Severity>)> {
    let mut out: Vec<(FindingCode, Option<Severity>)> = Vec::new();
    for &(code, sev) in toml.iter().chain(client) {
        out.retain(|(c, _)| *c != code);
        out.push((code, sev));
    }
    out
}

/// The severity a finding of `code` gets under `overrides` (`None`: off).
pub fn severity_for(
    code: FindingCode,
    found: Severity,
    overrides: &[(FindingCode, Option<Severity>)],
) -> Option<Severity> {
    overrides
        .iter()
        .rev()
        .find(|(c, _)| *c == code)
        .map(|(_, s)| *s)
        .unwrap_or(Some(found))
}

/// The JSON schema of the settings object.
pub fn schema() -> Value {
    let severities = json!(["error", "warning", "information", "hint", "off"]);
    let mut codes = serde_json::Map::new();
    for code in FindingCode::ALL {
        codes.insert(
            code.as_str().to_string(),
            json!({
                "type": "string",
                "enum": severities,
                "default": code.default_severity().as_str(),
                "description": format!("Severity of {} findings (off hides them).", code.as_str()),
            }),
        );
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Sourced settings",
        "type": "object",
        "properties": {
            "corpus": {
                "type": "object",
                "properties": {
                    "paths": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Source files or folders of the story, relative to the workspace folder. Overrides [corpus] paths of sourced.toml.",
                    }
                },
                "additionalProperties": false,
            },
            "debounceMs": {
                "type": "number",
                "minimum": 0,
                "maximum": MAX_DEBOUNCE_MS,
                "default": DEFAULT_DEBOUNCE_MS,
                "description": "Milliseconds to wait after typing before checking the draft (0 checks on every change).",
            },
            "severity": {
                "type": "object",
                "properties": codes,
                "additionalProperties": false,
                "description": "Per finding code: error, warning, information, hint or off. Overrides [check] severity of sourced.toml.",
            }
        },
        "additionalProperties": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_shape_nested_or_not() {
        let inner = json!({"corpus": {"paths": ["sources", "wire"]}, "debounceMs": 0,
            "severity": {"altered-quote": "error", "unattributed-quote": "off"}});
        for v in [inner.clone(), json!({"sourced": inner})] {
            let (s, problems) = ClientSettings::from_json(&v);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(s.corpus_paths, Some(vec!["sources".into(), "wire".into()]));
            assert_eq!(s.debounce_ms, Some(0));
            assert_eq!(
                s.severity,
                vec![
                    (FindingCode::AlteredQuote, Some(Severity::Error)),
                    (FindingCode::UnattributedQuote, None)
                ]
            );
        }
    }

    #[test]
    fn a_bad_setting_is_reported_and_the_rest_applies() {
        let v = json!({"debounceMs": "fast", "severity": {"altered-quote": "loud", "nope": "error",
            "unsourced-quote": "hint"}, "corpus": {"paths": 3}});
        let (s, problems) = ClientSettings::from_json(&v);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("corpus.paths"));
        assert_eq!(s.debounce_ms, None);
        assert_eq!(
            s.severity,
            vec![(FindingCode::UnsourcedQuote, Some(Severity::Hint))]
        );
        let (_, p) = ClientSettings::from_json(&json!(42));
        assert_eq!(p.len(), 1);
        let (s, p) = ClientSettings::from_json(&Value::Null);
        assert!(p.is_empty());
        assert_eq!(s, ClientSettings::default());
    }

    #[test]
    fn editor_severity_wins_over_toml() {
        let toml = [
            (FindingCode::AlteredQuote, None),
            (FindingCode::TitleMismatch, Some(Severity::Hint)),
        ];
        let client = [(FindingCode::AlteredQuote, Some(Severity::Error))];
        let merged = merge_severity(&toml, &client);
        assert_eq!(
            severity_for(FindingCode::AlteredQuote, Severity::Warning, &merged),
            Some(Severity::Error)
        );
        assert_eq!(
            severity_for(FindingCode::TitleMismatch, Severity::Warning, &merged),
            Some(Severity::Hint)
        );
        assert_eq!(
            severity_for(FindingCode::UnsourcedQuote, Severity::Warning, &merged),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn schema_lists_every_code() {
        let s = schema();
        for code in FindingCode::ALL {
            assert!(s["properties"]["severity"]["properties"][code.as_str()].is_object());
        }
    }
}
