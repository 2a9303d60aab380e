//! The safety policy: no network, no programs run, files touched only where allowed.

mod session;
mod story_folder;
mod structure;
