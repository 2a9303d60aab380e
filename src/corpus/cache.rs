//! The persisted index: a file in a cache folder that lets a corpus load without reading
//! and analysing again the sources that did not change.
//!
//! Where: `.sourced-cache/` beside `sourced.toml` (or beside the `sources/` folder when
//! there is no `sourced.toml`; `[corpus] cache = "dir"` or `cache = false` in
//! `sourced.toml` changes that). The folder holds one file per corpus,
//! `corpus-<key>.idx`, keyed by the corpus paths and globs, plus a `.gitignore` so that it
//! is never committed. Keeping it next to the story means it moves and is deleted with the
//! story, and needs no global state.
//!
//! Format: a magic number and format version, then chunks, each with its kind, length and
//! xxh3 checksum: one header (the build and configuration it was made by), the sources
//! (path, size, modification time, content hash) in batches, the names index, the
//! posting segments, and an end marker. Large tables are runs of little-endian integers
//! ([`super::le`]); the names index decodes on a second core while the segments are
//! read. The sources' text and analysis are not in it: the index reads a source's file
//! again when a query needs it. Anything unexpected (another
//! format version, another build of Sourced, a bad checksum, a truncated file) makes the
//! whole file be ignored and rebuilt: a cache is never trusted further than it verifies.
//!
//! Whether each file changed is decided by the loader ([`super::load`]) from the stamps
//! kept here.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::grams::GramIndex;
use super::load::FileStamp;
use super::memory::{MemoryIndex, Slot};
use super::names::NameIndex;
use super::postings::Segment;
use crate::config::CorpusConfig;

/// The cache folder created beside `sourced.toml` (or beside the `sources/` folder).
pub const DEFAULT_DIR_NAME: &str = ".sourced-cache";

const MAGIC: &[u8; 8] = b"SOURCED\x1a";
/// Bump when the layout of the file or of any persisted type changes.
const FORMAT_VERSION: u32 = 3;
/// Sources per chunk: bounds the memory a chunk needs while it is read or written.
const SOURCES_PER_CHUNK: usize = 2048;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Kind {
    Header = 1,
    Sources = 2,
    Segment = 3,
    Names = 4,
    End = 5,
}

#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Header {
    build: u64,
    config: u64,
    sources: u64,
    segments: u64,
    stale: Vec<u32>,
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheMiss {
    /// There is none yet.
    Absent,
    /// It exists but cannot be trusted (the reason, for logs).
    Invalid(String),
}

/// The cache file of the corpus `cfg` in `dir`.
pub fn file_for(dir: &Path, cfg: &CorpusConfig) -> PathBuf {
    dir.join(format!("corpus-{:016x}.idx", config_key(cfg)))
}

/// What the persisted index depends on in the configuration.
fn config_key(cfg: &CorpusConfig) -> u64 {
    let mut key = String::new();
    for p in &cfg.paths {
        let p = p.canonicalize().unwrap_or_else(|_| p.clone());
        key.push_str(&p.to_string_lossy());
        key.push('\0');
    }
    key.push('\u{1}');
    for g in cfg
        .include
        .iter()
        .chain(["\u{2}".to_string()].iter())
        .chain(&cfg.exclude)
    {
        key.push_str(g);
        key.push('\0');
    }
    key.push_str(&format!("{}:{}", cfg.follow_links, cfg.max_file_size));
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// What the persisted index depends on in the program: its version, the code it was built
/// from (`SOURCED_CODE_HASH`, a hash of `src/` and the locked dependencies made by
/// `build.rs`: another tokenizer or analysis would index differently), and what the
/// tokenizer and analysis make of a probe text. Not the executable file: the `sourced`
/// binary, the benches and the tests of one checkout share their cache, and relinking the
/// same code keeps it.
fn build_key() -> u64 {
    static KEY: OnceLock<u64> = OnceLock::new();
    *KEY.get_or_init(|| {
        const PROBE: &str = "\u{201c}We will organise the return of refugees,\u{201d} \
            Gen. Mikhail Mizintsev, head of the Russian Defence Ministry's centre, said on \
            Friday. Secretary of State Mike Pompeo told reporters: \"It's important.\" \
            The U.S. side is examining the proposals, he added.";
        let mut bytes = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
        bytes.extend_from_slice(env!("SOURCED_CODE_HASH").as_bytes());
        for w in crate::analysis::normalize::words(PROBE) {
            bytes.extend_from_slice(w.norm.as_bytes());
            bytes.push(0);
        }
        let analysis = crate::analysis::analyze(PROBE, crate::analysis::TextFormat::Plain);
        if let Ok(a) = postcard::to_allocvec(&analysis) {
            bytes.extend_from_slice(&a);
        }
        xxhash_rust::xxh3::xxh3_64(&bytes)
    })
}

/// Save `index` to `path` (atomically: a reader sees the old file or the new one).
pub fn write(index: &MemoryIndex, path: &Path) -> std::io::Result<()> {
    let invalid = |e: postcard::Error| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
    let Some(cfg) = index.config.as_ref() else {
        return Err(std::io::Error::other("no configuration"));
    };
    if index.grams.has_overlay() || index.has_resident() {
        return Err(std::io::Error::other(
            "sources re-indexed since loading are not persisted",
        ));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(&ignore, "# Sourced's index cache: safe to delete.\n*\n");
        }
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT_VERSION.to_le_bytes())?;
        let header = Header {
            build: build_key(),
            config: config_key(cfg),
            sources: index.slots.len() as u64,
            segments: index.grams.segments().len() as u64,
            stale: index.grams.stale().collect(),
        };
        chunk(
            &mut out,
            Kind::Header,
            &postcard::to_allocvec(&header).map_err(invalid)?,
        )?;
        let records: Vec<Option<(&Path, FileStamp)>> = index
            .slots
            .iter()
            .map(|s| s.as_ref().and_then(|s| Some((s.path.as_path(), s.stamp?))))
            .collect();
        for batch in records.chunks(SOURCES_PER_CHUNK) {
            chunk(
                &mut out,
                Kind::Sources,
                &postcard::to_allocvec(batch).map_err(invalid)?,
            )?;
        }
        chunk(
            &mut out,
            Kind::Names,
            &postcard::to_allocvec(&index.names).map_err(invalid)?,
        )?;
        for seg in index.grams.segments() {
            chunk(
                &mut out,
                Kind::Segment,
                &postcard::to_allocvec(seg).map_err(invalid)?,
            )?;
        }
        chunk(&mut out, Kind::End, &[])?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn chunk(out: &mut impl Write, kind: Kind, payload: &[u8]) -> std::io::Result<()> {
    out.write_all(&[kind as u8])?;
    out.write_all(&(payload.len() as u64).to_le_bytes())?;
    out.write_all(&xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes())?;
    out.write_all(payload)
}

/// Read the index saved at `path` for the corpus `cfg`, verifying everything.
pub fn read(path: &Path, cfg: &CorpusConfig) -> Result<MemoryIndex, CacheMiss> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(CacheMiss::Absent),
        Err(e) => return Err(CacheMiss::Invalid(format!("cannot open: {e}"))),
    };
    let file_len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut input = Reader {
        inner: BufReader::with_capacity(1 << 20, file),
        remaining: file_len,
    };
    let mut magic = [0u8; 12];
    input.read_exact(&mut magic)?;
    if &magic[..8] != MAGIC {
        return Err(invalid("not a Sourced index file"));
    }
    let version = u32::from_le_bytes([magic[8], magic[9], magic[10], magic[11]]);
    if version != FORMAT_VERSION {
        return Err(invalid(&format!(
            "format version {version}, this build reads {FORMAT_VERSION}"
        )));
    }
    let header: Header = input.decode(Kind::Header)?;
    if header.build != build_key() {
        return Err(invalid("written by another build of Sourced"));
    }
    if header.config != config_key(cfg) {
        return Err(invalid("written for another corpus configuration"));
    }
    let t0 = std::time::Instant::now();
    let mut slots: Vec<Option<Slot>> = Vec::new();
    while (slots.len() as u64) < header.sources {
        let batch: Vec<Option<(PathBuf, FileStamp)>> = input.decode(Kind::Sources)?;
        if batch.is_empty() {
            return Err(invalid("empty batch of sources"));
        }
        slots.extend(batch.into_iter().map(|r| {
            r.map(|(path, stamp)| Slot {
                path,
                stamp: Some(stamp),
                resident: None,
            })
        }));
    }
    if slots.len() as u64 != header.sources {
        return Err(invalid("wrong number of sources"));
    }
    let trace = std::env::var_os("SOURCED_CACHE_TRACE").is_some();
    if trace {
        eprintln!("cache: sources {:?}", t0.elapsed());
    }
    // The names index decodes on another core while the posting segments are read.
    let names_payload = input.payload(Kind::Names)?;
    let (grams, names) = std::thread::scope(|scope| {
        let names = scope.spawn(move || -> Result<NameIndex, CacheMiss> {
            let t = std::time::Instant::now();
            let mut names: NameIndex = postcard::from_bytes(&names_payload)
                .map_err(|e| CacheMiss::Invalid(format!("undecodable: {e}")))?;
            drop(names_payload);
            if !names.after_decode() {
                return Err(invalid("inconsistent names index"));
            }
            if trace {
                eprintln!("cache: names decoded in {:?}", t.elapsed());
            }
            Ok(names)
        });
        let grams = (|| -> Result<GramIndex, CacheMiss> {
            let t = std::time::Instant::now();
            let mut grams = GramIndex::default();
            for _ in 0..header.segments {
                let seg: Segment = input.decode(Kind::Segment)?;
                if !seg.is_consistent() || seg.docs().iter().any(|&d| d as usize >= slots.len()) {
                    return Err(invalid("inconsistent posting segment"));
                }
                grams.add_segment(seg);
            }
            grams.mark_stale(header.stale);
            input.decode_empty(Kind::End)?;
            if trace {
                eprintln!("cache: segments read in {:?}", t.elapsed());
            }
            Ok(grams)
        })();
        let names = names
            .join()
            .unwrap_or_else(|_| Err(invalid("names index could not be decoded")));
        (grams, names)
    });
    let (grams, names) = (grams?, names?);
    Ok(MemoryIndex::from_parts(cfg.clone(), slots, grams, names))
}

fn invalid(reason: &str) -> CacheMiss {
    CacheMiss::Invalid(reason.to_string())
}

struct Reader<R> {
    inner: R,
    remaining: u64,
}

impl<R: Read> Reader<R> {
    fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), CacheMiss> {
        if (buf.len() as u64) > self.remaining {
            return Err(invalid("truncated"));
        }
        self.inner
            .read_exact(buf)
            .map_err(|e| CacheMiss::Invalid(format!("cannot read: {e}")))?;
        self.remaining -= buf.len() as u64;
        Ok(())
    }

    /// The payload of the next chunk, which must be of `kind`, checksum verified.
    fn payload(&mut self, kind: Kind) -> Result<Vec<u8>, CacheMiss> {
        let mut head = [0u8; 17];
        self.read_exact(&mut head)?;
        if head[0] != kind as u8 {
            return Err(invalid("unexpected chunk"));
        }
        let mut len8 = [0u8; 8];
        len8.copy_from_slice(&head[1..9]);
        let len = u64::from_le_bytes(len8);
        let mut sum8 = [0u8; 8];
        sum8.copy_from_slice(&head[9..17]);
        if len > self.remaining {
            return Err(invalid("truncated"));
        }
        // Read straight into a buffer of the right size (no zeroing pass, no second copy).
        let mut payload = Vec::with_capacity(len as usize);
        (&mut self.inner)
            .take(len)
            .read_to_end(&mut payload)
            .map_err(|e| CacheMiss::Invalid(format!("cannot read: {e}")))?;
        if payload.len() as u64 != len {
            return Err(invalid("truncated"));
        }
        self.remaining -= len;
        if xxhash_rust::xxh3::xxh3_64(&payload) != u64::from_le_bytes(sum8) {
            return Err(invalid("checksum mismatch"));
        }
        Ok(payload)
    }

    fn decode<T: serde::de::DeserializeOwned>(&mut self, kind: Kind) -> Result<T, CacheMiss> {
        let payload = self.payload(kind)?;
        postcard::from_bytes(&payload).map_err(|e| CacheMiss::Invalid(format!("undecodable: {e}")))
    }

    fn decode_empty(&mut self, kind: Kind) -> Result<(), CacheMiss> {
        let payload = self.payload(kind)?;
        if !payload.is_empty() || self.remaining != 0 {
            return Err(invalid("trailing data"));
        }
        Ok(())
    }
}
