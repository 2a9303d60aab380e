//! Naming places in the sources the way messages do: `arab-news.txt:13` (file name and
//! 1-based line), and the sources themselves as a citation does (title, outlet, author,
//! date, address), from what their front matter or page says.

use crate::index::{CorpusIndex, Location, Source, SourceMeta};

/// The 1-based line of byte `offset` in `text` (offsets past the end count as the end).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The file name of a source (`arab-news.txt`), or its whole path if it has none.
pub fn file_name(source: &Source) -> String {
    source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.path.to_string_lossy().into_owned())
}

/// `arab-news.txt:13` for a location, or `None` when the corpus no longer has its source.
pub fn place(corpus: &dyn CorpusIndex, location: &Location) -> Option<String> {
    let source = corpus.source(location.source)?;
    // The line of the file as an editor shows it (for HTML, the page's line, not the
    // extracted text's), the line the related information and the CLI give.
    let line = match crate::page_spans::in_file(&source, location.span) {
        Some((text, span)) => line_of(text, span.start),
        None => line_of(&source.text, location.span.start),
    };
    Some(format!("{}:{line}", file_name(&source)))
}

/// Several places, each once, in the order given: `afp.txt:15, arab-news.txt:13`.
pub fn places(corpus: &dyn CorpusIndex, locations: &[Location]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for l in locations {
        if let Some(p) = place(corpus, l) {
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
    }
    seen.join(", ")
}

/// What a source says about itself, ready to show: each part present in its front matter
/// or page, the date written for a reader (`12 March 2016`, not `2016-03-12T09:30:00Z`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credit {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

impl Credit {
    /// The credit of a source's metadata (blank parts left out).
    pub fn of(meta: &SourceMeta) -> Credit {
        let part = |p: &Option<String>| {
            p.as_deref()
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| !s.is_empty())
        };
        Credit {
            title: part(&meta.title),
            outlet: part(&meta.outlet),
            author: part(&meta.author),
            date: part(&meta.date).map(|d| human_date(&d)),
            url: part(&meta.url),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Credit::default()
    }

    /// One line of plain text: `“Title”, Outlet, by Author, 12 March 2016, https://…`.
    pub fn plain(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(t) = &self.title {
            parts.push(format!("\u{201c}{t}\u{201d}"));
        }
        parts.extend(self.outlet.clone());
        if let Some(a) = &self.author {
            parts.push(format!("by {a}"));
        }
        parts.extend(self.date.clone());
        parts.extend(self.url.clone());
        parts.join(", ")
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a reader writes it: `2016-03-12`, `2016-03-12T09:30:00Z`, `2016-03-12 09:30`
/// or `2016/03/12` become `12 March 2016`, `2016-03` becomes `March 2016` (the day as
/// written, in the time zone the source gave: the date the outlet printed). Anything else
/// is shown as written.
pub fn human_date(raw: &str) -> String {
    let raw = raw.trim();
    let digits = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (date, rest) = match raw.find(['T', ' ', 't']) {
        Some(i) => (&raw[..i], &raw[i..]),
        None => (raw, ""),
    };
    // What follows the date must look like a time, or there must be nothing.
    let time_like = rest.is_empty()
        || rest[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    let sep = if date.contains('-') { '-' } else { '/' };
    let parts: Vec<&str> = date.split(sep).collect();
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            (digits(y), digits(m), Some(digits(d)))
        }
        [y, m] if y.len() == 4 && m.len() <= 2 && rest.is_empty() => (digits(y), digits(m), None),
        _ => return raw.to_string(),
    };
    let (Some(year), Some(month)) = (year, month) else {
        return raw.to_string();
    };
    if !time_like || !(1..=12).contains(&month) {
        return raw.to_string();
    }
    let month_name = MONTHS[month as usize - 1];
    match day {
        None => format!("{month_name} {year}"),
        Some(Some(day)) if (1..=days_in_month(year, month)).contains(&day) => {
            format!("{day} {month_name} {year}")
        }
        Some(_) => raw.to_string(),
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let text = "one\ntwo\nthree";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 4), 2);
        assert_eq!(line_of(text, 8), 3);
        assert_eq!(line_of(text, 999), 3);
    }

    #[test]
    fn dates_are_written_for_a_reader() {
        assert_eq!(human_date("2016-03-12"), "12 March 2016");
        assert_eq!(human_date("2016-03-12T09:30:00Z"), "12 March 2016");
        assert_eq!(human_date("2016-03-12T23:30:00-05:00"), "12 March 2016");
        assert_eq!(human_date(" 2016-3-2 10:00 "), "2 March 2016");
        assert_eq!(human_date("2016/12/31"), "31 December 2016");
        assert_eq!(human_date("2016-02"), "February 2016");
        assert_eq!(human_date("2016-02-29"), "29 February 2016");
        // Not a date this reads: as written.
        assert_eq!(human_date("2015-02-29"), "2015-02-29");
        assert_eq!(human_date("2016-13-01"), "2016-13-01");
        assert_eq!(human_date("March 12, 2016"), "March 12, 2016");
        assert_eq!(human_date("12/03/2016"), "12/03/2016");
        assert_eq!(human_date("2016-03-12 and later"), "2016-03-12 and later");
        assert_eq!(human_date(""), "");
    }

    #[test]
    fn a_credit_names_what_the_source_gives() {
        let meta = SourceMeta {
            title: Some("Refugees  return".into()),
            outlet: Some("France 24".into()),
            date: Some("2016-03-12T09:30:00+01:00".into()),
            url: Some("https://www.france24.com/en/refugees".into()),
            author: Some("Jane Doe".into()),
        };
        assert_eq!(
            Credit::of(&meta).plain(),
            "\u{201c}Refugees return\u{201d}, France 24, by Jane Doe, 12 March 2016, https://www.france24.com/en/refugees"
        );
        let outlet_only = SourceMeta {
            outlet: Some("AFP".into()),
            author: Some("  ".into()),
            ..SourceMeta::default()
        };
        assert_eq!(Credit::of(&outlet_only).plain(), "AFP");
        assert!(Credit::of(&SourceMeta::default()).is_empty());
    }
}
