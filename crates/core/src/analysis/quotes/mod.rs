//! Quotes and attribution: where the quotations are, the reporting cue and the words
//! that name who spoke each one, and the speaker a quote without attribution carries on
//! from the quote before it.

pub mod attribution;
pub mod cue;
pub mod cue_context;
pub mod inherit;
pub mod mention;
pub mod quote;
pub mod sentence_subject;
pub mod signature;
