//! HTML sources: the article's text and what the page says about itself, through a real
//! HTML parser (`scraper`, built on html5ever).
//!
//! The text kept is the article: inside `<article>` (or `<main>`, or `<body>`), without
//! scripts, styles, navigation, headers, footers, asides and forms. Blocks become
//! paragraphs separated by blank lines, so the analysis sees prose as a reader would.
//! The spans of an HTML source point into this extracted text, not into the file.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use sourced_core::page_spans::DROPPED;

use super::markup_depth;
pub use super::markup_depth::MAX_DEPTH;
use super::SourceMeta;

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "pre",
    "hr",
    "address",
    "figcaption",
];

/// What a page gives: its article text and metadata.
#[derive(Debug)]
pub struct Article {
    pub text: String,
    pub meta: SourceMeta,
    /// Tags ignored because they nested elements past [`markup_depth::MAX_DEPTH`] (0
    /// for any real page).
    pub flattened: usize,
}

/// The article text of an HTML page and its metadata. Markup nested past
/// [`markup_depth::MAX_DEPTH`] is flattened first, so the parse costs in proportion to
/// the page.
pub fn extract(html: &str) -> Article {
    let flat = markup_depth::flatten(html);
    let doc = Html::parse_document(flat.as_ref().map_or(html, |f| f.page.as_str()));
    let meta = metadata(&doc);
    let root = first(&doc, "article")
        .or_else(|| first(&doc, "main"))
        .or_else(|| first(&doc, "body"))
        .unwrap_or_else(|| doc.root_element());
    Article {
        text: article_text(root),
        meta,
        flattened: flat.map_or(0, |f| f.removed),
    }
}

fn first<'a>(doc: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel).next()
}

fn article_text(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    // Depth inside a dropped element (0 when not inside one).
    let mut dropped_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if dropped_depth > 0 || DROPPED.contains(&name) || hidden(el) {
                        dropped_depth += 1;
                    } else if name == "br" {
                        out.push('\n');
                    } else if BLOCKS.contains(&name) {
                        paragraph_break(&mut out);
                    }
                }
                Node::Text(text) if dropped_depth == 0 => push_text(&mut out, text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if dropped_depth > 0 {
                        dropped_depth -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        paragraph_break(&mut out);
                    }
                }
            }
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

/// Append text with its whitespace collapsed as a browser would.
fn push_text(out: &mut String, text: &str) {
    for (i, piece) in text.split(|c: char| c.is_whitespace()).enumerate() {
        if i > 0 && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(piece);
    }
}

fn paragraph_break(out: &mut String) {
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    if out.ends_with('\n') {
        out.push('\n');
    } else {
        out.push_str("\n\n");
    }
}

fn metadata(doc: &Html) -> SourceMeta {
    let meta_content = |names: &[&str]| -> Option<String> {
        let sel = Selector::parse("meta").ok()?;
        for name in names {
            for el in doc.select(&sel) {
                let key = el
                    .value()
                    .attr("property")
                    .or_else(|| el.value().attr("name"))
                    .or_else(|| el.value().attr("itemprop"));
                if key.is_some_and(|k| k.eq_ignore_ascii_case(name)) {
                    if let Some(content) = el.value().attr("content") {
                        let c = collapse(content);
                        if !c.is_empty() {
                            return Some(c);
                        }
                    }
                }
            }
        }
        None
    };
    let title_tag = first(doc, "title")
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let canonical = Selector::parse("link[rel=canonical]")
        .ok()
        .and_then(|sel| doc.select(&sel).next())
        .and_then(|el| el.value().attr("href").map(str::to_string));
    SourceMeta {
        title: meta_content(&["og:title", "twitter:title", "headline"]).or(title_tag),
        outlet: meta_content(&["og:site_name", "application-name", "publisher"]),
        date: meta_content(&[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "dc.date",
        ]),
        url: meta_content(&["og:url"]).or(canonical),
        author: meta_content(&["author", "article:author", "byl", "dc.creator"]),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_and_drops_chrome() {
        let html = r#"<html><head><title>T | Site</title>
            <meta property="og:site_name" content="Arab News"></head>
            <body><nav>Home News</nav><article><h1>Head line</h1>
            <p>First   para<br>next line.</p><script>var x = "no";</script>
            <p>Second <b>bold</b> para.</p><aside>Read more</aside></article>
            <footer>(c) 2018</footer></body></html>"#;
        let Article { text, meta, .. } = extract(html);
        assert_eq!(
            text,
            "Head line\n\nFirst para\nnext line.\n\nSecond bold para.\n"
        );
        assert_eq!(meta.title.as_deref(), Some("T | Site"));
        assert_eq!(meta.outlet.as_deref(), Some("Arab News"));
    }

    #[test]
    fn markup_nested_past_the_limit_keeps_its_text() {
        let html = format!(
            "<html><body><article><p>Before.</p>{}<p>Deep inside.</p></article></body></html>",
            "<div><span><b><i>".repeat(5_000)
        );
        let article = extract(&html);
        // `<article>` and the first 255 nested elements are kept.
        assert_eq!(article.flattened, 4 * 5_000 + 1 - markup_depth::MAX_DEPTH);
        assert!(
            article.text.starts_with("Before.\n\n"),
            "{:?}",
            article.text
        );
        assert!(article.text.trim_end().ends_with("Deep inside."));
    }
}
