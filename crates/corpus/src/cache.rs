//! The persisted index: a file in a cache folder that lets a corpus load without reading
//! and analysing again the sources that did not change.
//!
//! Where: in the user's cache folder (`$XDG_CACHE_HOME/sourced/`, else
//! `~/.cache/sourced/`; `~/Library/Caches/sourced/` on macOS, `%LOCALAPPDATA%\sourced\`
//! on Windows), one folder per story, named after the story folder and a hash of its
//! canonical path ([`default_dir`]), so that the story folder holds only the reporter's
//! files. `[corpus] cache = "dir"` in `sourced.toml` puts it in a folder of the user's
//! choosing, `cache = false` keeps none. The folder holds one file per corpus,
//! `corpus-<key>.idx`, keyed by the corpus paths and globs, plus a `.gitignore` (in a
//! folder made for the cache) so that it is never committed. A cache is only ever an
//! index of files that can be read again: deleting it costs one slower start.
//!
//! Format: a magic number and format version, then chunks, each with its kind, length and
//! xxh3 checksum: one header (the build and configuration it was made by), the sources
//! (path, size, change time, content hash) in batches, the vocabulary of
//! capitalised words, the posting segments, and an end marker. These last are flat tables
//! of little-endian numbers ([`super::flat`]) that are used in place: a file of 32 MB or
//! more (a large corpus) is copied to a nameless file of Sourced's own, which is
//! memory-mapped, so a warm start decodes only the sources' paths and stamps, and a table
//! costs resident memory only for the pages a query reads; a smaller one is read into
//! memory whole. The sources' text and analysis are not in it:
//! the index reads a source's file again when a query needs it.
//!
//! Trust: only a regular file is opened. Every chunk's checksum is verified before
//! anything in the file is used, by reading the file (on two cores), not through the map,
//! so that verifying does not make the whole file resident. Sourced never writes the file
//! in place: it is written under a temporary name and renamed over the old one. Another
//! program writing over it in place (`cp`, a sync tool) changes neither a file read into
//! memory nor a private copy (a mapped file truncated under the server would make its
//! next read fault), so nothing done to the cache from outside can crash the server or
//! change a finding. Anything unexpected (another format version, another build of
//! Sourced, a bad checksum, a truncated file, tables that do not fit together) makes the
//! whole file be ignored and rebuilt: a cache is never trusted further than it verifies.
//!
//! Whether each file changed is decided by the loader ([`super::load`]) from the stamps
//! kept here.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::entities::NameIndex;
use super::flat::{Backing, Bytes, MappedFile, TableReader, TableWriter};
use super::grams::GramIndex;
use super::load::FileStamp;
use super::memory::{MemoryIndex, Slot};
use super::postings::Segment;
use super::vocabulary::Vocabulary;
use crate::corpus_config::CorpusConfig;

/// The folder name suggested for a cache kept beside a story (`[corpus] cache`).
pub const SUGGESTED_DIR_NAME: &str = ".sourced-cache";

const MAGIC: &[u8; 8] = b"SOURCED\x1a";
/// Bump when the layout of the file or of any persisted type changes.
const FORMAT_VERSION: u32 = 6;
/// Sources per chunk: bounds the memory a chunk needs while it is read or written.
const SOURCES_PER_CHUNK: usize = 2048;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Kind {
    Header = 1,
    Sources = 2,
    Segment = 3,
    Vocabulary = 4,
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

/// The user's cache folder for Sourced, from the environment: `$XDG_CACHE_HOME/sourced`
/// (when absolute), else the platform's (`~/.cache/sourced` on Linux and other Unixes,
/// `~/Library/Caches/sourced` on macOS, `%LOCALAPPDATA%\sourced` on Windows). `None`
/// when the environment names no home: then no cache is kept.
pub fn user_cache_home() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = if cfg!(windows) {
        var("LOCALAPPDATA")
    } else if let Some(xdg) = var("XDG_CACHE_HOME") {
        Some(xdg)
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| h.join("Library").join("Caches"))
    } else {
        var("HOME").map(|h| h.join(".cache"))
    };
    base.map(|b| b.join("sourced"))
}

/// The cache folder of the story whose root folder is `root`, in the user's cache folder
/// ([`user_cache_home`]); `None` when there is none.
pub fn default_dir(root: &Path) -> Option<PathBuf> {
    Some(dir_in(&user_cache_home()?, root))
}

/// The cache folder of the story at `root` inside `home`: the story folder's name (for a
/// person looking in `home`) and a hash of its canonical path (two stories of the same
/// name apart; the same story reached by another path, the same folder).
pub fn dir_in(home: &Path, root: &Path) -> PathBuf {
    // A story found from a relative draft path has a relative root, `""` for the
    // current folder: the key is of the absolute path all the same.
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let canonical = root
        .canonicalize()
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf());
    let name: String = canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let name = name.trim_start_matches('.');
    let hash = xxhash_rust::xxh3::xxh3_64(canonical.to_string_lossy().as_bytes());
    if name.is_empty() {
        home.join(format!("{hash:016x}"))
    } else {
        home.join(format!("{name}-{hash:016x}"))
    }
}

/// The cache file of the corpus `cfg` in `dir`.
pub fn file_for(dir: &Path, cfg: &CorpusConfig) -> PathBuf {
    dir.join(format!("corpus-{:016x}.idx", config_key(cfg)))
}

/// Why `dir` may not hold the cache of the corpus `cfg`: it is the story folder, a
/// corpus folder, or a folder that holds one of them (`[corpus] cache = "."`, `""` or
/// `"sources"`). `None` when it may.
pub fn refusal(dir: &Path, cfg: &CorpusConfig) -> Option<String> {
    let dir_c = canonical(dir);
    let holds = |p: &Path| canonical(p).starts_with(&dir_c);
    let what = if holds(&cfg.base) {
        "the story folder, or a folder holding it"
    } else if cfg.paths.iter().any(|p| holds(p)) {
        "a folder of sources, or a folder holding one"
    } else {
        return None;
    };
    Some(format!(
        "the index cache folder {} is {what}: Sourced keeps no cache there, so this \
         corpus is indexed again at each start. Set [corpus] cache in sourced.toml to a \
         folder of its own (for instance \"{SUGGESTED_DIR_NAME}\"), to false, or leave \
         it out to use the user's cache folder",
        dir.display()
    ))
}

/// `p` with its links resolved when it exists, else with its `.` components dropped.
fn canonical(p: &Path) -> PathBuf {
    p.canonicalize()
        .unwrap_or_else(|_| p.components().collect::<PathBuf>())
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
        for w in sourced_core::analysis::normalize::words(PROBE) {
            bytes.extend_from_slice(w.norm.as_bytes());
            bytes.push(0);
        }
        let analysis =
            sourced_core::analysis::analyze(PROBE, sourced_core::analysis::TextFormat::Plain);
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
        if let Some(why) = refusal(dir, cfg) {
            return Err(std::io::Error::other(why));
        }
        // The `.gitignore` that keeps the cache out of git goes only into a folder made
        // here for the cache: in a folder that was there before, it could hide the
        // reporter's own files from git.
        let made = !dir.exists();
        std::fs::create_dir_all(dir)?;
        let ignore = dir.join(".gitignore");
        if made && !ignore.exists() {
            let _ = std::fs::write(&ignore, "# Sourced's index cache: safe to delete.\n*\n");
        }
    }
    if let Some(dir) = path.parent() {
        remove_abandoned_temporaries(dir);
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
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
        table_chunk(&mut out, Kind::Vocabulary, &|w| {
            index.names.vocabulary.write_tables(w);
        })?;
        for seg in index.grams.segments() {
            table_chunk(&mut out, Kind::Segment, &|w| seg.write_tables(w))?;
        }
        chunk(&mut out, Kind::End, &[])?;
        // Not synced to disk: after a crash a half-written file fails its checksums and
        // is rebuilt, and syncing 400 MB was most of the time a save took.
        out.into_inner().map_err(|e| e.into_error())?;
        Ok(())
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Remove the temporary files of saves that never finished (`corpus-<key>.tmp<pid>`,
/// left when that process was killed) and private copies that kept their name
/// (`corpus-<key>.view<n>.tmp<pid>`): those of processes that no longer run.
fn remove_abandoned_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.starts_with("corpus-"))
            .and_then(|n| n.rsplit_once(".tmp"))
            .and_then(|(_, pid)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_runs(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

fn chunk(out: &mut impl Write, kind: Kind, payload: &[u8]) -> std::io::Result<()> {
    out.write_all(&[kind as u8])?;
    out.write_all(&(payload.len() as u64).to_le_bytes())?;
    out.write_all(&xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes())?;
    out.write_all(payload)
}

/// A chunk of tables, streamed: once to learn its length and checksum, once to write it
/// (so that the tables are never copied into one buffer).
fn table_chunk(
    out: &mut impl Write,
    kind: Kind,
    tables: &dyn Fn(&mut TableWriter),
) -> std::io::Result<()> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut len = 0u64;
    {
        let mut sink = |b: &[u8]| {
            hasher.update(b);
            len += b.len() as u64;
        };
        let mut w = TableWriter::new(&mut sink);
        tables(&mut w);
        if w.failed {
            return Err(std::io::Error::other("a table could not be read"));
        }
    }
    out.write_all(&[kind as u8])?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&hasher.digest().to_le_bytes())?;
    let mut result = Ok(());
    let mut written = 0u64;
    {
        let mut sink = |b: &[u8]| {
            if result.is_ok() {
                result = out.write_all(b);
                written += b.len() as u64;
            }
        };
        let mut w = TableWriter::new(&mut sink);
        tables(&mut w);
        if w.failed {
            return Err(std::io::Error::other("a table could not be read"));
        }
    }
    result?;
    if written != len {
        return Err(std::io::Error::other("tables changed while written"));
    }
    Ok(())
}

/// Read the index saved at `path` for the corpus `cfg`, verifying everything.
pub fn read(path: &Path, cfg: &CorpusConfig) -> Result<MemoryIndex, CacheMiss> {
    let file = match open_regular(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(CacheMiss::Absent),
        Err(e) => return Err(CacheMiss::Invalid(format!("cannot open: {e}"))),
    };
    let trace = std::env::var_os("SOURCED_CACHE_TRACE").is_some();
    let t0 = std::time::Instant::now();
    // A big file whose chunks do not end where it does (a long tail of zeros, say) is
    // not worth copying or reading: its chunk headers, a few reads, say so first.
    let len = file
        .metadata()
        .map_err(|e| CacheMiss::Invalid(format!("cannot read: {e}")))?
        .len();
    if len >= READ_WHOLE_BELOW {
        chunks_end_at(&file, len)?;
    }
    let (backing, mapped) = map_or_read(file, path)?;
    let all: &[u8] = backing.bytes();
    if all.len() < 12 {
        return Err(invalid("truncated"));
    }
    if &all[..8] != MAGIC {
        return Err(invalid("not a Sourced index file"));
    }
    let version = u32::from_le_bytes([all[8], all[9], all[10], all[11]]);
    if version != FORMAT_VERSION {
        return Err(invalid(&format!(
            "format version {version}, this build reads {FORMAT_VERSION}"
        )));
    }
    let chunks = chunk_table(all)?;
    let mut next = chunks.iter();
    let Some(head) = next.next().filter(|c| c.kind == Kind::Header as u8) else {
        return Err(invalid("unexpected chunk"));
    };
    let head_bytes = all.get(head.payload.clone()).unwrap_or(&[]);
    if xxhash_rust::xxh3::xxh3_64(head_bytes) != head.sum {
        return Err(invalid("checksum mismatch"));
    }
    let header: Header = postcard::from_bytes(head_bytes)
        .map_err(|e| CacheMiss::Invalid(format!("undecodable: {e}")))?;
    if header.build != build_key() {
        return Err(invalid("written by another build of Sourced"));
    }
    if header.config != config_key(cfg) {
        return Err(invalid("written for another corpus configuration"));
    }
    verify(&*backing, &chunks[1..], mapped)?;
    if trace {
        eprintln!("cache: mapped and verified in {:?}", t0.elapsed());
    }
    let mut slots: Vec<Option<Slot>> = Vec::new();
    let mut chunk = |kind: Kind| -> Result<&ChunkAt, CacheMiss> {
        next.next()
            .filter(|c| c.kind == kind as u8)
            .ok_or_else(|| invalid("unexpected chunk"))
    };
    while (slots.len() as u64) < header.sources {
        let c = chunk(Kind::Sources)?;
        let batch: Vec<Option<(PathBuf, FileStamp)>> =
            postcard::from_bytes(all.get(c.payload.clone()).unwrap_or(&[]))
                .map_err(|e| CacheMiss::Invalid(format!("undecodable: {e}")))?;
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
    let tables =
        |c: &ChunkAt| TableReader::new(Bytes::new(Arc::clone(&backing), c.payload.clone()));
    let mut r = tables(chunk(Kind::Vocabulary)?);
    let vocabulary = Vocabulary::read_tables(&mut r)
        .filter(|_| r.at_end())
        .ok_or_else(|| invalid("inconsistent vocabulary"))?;
    let mut grams = GramIndex::default();
    for _ in 0..header.segments {
        let mut r = tables(chunk(Kind::Segment)?);
        let seg = Segment::read_tables(&mut r)
            .filter(|s| r.at_end() && s.docs().all(|d| (d as usize) < slots.len()))
            .ok_or_else(|| invalid("inconsistent posting segment"))?;
        grams.add_segment(seg);
    }
    grams.mark_stale(header.stale);
    let end = chunk(Kind::End)?;
    if !end.payload.is_empty() || next.next().is_some() {
        return Err(invalid("trailing data"));
    }
    if trace {
        eprintln!("cache: read in {:?}", t0.elapsed());
    }
    Ok(MemoryIndex::from_parts(
        cfg.clone(),
        slots,
        grams,
        NameIndex::new(vocabulary),
    ))
}

/// The file at `path`, when it is a regular file: a named pipe is not waited on (it is
/// opened without blocking), and a device or a folder is refused.
fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    Ok(file)
}

fn invalid(reason: &str) -> CacheMiss {
    CacheMiss::Invalid(reason.to_string())
}

/// Cache files up to this size are read into memory. Larger ones (large corpora, where
/// reading it all would cost the warm start hundreds of MB of resident memory) are
/// copied to a file of Sourced's own and that copy is mapped (see [`private_copy`]).
const READ_WHOLE_BELOW: u64 = 32 << 20;

/// The largest cache file read into memory when it cannot be copied (no room on the
/// disk, say); a larger one is not used.
const READ_WHOLE_AT_MOST: u64 = 1 << 30;

/// The file's bytes, which nothing outside Sourced can change: read into memory when
/// small, else a private copy, mapped (true). A file mapped in place could be truncated
/// by another program writing over it (`cp`, a sync tool), and the next read of a lost
/// page would kill the server with SIGBUS.
fn map_or_read(file: File, path: &Path) -> Result<(Arc<dyn Backing>, bool), CacheMiss> {
    let len = file
        .metadata()
        .map_err(|e| CacheMiss::Invalid(format!("cannot read: {e}")))?
        .len();
    if len >= READ_WHOLE_BELOW {
        if let Some(copy) = private_copy(&file, len, path) {
            // SAFETY: the map is read-only and lives as long as the tables that point
            // into it. It maps a copy that has no name (it was removed as soon as it was
            // made), so no other program can open it to change or truncate it, and
            // Sourced never writes to it after the copy. Every read through the map is
            // bounds-checked, and nothing in it is used before its chunk's checksum is
            // verified.
            if let Ok(map) = unsafe { memmap2::Mmap::map(&copy) } {
                if map.len() as u64 == len {
                    return Ok((Arc::new(MappedFile { map, file: copy }), true));
                }
            }
        }
        if len > READ_WHOLE_AT_MOST {
            return Err(invalid("too large to read, and it could not be copied"));
        }
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(len as usize)
        .map_err(|e| CacheMiss::Invalid(format!("cannot read: {e}")))?;
    // No more than the size it had when opened (it may grow meanwhile).
    std::io::Read::read_to_end(&mut std::io::Read::take(&file, len), &mut bytes)
        .map_err(|e| CacheMiss::Invalid(format!("cannot read: {e}")))?;
    if bytes.len() as u64 != len {
        return Err(invalid("changed while it was read"));
    }
    Ok((Arc::new(bytes), false))
}

/// Check, from the chunk headers alone (read one by one, nothing else), that the
/// chunks of `file` end exactly at `len`, as [`chunk_table`] will require. The file is
/// left at its start, where the reads after this one begin.
fn chunks_end_at(file: &File, len: u64) -> Result<(), CacheMiss> {
    use std::io::{Seek, SeekFrom};
    let walked = walk_chunk_heads(file, len);
    let mut f = file;
    f.seek(SeekFrom::Start(0))
        .map_err(|e| CacheMiss::Invalid(format!("cannot read: {e}")))?;
    walked
}

fn walk_chunk_heads(file: &File, len: u64) -> Result<(), CacheMiss> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    walk_chunks(len, |at| {
        let mut head = [0u8; 17];
        f.seek(SeekFrom::Start(at))
            .and_then(|_| f.read_exact(&mut head))
            .ok()
            .map(|_| head)
    })
    .map(|_| ())
}

/// A copy of the first `len` bytes of `file` (the cache file at `path`) that only this
/// process can reach: made beside it (on the same disk, where the system may share the
/// blocks instead of copying them), then removed from the folder at once, so that it
/// has no name. `None` when it cannot be made (no room, a read-only folder); a copy left
/// by a process killed between the two steps is removed by the next save.
#[cfg(unix)]
fn private_copy(file: &File, len: u64, path: &Path) -> Option<File> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = path.with_extension(format!("view{n}.tmp{}", std::process::id()));
    let mut copy = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&name)
        .ok()?;
    let removed = std::fs::remove_file(&name).is_ok();
    if !removed {
        return None;
    }
    let copied = std::io::copy(&mut std::io::Read::take(file, len), &mut copy).ok()?;
    (copied == len).then_some(copy)
}

#[cfg(not(unix))]
fn private_copy(_file: &File, _len: u64, _path: &Path) -> Option<File> {
    None
}

/// Where one chunk is in the file.
struct ChunkAt {
    kind: u8,
    payload: Range<usize>,
    sum: u64,
}

/// The chunks of the file, from their headers (nothing verified yet), up to the end
/// marker: a chunk of an unknown kind, or anything after the end marker, makes the file
/// invalid at once (a file with a long tail of zeros, say, is not walked to its end).
fn chunk_table(all: &[u8]) -> Result<Vec<ChunkAt>, CacheMiss> {
    walk_chunks(all.len() as u64, |at| {
        let at = usize::try_from(at).ok()?;
        all.get(at..at.checked_add(17)?)?.try_into().ok()
    })
}

/// The chunks of a file of `len` bytes whose chunk header at an offset `head_at` reads,
/// up to the end marker, which must end the file (see [`chunk_table`]).
fn walk_chunks(
    len: u64,
    mut head_at: impl FnMut(u64) -> Option<[u8; 17]>,
) -> Result<Vec<ChunkAt>, CacheMiss> {
    let mut chunks = Vec::new();
    let mut at = 12u64;
    loop {
        let head = head_at(at).ok_or_else(|| invalid("truncated"))?;
        if !(Kind::Header as u8..=Kind::End as u8).contains(&head[0]) {
            return Err(invalid("unknown chunk"));
        }
        let mut len8 = [0u8; 8];
        len8.copy_from_slice(&head[1..9]);
        let mut sum8 = [0u8; 8];
        sum8.copy_from_slice(&head[9..17]);
        let start = at + 17;
        let end = start
            .checked_add(u64::from_le_bytes(len8))
            .filter(|&e| e <= len)
            .ok_or_else(|| invalid("truncated"))?;
        chunks.push(ChunkAt {
            kind: head[0],
            payload: usize::try_from(start).map_err(|_| invalid("truncated"))?
                ..usize::try_from(end).map_err(|_| invalid("truncated"))?,
            sum: u64::from_le_bytes(sum8),
        });
        at = end;
        if head[0] == Kind::End as u8 {
            return match at == len {
                true => Ok(chunks),
                false => Err(invalid("trailing data")),
            };
        }
    }
}

/// Check every chunk's checksum. A mapped file is read with positional reads into a small
/// buffer ([`Backing::read_at`]), on two threads (big chunks first, each to the thread
/// with less to do), so that verifying does not leave the file's pages resident.
fn verify(backing: &dyn Backing, chunks: &[ChunkAt], mapped: bool) -> Result<(), CacheMiss> {
    let all = backing.bytes();
    if !mapped {
        return match chunks
            .iter()
            .all(|c| all.get(c.payload.clone()).map(xxhash_rust::xxh3::xxh3_64) == Some(c.sum))
        {
            true => Ok(()),
            false => Err(invalid("checksum mismatch")),
        };
    }
    let mut order: Vec<&ChunkAt> = chunks.iter().collect();
    order.sort_by_key(|c| std::cmp::Reverse(c.payload.len()));
    let mut parts: [Vec<&ChunkAt>; 2] = [Vec::new(), Vec::new()];
    let mut loads = [0usize; 2];
    for c in order {
        let i = usize::from(loads[1] < loads[0]);
        loads[i] += c.payload.len();
        parts[i].push(c);
    }
    let check = |part: &[&ChunkAt]| -> Result<(), CacheMiss> {
        let mut buf = vec![0u8; 1 << 20];
        for c in part {
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            let mut at = c.payload.start;
            while at < c.payload.end {
                let n = (c.payload.end - at).min(buf.len());
                if !backing.read_at(&mut buf[..n], at) {
                    return Err(invalid("cannot read"));
                }
                hasher.update(&buf[..n]);
                at += n;
            }
            if hasher.digest() != c.sum {
                return Err(invalid("checksum mismatch"));
            }
        }
        Ok(())
    };
    let [a, b] = &parts;
    std::thread::scope(|scope| {
        let other = scope.spawn(|| check(b));
        let mine = check(a);
        let other = other
            .join()
            .unwrap_or_else(|_| Err(invalid("could not be verified")));
        mine.and(other)
    })
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
