//! How many bytes a source, its analysis or a person take in memory, estimated from
//! their lengths: the caches of sources read lately are bounded in bytes, not in
//! sources, so that a few long pages cost what many short articles do.
//!
//! Estimates, not an allocator's count: each string and vector counts its length (or
//! capacity) plus its own header; what the allocator adds around each block is not
//! counted.

use std::mem::{size_of, size_of_val};

use sourced_core::analysis::Analysis;
use sourced_core::index::{CorpusEntity, Passage, Source};

/// A source: its text, its page, its analysis and what it says about itself.
pub fn source_bytes(s: &Source) -> usize {
    size_of::<Source>()
        + s.text.len()
        + s.page.as_ref().map_or(0, |p| p.len())
        + s.path.as_os_str().len()
        + [
            &s.meta.title,
            &s.meta.outlet,
            &s.meta.date,
            &s.meta.url,
            &s.meta.author,
        ]
        .iter()
        .map(|f| f.as_ref().map_or(0, String::len))
        .sum::<usize>()
        + analysis_bytes(&s.analysis)
}

/// An analysis: its quotes and its people, with the words of each.
pub fn analysis_bytes(a: &Analysis) -> usize {
    let quotes: usize = a
        .quotes
        .iter()
        .map(|q| {
            size_of_val(q)
                + q.text.capacity()
                + q.speaker.as_ref().map_or(0, |s| s.mention_text.capacity())
                + q.cue.as_ref().map_or(0, |c| c.text.capacity())
        })
        .sum();
    let entities: usize = a
        .entities
        .iter()
        .map(|e| {
            size_of_val(e)
                + e.canonical.capacity()
                + e.aliases
                    .iter()
                    .map(|s| size_of::<String>() + s.capacity())
                    .sum::<usize>()
                + e.mentions
                    .iter()
                    .map(|m| size_of_val(m) + m.text.capacity())
                    .sum::<usize>()
                + e.titles
                    .iter()
                    .map(|t| size_of_val(t) + t.text.capacity() + t.normalized.capacity())
                    .sum::<usize>()
        })
        .sum();
    quotes + entities
}

/// A person or organisation as the corpus knows them.
pub fn entity_bytes(e: &CorpusEntity) -> usize {
    size_of::<CorpusEntity>()
        + e.canonical.capacity()
        + e.aliases
            .iter()
            .map(|s| size_of::<String>() + s.capacity())
            .sum::<usize>()
        + e.titles
            .iter()
            .map(|t| size_of_val(t) + t.text.capacity() + t.normalized.capacity())
            .sum::<usize>()
        + e.mentions.len() * size_of::<sourced_core::index::Location>()
}

/// The passages found for a question of `words`.
pub fn passages_bytes(words: &[String], passages: &[Passage]) -> usize {
    words
        .iter()
        .map(|w| size_of::<String>() + w.capacity())
        .sum::<usize>()
        + size_of_val(passages)
}

/// Hand the memory freed so far back to the system. The C library's allocator keeps
/// what is freed for reuse, in a separate arena for each thread that allocated it: after
/// a burst of sources read and analysed on several threads and then dropped, most of it
/// stays resident otherwise. A few milliseconds; never on the keystroke path.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own arenas to the
    // system; it takes no pointer and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// (bytes allocated and in use, bytes the allocator holds) of the whole process, where
/// the C library tells.
pub fn allocator() -> Option<(usize, usize)> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 only reads the allocator's own counters.
        let m = unsafe { libc::mallinfo2() };
        Some((m.uordblks + m.hblkhd, m.arena + m.hblkhd))
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}

/// Have the C library's allocator serve every thread from one arena, unless
/// `MALLOC_ARENA_MAX` says otherwise. By default it makes an arena for each thread that
/// allocates at the same time as another (up to eight per core), and memory freed in
/// one is not reused by the others: a language server whose checks and archive fetches
/// run on a pool of threads then keeps twice what it uses (measured: `sourced lsp` with
/// a 10,000-article archive, 211 MB resident for 98 MB in use; 128 MB with one arena,
/// the checks as fast). Each thread keeps its own small cache of freed blocks all the
/// same. Call before starting threads.
pub fn one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt sets a tuning parameter of the allocator; M_ARENA_MAX only
        // limits how many arenas are made from now on.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
}
