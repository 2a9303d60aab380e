//! The analysis on real news text and on any text: quotes, speakers, people, titles, and
//! the shared tokenizer.

mod entities;
mod entity_props;
mod normalize_props;
mod quote_props;
mod quotes;
