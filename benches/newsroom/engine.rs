//! The one place the bench calls Sourced's corpus loading, so that following the corpus
//! helper's API is a change here only.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use sourced::config::CorpusConfig;
use sourced::corpus::load::load;
use sourced::index::CorpusIndex;

pub struct Loaded {
    pub index: Arc<dyn CorpusIndex>,
    pub sources: usize,
    /// Files that could not be used.
    pub problems: usize,
    /// Sources taken from the persisted index rather than read and analysed.
    pub from_cache: usize,
    pub seconds: f64,
    /// Where the time went: listing, reading + analysing (or checking the persisted
    /// index), indexing, saving the index; and why a persisted index was not used.
    pub stages: String,
}

fn load_with(sources: &Path, cache: &Path) -> Loaded {
    let mut cfg = CorpusConfig::new(vec![sources.to_path_buf()]);
    cfg.cache_dir = Some(cache.to_path_buf());
    let started = Instant::now();
    let loaded = load(&cfg, &|_| {});
    let seconds = started.elapsed().as_secs_f64();
    let st = &loaded.stats;
    let stages = format!(
        "walk {:.2} s, read+index {:.2} s, assemble {:.2} s, save {:.2} s{}",
        st.walk.as_secs_f64(),
        st.read.as_secs_f64(),
        st.index.as_secs_f64(),
        st.save.as_secs_f64(),
        st.cache
            .as_ref()
            .map(|c| format!("; cache: {c}"))
            .unwrap_or_default()
    );
    Loaded {
        stages,
        sources: loaded.stats.files,
        problems: loaded.problems.len(),
        from_cache: loaded.stats.from_cache,
        index: Arc::new(loaded.index),
        seconds,
    }
}

/// Read and index every file under `sources` with an empty cache folder `cache` (which
/// the loader may fill with its persisted index: that is part of a first load).
pub fn load_cold(sources: &Path, cache: &Path) -> Result<Loaded, String> {
    Ok(load_with(sources, cache))
}

/// Load again with the persisted index an earlier [`load_cold`] left in `cache`.
pub fn load_warm(sources: &Path, cache: &Path) -> Result<Loaded, String> {
    let loaded = load_with(sources, cache);
    if loaded.from_cache == 0 {
        return Err(format!(
            "no persisted index used (0 of {} sources from the cache; a full load took {:.2} s)",
            loaded.sources, loaded.seconds
        ));
    }
    Ok(loaded)
}
