//! The checks: the bundled story's exact findings, hostile drafts and corpora, and any
//! draft at all.

mod hostile_input;
mod mexico_wall;
mod props;
mod story;
