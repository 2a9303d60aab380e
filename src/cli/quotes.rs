//! `sourced quotes [--format human|json] FILE...`: print the direct quotes of each file,
//! with who said them, as the analysis sees them.
//!
//! Thin: reads files, calls [`crate::analysis::analyze`], prints. A file that cannot be
//! read is reported on stderr, the others are still printed, and the exit code is 2.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{json, Value};

use crate::analysis::{analyze, Analysis, Quote, Span, TextFormat};

const USAGE: &str = "usage: sourced quotes [--format human|json] FILE...";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

/// Run `sourced quotes` with the arguments after `quotes`.
pub fn run(args: &[String]) -> ExitCode {
    let mut format = Format::Human;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let value = if arg == "--format" {
            i += 1;
            match args.get(i) {
                Some(v) => Some(v.as_str()),
                None => {
                    eprintln!("sourced quotes: --format needs a value (human or json)\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
        } else {
            arg.strip_prefix("--format=")
        };
        if let Some(v) = value {
            format = match v {
                "human" => Format::Human,
                "json" => Format::Json,
                other => {
                    eprintln!(
                        "sourced quotes: unknown format {other:?} (use human or json)\n{USAGE}"
                    );
                    return ExitCode::from(2);
                }
            };
        } else if arg == "-h" || arg == "--help" {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        } else if arg.starts_with("--") {
            eprintln!("sourced quotes: unknown option {arg}\n{USAGE}");
            return ExitCode::from(2);
        } else {
            files.push(arg.to_string());
        }
        i += 1;
    }
    if files.is_empty() {
        eprintln!("sourced quotes: no file given\n{USAGE}");
        return ExitCode::from(2);
    }

    let mut failed = false;
    let mut results = Vec::new();
    for path in &files {
        match read_limited(std::path::Path::new(path)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let analysis = analyze(&text, TextFormat::from_path_name(path));
                    results.push((path.clone(), text, analysis));
                }
                Err(e) => {
                    eprintln!(
                        "sourced quotes: {path}: not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
                        e.utf8_error().valid_up_to()
                    );
                    failed = true;
                }
            },
            Err(why) => {
                eprintln!("sourced quotes: cannot read {path}: {why}");
                failed = true;
            }
        }
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match format {
        Format::Json => {
            let files: Vec<Value> = results
                .iter()
                .map(|(path, text, analysis)| file_json(path, text, analysis))
                .collect();
            writeln!(out, "{}", json!({ "files": files }))
        }
        Format::Human => results
            .iter()
            .try_for_each(|(path, text, analysis)| write_human(&mut out, path, text, analysis)),
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("sourced quotes: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn span_json(span: Span, text: &str) -> Value {
    json!({ "start": span.start, "end": span.end, "text": span.slice(text) })
}

/// One file's quotes and entities as JSON (the format `sourced quotes --format json` prints).
pub fn file_json(path: &str, text: &str, analysis: &Analysis) -> Value {
    let quotes: Vec<Value> = analysis
        .quotes
        .iter()
        .map(|q| quote_json(q, text, analysis))
        .collect();
    let entities = serde_json::to_value(&analysis.entities).unwrap_or(Value::Array(Vec::new()));
    json!({ "path": path, "quotes": quotes, "entities": entities })
}

fn quote_json(q: &Quote, text: &str, analysis: &Analysis) -> Value {
    let speaker = q.speaker.as_ref().map(|s| {
        let name = s
            .entity
            .and_then(|id| analysis.entity(id))
            .map(|e| e.canonical.clone());
        json!({
            "mention": span_json(s.mention, text),
            "name": name,
            "mention_kind": s.kind,
            "entity": s.entity,
            "inherited": s.inherited,
        })
    });
    let cue = q.cue.as_ref().map(|c| span_json(c.span, text));
    json!({
        "start": q.span.start,
        "end": q.span.end,
        "text": q.text,
        "inner": { "start": q.inner.start, "end": q.inner.end },
        "speaker": speaker,
        "cue": cue,
        "continues_previous": q.continues_previous,
        "closed": q.closed,
    })
}

fn write_human(
    out: &mut impl Write,
    path: &str,
    text: &str,
    analysis: &Analysis,
) -> std::io::Result<()> {
    if analysis.quotes.is_empty() {
        writeln!(out, "{path}: no quotes found")?;
        return Ok(());
    }
    let mut line = 1;
    let mut counted_to = 0;
    for q in &analysis.quotes {
        let upto = q.span.start.min(text.len());
        if upto > counted_to {
            line += text.as_bytes()[counted_to..upto]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = upto;
        }
        let shown = shorten(
            &q.text.split_whitespace().collect::<Vec<_>>().join(" "),
            200,
        );
        let cont = if q.continues_previous {
            " (continued)"
        } else {
            ""
        };
        let open = if q.closed { "" } else { " [no closing mark]" };
        writeln!(out, "{path}:{line}: “{shown}”{cont}{open}")?;
        let who = match &q.speaker {
            Some(s) => {
                let mut who = s
                    .mention_text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(e) = s.entity.and_then(|id| analysis.entity(id)) {
                    if e.canonical != who {
                        who = format!("{who} = {}", e.canonical);
                    }
                }
                let how = match (&q.cue, s.inherited) {
                    (_, true) => " (continuing the previous speaker)".to_string(),
                    (Some(c), false) => format!(" ({})", c.text),
                    (None, false) => String::new(),
                };
                format!("{who}{how}")
            }
            None => "no speaker found".to_string(),
        };
        writeln!(out, "    — {who}")?;
    }
    Ok(())
}

/// At most `max` characters of `s`, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The bytes of the regular file at `path`, when it is no larger than a draft may be
/// ([`super::check::MAX_DRAFT_BYTES`]): the analysis of a file costs many times its size
/// in memory, and a named pipe or a device would never end.
fn read_limited(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use crate::corpus::read::{human_size, stat};
    use std::io::Read;
    let limit = super::check::MAX_DRAFT_BYTES;
    let (size, _) = stat(path).map_err(|e| e.0.trim_end_matches(": skipped").to_string())?;
    let over = |size: u64| {
        format!(
            "it is {}, over the limit of {} for a file to analyse",
            human_size(size),
            human_size(limit)
        )
    };
    if size > limit {
        return Err(over(size));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(over(bytes.len() as u64));
    }
    Ok(bytes)
}
