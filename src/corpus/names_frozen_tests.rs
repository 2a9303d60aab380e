//! Tests of [`super`]: the frozen names index answers as the open one, and tables that
//! do not fit together are refused.

use super::super::flat::TableWriter;
use super::super::names::{NameIndex, SourceNames};
use super::*;
use crate::analysis::{analyze, TextFormat};

const TEXTS: [&str; 4] = [
    "\u{201c}We will organise the return of refugees,\u{201d} Gen. Mikhail Mizintsev, head \
     of the Russian Defence Ministry's centre, said. Mizintsev added that Defense Minister \
     Sergei Shoigu agreed. The United Nations did not comment.",
    "Secretary of State Mike Pompeo told reporters: \"It's important.\" Pompeo met \
     Sergei Shoigu in Moscow. Mizintsev was not there.",
    "Mikhail Mizintzev said the talks would go on, and Bashar al-Assad and Hafez \
     al-Assad were named. Assad did not comment.",
    "The United Nations refugee agency said: \"We are ready.\" Filippo Grandi, the UN \
     High Commissioner for Refugees, spoke in Geneva.",
];

fn sources() -> Vec<SourceNames> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| SourceNames::of(SourceId(i as u32), &analyze(t, TextFormat::Plain)))
        .collect()
}

/// Everything a user can see of a names index.
fn answers(n: &NameIndex) -> Vec<String> {
    let mut out: Vec<String> = n.all().iter().map(|e| format!("{e:?}")).collect();
    for q in [
        "Mizintsev",
        "Mikhail Mizintsev",
        "Mizintzev",
        "Shoigu",
        "Sergei Shoigo",
        "Assad",
        "Pompeo",
        "Pompeu",
        "United Nations",
        "Grandi",
        "nobody at all",
        "",
    ] {
        out.push(format!("named {q}: {:?}", n.named(q)));
        out.push(format!("similar {q}: {:?}", n.similar(q)));
    }
    out
}

fn round_trip(n: &NameIndex) -> NameIndex {
    let mut out = Vec::new();
    let mut sink = |b: &[u8]| out.extend_from_slice(b);
    assert!(n.write_tables(&mut TableWriter::new(&mut sink)));
    let mut r = TableReader::new(Bytes::from_vec(out));
    let back = NameIndex::read_tables(&mut r).expect("tables read back");
    assert!(r.at_end());
    back
}

#[test]
fn frozen_read_back_and_thawed_answer_as_the_open_index() {
    let mut open = NameIndex::default();
    open.add_sources(&sources());
    let expected = answers(&open);
    assert!(
        expected.iter().any(|a| a.contains("Shoigu")),
        "{expected:?}"
    );
    assert!(
        expected
            .iter()
            .any(|a| a.starts_with("similar Pompeu") && a.contains("Pompeo")),
        "{expected:?}"
    );

    let mut frozen = NameIndex::default();
    frozen.add_sources(&sources());
    frozen.freeze();
    assert!(frozen.is_frozen());
    assert_eq!(answers(&frozen), expected);
    let mut back = round_trip(&frozen);
    assert_eq!(answers(&back), expected);

    // A change opens it; it then answers as an index that was never frozen.
    back.remove_source(SourceId(1));
    assert!(!back.is_frozen());
    open.remove_source(SourceId(1));
    assert_eq!(answers(&back), answers(&open));
    let again = sources();
    back.add_sources(&again[1..2]);
    open.add_sources(&again[1..2]);
    assert_eq!(answers(&back), answers(&open));
    back.freeze();
    assert_eq!(answers(&round_trip(&back)), answers(&open));
}

#[test]
fn tables_that_do_not_fit_are_refused() {
    let mut n = NameIndex::default();
    n.add_sources(&sources());
    n.freeze();
    let mut out = Vec::new();
    let mut sink = |b: &[u8]| out.extend_from_slice(b);
    assert!(n.write_tables(&mut TableWriter::new(&mut sink)));
    // Cut anywhere: never a panic, never an index.
    for cut in (0..out.len()).step_by(7) {
        let mut r = TableReader::new(Bytes::from_vec(out[..cut].to_vec()));
        assert!(NameIndex::read_tables(&mut r).is_none(), "cut at {cut}");
    }
    // Garbage of the right shape answers without panicking.
    let mut noisy = out.clone();
    for (i, b) in noisy.iter_mut().enumerate() {
        if i % 13 == 5 {
            *b ^= 0x5a;
        }
    }
    let mut r = TableReader::new(Bytes::from_vec(noisy));
    if let Some(n) = NameIndex::read_tables(&mut r) {
        let _ = answers(&n);
    }
}
