//! Text and tokens: byte spans, the two tokenizers (the normalising one that the index and
//! the quote matcher share, and the one that keeps abbreviations whole for reading cues
//! and names), lowercasing without allocation, Markdown masking, and paragraphs.

pub mod cue_tokens;
pub mod lower;
pub mod markdown;
pub mod name_tokens;
pub mod normalize;
pub mod paragraphs;
pub mod span;
