//! `title-mismatch`: the draft gives a person a title the sources contradict ("Foreign
//! Minister Sergei Shoigu" where every source says Defense Minister).
//!
//! Which titles name the same office, and which contradict each other, is the analysis's
//! knowledge ([`crate::analysis::title`]); this module only compares a draft person's
//! titles with the corpus's, conservatively.

use crate::analysis::Analysis;
use crate::corpus::CorpusIndex;

use super::report::PersonReport;
use super::Finding;

/// Push a `title-mismatch` finding for each draft title the sources contradict.
///
/// Not implemented yet: it waits for `title::conflicts` from the entities helper, so for
/// now it reports nothing.
pub fn check_titles(
    draft: &str,
    analysis: &Analysis,
    people: &[PersonReport],
    corpus: &dyn CorpusIndex,
    findings: &mut Vec<Finding>,
) {
    let _ = (draft, analysis, people, corpus, findings);
}
