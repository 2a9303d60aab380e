//! The deterministic newsroom corpus: real articles, scaled to any number.
//!
//! Article `i < 840` is seed article `i` as it is. Every later article starts from a seed
//! article chosen by the seed and is varied so the index is not fed duplicates: a quarter
//! of its paragraphs come from other articles, paragraphs are swapped, every person named
//! in the annotations gets an invented name (consistently within the article), most
//! quotations have a word replaced, dropped or swapped, and some figures change. The
//! same `(seed, i)` always gives the same text, on any machine, in any order.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::names::{invented_first_name, invented_surname, strip_possessive, People};
use crate::rng::{hash_str, Rng};

/// Bump when the generated text changes, so cached corpora are regenerated.
const GENERATOR_VERSION: u32 = 3;

pub struct SeedArticle {
    /// The seed file's name without extension (outlet_date_slug).
    pub name: String,
    /// The file as it is.
    pub raw: String,
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// What the generator draws from: the seed articles, their people, their vocabulary.
pub struct Seeds {
    pub articles: Vec<SeedArticle>,
    pub people: People,
    pub vocabulary: Vec<String>,
    /// Identifies the seed set (names and sizes), for the cache stamp.
    pub fingerprint: u64,
    pub bytes: u64,
}

impl Seeds {
    /// Read `<dir>/text/*.txt` and `<dir>/attributions/*.ann` (PolNeAR layout).
    pub fn load(dir: &Path) -> Result<Seeds, String> {
        Seeds::load_from(&dir.join("text"), &dir.join("attributions"))
    }

    /// Read `text_dir/*.txt`, and the people of `annotations/*.ann` if there are any.
    pub fn load_from(text_dir: &Path, annotations: &Path) -> Result<Seeds, String> {
        let entries = fs::read_dir(text_dir)
            .map_err(|e| format!("cannot read seed articles in {}: {e}", text_dir.display()))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
            .collect();
        paths.sort();
        let mut articles = Vec::new();
        let mut fingerprint = 0u64;
        let mut bytes = 0u64;
        let mut vocabulary = std::collections::BTreeSet::new();
        for path in paths {
            let raw = match fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("note: skipping seed {}: {e}", path.display());
                    continue;
                }
            };
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("article")
                .to_string();
            fingerprint = crate::rng::mix(fingerprint ^ hash_str(&name) ^ raw.len() as u64);
            bytes += raw.len() as u64;
            for w in raw.split(|c: char| !c.is_alphabetic()) {
                if w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()) {
                    vocabulary.insert(w.to_string());
                }
            }
            let mut blocks = raw
                .split("\n\n")
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .map(str::to_string);
            let title = blocks.next().unwrap_or_default();
            let paragraphs: Vec<String> = blocks.collect();
            articles.push(SeedArticle {
                name,
                raw,
                title,
                paragraphs,
            });
        }
        if articles.is_empty() {
            return Err(format!(
                "no seed articles (*.txt) in {}",
                text_dir.display()
            ));
        }
        let mut people = People::from_annotations(annotations);
        people.keep_proper_names(articles.iter().map(|a| a.raw.as_str()));
        Ok(Seeds {
            articles,
            people,
            vocabulary: vocabulary.into_iter().collect(),
            fingerprint,
            bytes,
        })
    }

    /// Generated article `i`: its relative file path and its text.
    pub fn article(&self, seed: u64, i: usize) -> (String, String) {
        let n = self.articles.len();
        if i < n {
            let a = &self.articles[i];
            return (file_name(i, &a.name), a.raw.clone());
        }
        let mut rng = Rng::derive(seed, &[0, i as u64]);
        let base = rng.below(n);
        let a = &self.articles[base];
        let mut paragraphs: Vec<&str> = a.paragraphs.iter().map(String::as_str).collect();
        for p in paragraphs.iter_mut().skip(1) {
            if rng.chance(0.25) {
                let other = &self.articles[rng.below(n)];
                if let Some(q) = rng.pick(&other.paragraphs) {
                    *p = q;
                }
            }
        }
        if paragraphs.len() > 3 {
            for _ in 0..2 {
                if rng.chance(0.5) {
                    let x = 1 + rng.below(paragraphs.len() - 1);
                    let y = 1 + rng.below(paragraphs.len() - 1);
                    paragraphs.swap(x, y);
                }
            }
        }
        let mut text = self.vary(&a.title, seed, i as u64, &mut rng);
        for p in paragraphs {
            text.push_str("\n\n");
            text.push_str(&self.vary(p, seed, i as u64, &mut rng));
        }
        text.push('\n');
        (file_name(i, &a.name), text)
    }

    /// One paragraph with its people renamed, its quotes altered and some figures changed.
    fn vary(&self, paragraph: &str, seed: u64, article: u64, rng: &mut Rng) -> String {
        let mut tokens: Vec<String> = tokenize(paragraph)
            .into_iter()
            .map(|(_, t)| t.to_string())
            .collect();
        // People.
        for k in 0..tokens.len() {
            let base = strip_possessive(&tokens[k]);
            if !self.people.surnames.contains(base) {
                continue;
            }
            let suffix = &tokens[k][base.len()..];
            let replaced = format!("{}{}", invented_surname(seed, article, base), suffix);
            if k >= 2 && tokens[k - 1] == " " && self.people.first_names.contains(&tokens[k - 2]) {
                tokens[k - 2] = invented_first_name(seed, article, &tokens[k - 2]);
            }
            tokens[k] = replaced;
        }
        // Figures.
        for t in tokens.iter_mut() {
            let year = t.len() == 4 && (t.starts_with("19") || t.starts_with("20"));
            if !year && t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()) && rng.chance(0.3) {
                let len = t.len();
                *t = (0..len)
                    .map(|j| {
                        let d = if j == 0 && len > 1 {
                            1 + rng.below(9)
                        } else {
                            rng.below(10)
                        };
                        char::from(b'0' + d as u8)
                    })
                    .collect();
            }
        }
        let joined: String = tokens.concat();
        self.vary_quotes(&joined, rng)
    }

    /// Alter most quotations a little: replace, drop or swap a word.
    fn vary_quotes(&self, text: &str, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some((open, close)) = next_quote(rest) {
            let inner_start = open + rest[open..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[..inner_start]);
            let inner = &rest[inner_start..close];
            if rng.chance(0.6) {
                out.push_str(&self.mutate(inner, rng));
            } else {
                out.push_str(inner);
            }
            rest = &rest[close..];
            let close_len = rest.chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..close_len]);
            rest = &rest[close_len..];
        }
        out.push_str(rest);
        out
    }

    fn mutate(&self, inner: &str, rng: &mut Rng) -> String {
        let mut tokens: Vec<(bool, String)> = tokenize(inner)
            .into_iter()
            .map(|(w, t)| (w, t.to_string()))
            .collect();
        let ops = 1 + rng.below(2);
        for _ in 0..ops {
            let words: Vec<usize> = (0..tokens.len())
                .filter(|&k| tokens[k].0 && tokens[k].1.len() >= 2)
                .collect();
            if words.len() < 3 {
                break;
            }
            let k = words[rng.below(words.len())];
            match rng.below(3) {
                0 => {
                    if let Some(v) = rng.pick(&self.vocabulary) {
                        let capital = tokens[k].1.chars().next().is_some_and(char::is_uppercase);
                        tokens[k].1 = if capital { capitalize(v) } else { v.clone() };
                    }
                }
                1 if words.len() >= 6 => {
                    // Drop the word and the space after it.
                    tokens[k].1.clear();
                    if tokens.get(k + 1).is_some_and(|t| t.1 == " ") {
                        tokens[k + 1].1.clear();
                    }
                    tokens[k].0 = false;
                }
                _ => {
                    let pos = words.iter().position(|&w| w == k).unwrap_or(0);
                    if let Some(&next) = words.get(pos + 1) {
                        let a = std::mem::take(&mut tokens[k].1);
                        let b = std::mem::replace(&mut tokens[next].1, a);
                        tokens[k].1 = b;
                    }
                }
            }
        }
        tokens.into_iter().map(|(_, t)| t).collect()
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn file_name(i: usize, seed_name: &str) -> String {
    format!("{:03}/{:06}-{}.txt", i / 1000, i, seed_name)
}

/// Byte offsets of the next quotation's opening and closing marks (“…” or "…").
pub fn next_quote(text: &str) -> Option<(usize, usize)> {
    let open = text.find(['\u{201c}', '"'])?;
    let mark = text[open..].chars().next()?;
    let close_mark = if mark == '"' { '"' } else { '\u{201d}' };
    let after = open + mark.len_utf8();
    let close = after + text[after..].find(close_mark)?;
    Some((open, close))
}

/// Split into words (letters and digits with inner apostrophes or hyphens) and the text
/// between them, each with whether it is a word. Concatenated, the pieces are the text.
pub fn tokenize(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let joiner = in_word
            && matches!(c, '\'' | '\u{2019}' | '-')
            && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let is_word = c.is_alphanumeric() || joiner;
        if is_word != in_word && i > start {
            out.push((in_word, &text[start..i]));
            start = i;
        }
        in_word = is_word;
    }
    if start < text.len() {
        out.push((in_word, &text[start..]));
    }
    out
}

/// A generated corpus on disk.
pub struct Corpus {
    /// The folder holding the articles (`<out>/sources`).
    pub sources: PathBuf,
    pub articles: usize,
    /// Total bytes of article text.
    pub bytes: u64,
    /// Whether an identical earlier generation was reused.
    pub reused: bool,
    pub seconds: f64,
}

/// Write articles `0..count` under `<out>/sources`, or reuse them if `<out>/stamp` says
/// the same generator, seeds, seed and count made them.
pub fn generate(seeds: &Seeds, seed: u64, count: usize, out: &Path) -> Result<Corpus, String> {
    let started = Instant::now();
    let sources = out.join("sources");
    let stamp_path = out.join("stamp");
    let stamp = format!(
        "sourced-bench corpus v{GENERATOR_VERSION} seed={seed} articles={count} seeds={:016x}",
        seeds.fingerprint
    );
    if let Ok(existing) = fs::read_to_string(&stamp_path) {
        let mut lines = existing.lines();
        if lines.next() == Some(stamp.as_str()) {
            if let Some(bytes) = lines.next().and_then(|l| l.strip_prefix("bytes=")) {
                if let Ok(bytes) = bytes.parse() {
                    return Ok(Corpus {
                        sources,
                        articles: count,
                        bytes,
                        reused: true,
                        seconds: started.elapsed().as_secs_f64(),
                    });
                }
            }
        }
    }
    let _ = fs::remove_file(&stamp_path);
    if sources.exists() {
        fs::remove_dir_all(&sources)
            .map_err(|e| format!("cannot clear {}: {e}", sources.display()))?;
    }
    let mut bytes = 0u64;
    for i in 0..count {
        let (name, text) = seeds.article(seed, i);
        let path = sources.join(&name);
        if i % 1000 == 0 {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
        }
        fs::write(&path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        bytes += text.len() as u64;
    }
    let mut f = fs::File::create(&stamp_path)
        .map_err(|e| format!("cannot write {}: {e}", stamp_path.display()))?;
    writeln!(f, "{stamp}\nbytes={bytes}")
        .map_err(|e| format!("cannot write {}: {e}", stamp_path.display()))?;
    Ok(Corpus {
        sources,
        articles: count,
        bytes,
        reused: false,
        seconds: started.elapsed().as_secs_f64(),
    })
}
