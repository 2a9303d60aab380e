//! The story-folder corpus as a user meets it: loading, passages, names, the cache.

mod cache;
mod load;
