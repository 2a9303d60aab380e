//! Attribution: for each quote, the reporting cue and the mention of who spoke.
//!
//! Resolving that mention to a person (a pronoun, a surname, a title) is done by
//! [`super::entity`]; this module only finds the words.

use super::quote::Quote;

/// Fill in `speaker` and `cue` of each quote where the text attributes it.
pub fn attribute(prose: &str, quotes: &mut [Quote]) {
    let _ = (prose, quotes);
}
