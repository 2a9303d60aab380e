//! Finding the article's words again in the page they were extracted from
//! ([`sourced_core::page_spans`]), with this crate's HTML reader doing the extraction.

use sourced_core::analysis::Span;
use sourced_core::page_spans::find_in_page;

use crate::html::extract;

/// The page text at the span found for the first occurrence of `words` in the
/// article extracted from `page`.
fn shown(page: &str, words: &str, nth: usize) -> Option<String> {
    let article = extract(page).text;
    let start = article.match_indices(words).nth(nth)?.0;
    let span = Span::new(start, start + words.len());
    let found = find_in_page(page, &article, span)?;
    page.get(found.start..found.end).map(str::to_string)
}

const PAGE: &str = "<html><head><title>Syria</title><style>p { color: red }</style>\n\
    <script>var q = \"We are ready\";</script></head>\n\
    <body><nav>We are ready</nav><article><h1>Talks</h1>\n\
    <p>The minister said: &ldquo;We are\n    <b>ready</b> to talk&rdquo;, and left.</p>\n\
    <!-- We are ready -->\n\
    <p>Later: &#8220;We are ready&#x201D; again &amp; again.</p></article></body></html>";

#[test]
fn a_quote_across_tags_lines_and_references_is_found_in_the_page() {
    assert_eq!(
        shown(PAGE, "\u{201c}We are ready to talk\u{201d}", 0).as_deref(),
        Some("&ldquo;We are\n    <b>ready</b> to talk&rdquo;")
    );
}

#[test]
fn the_same_words_twice_land_on_the_right_occurrence() {
    // Not the <nav>, the <script> or the comment, which the article leaves out.
    let second = shown(PAGE, "We are ready", 1).expect("found");
    assert_eq!(second, "We are ready");
    let article = extract(PAGE).text;
    let start = article.match_indices("We are ready").nth(1).unwrap().0;
    let span = find_in_page(PAGE, &article, Span::new(start, start + 12)).unwrap();
    assert!(
        PAGE[..span.start].ends_with("&#8220;"),
        "{}",
        &PAGE[span.start..]
    );
}

#[test]
fn missing_or_empty_stretches_give_none() {
    let article = extract(PAGE).text;
    assert_eq!(find_in_page(PAGE, &article, Span::new(0, 0)), None);
    assert_eq!(
        find_in_page("<p>other</p>", &article, Span::new(0, 5)),
        None
    );
    assert_eq!(find_in_page(PAGE, &article, Span::new(5, 10_000)), None);
}

#[test]
fn broken_markup_neither_panics_nor_loses_the_text() {
    for page in [
        "<p>a < b &amp c",
        "<p title='x>y'>a b",
        "<script>never closed",
        "&#xFFFFFFFF; a",
        "<",
        "&",
    ] {
        let article = extract(page).text;
        for end in 0..=article.len() {
            if article.is_char_boundary(end) {
                let _ = find_in_page(page, &article, Span::new(0, end));
            }
        }
    }
    assert_eq!(
        shown("<p title='x>y'>said no</p>", "said no", 0).as_deref(),
        Some("said no")
    );
    assert_eq!(
        shown("<p>if a < b then</p>", "a < b", 0).as_deref(),
        Some("a < b")
    );
}

#[test]
fn left_out_elements_closed_in_capitals_are_skipped_in_the_page_too() {
    // Many asides, closed as `</ASIDE>` and `</Aside>`: the words inside them are not the
    // article's, and the quote is found in the paragraph after them.
    let page = format!(
        "<html><body><article>{}<p>They said &ldquo;We are ready&rdquo; at last.</p></article></body></html>",
        "<aside>We are ready</ASIDE><ASIDE>We are ready</Aside>".repeat(200)
    );
    assert_eq!(
        shown(&page, "We are ready", 0).as_deref(),
        Some("We are ready")
    );
    let article = extract(&page).text;
    let start = article.find("We are ready").expect("in the article");
    let span = find_in_page(&page, &article, Span::new(start, start + 12)).unwrap();
    assert!(page[..span.start].ends_with("They said &ldquo;"));
}
