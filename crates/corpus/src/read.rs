//! Reading one corpus file safely: only regular files, never more than the size limit,
//! never blocking on a FIFO or a device, and a message a reporter understands for every
//! file that cannot be used.
//!
//! This module turns bytes into text; what the text means (front matter, HTML) is
//! [`super::format`]'s job.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// A file read into text, with what the reader had to do to it.
#[derive(Debug)]
pub struct ReadFile {
    pub text: String,
    /// Set when the bytes were not UTF-8 and were decoded as Windows-1252.
    pub decoded_as_cp1252: bool,
    pub size: u64,
    /// When the file last changed ([`changed_ns`]).
    pub mtime_ns: u64,
    /// Hash of the file's bytes ([`content_hash`]).
    pub hash: u64,
}

/// The hash that tells whether a file's content changed.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Why a file could not be read, in words for the user (the caller names the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl ReadError {
    /// Whether the file was not there. Whether it ever was is for the caller to say: a
    /// file the walk listed or the index has is gone ([`VANISHED`]); a path given by the
    /// user may never have existed.
    pub fn is_not_found(&self) -> bool {
        self.0 == NOT_FOUND
    }
}

/// What [`io_message`] says of a path where there is no file.
const NOT_FOUND: &str = "does not exist: skipped";

/// What a file that was there before (listed, indexed, or looked at a moment ago) and is
/// not there now is.
pub const VANISHED: &str = "no longer exists (deleted or moved): skipped";

/// Size and change time ([`changed_ns`]) of the regular file at `path`, following links;
/// an error when it is not a regular file.
pub fn stat(path: &Path) -> Result<(u64, u64), ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError(io_message(&e)))?;
    if !meta.is_file() {
        return Err(ReadError(not_regular(&meta)));
    }
    Ok((meta.len(), changed_ns(&meta)))
}

/// Read the file at `path` as text.
pub fn read_text(path: &Path, max_size: u64) -> Result<ReadFile, ReadError> {
    let bytes_read = read_bytes(path, max_size)?;
    let (bytes, size, mtime_ns) = bytes_read;
    let hash = content_hash(&bytes);
    if bytes.contains(&0) {
        return Err(ReadError(
            "binary file (it contains NUL bytes): skipped".to_string(),
        ));
    }
    let (text, decoded_as_cp1252) = match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (decode_cp1252(e.as_bytes()), true),
    };
    Ok(ReadFile {
        text,
        decoded_as_cp1252,
        size,
        mtime_ns,
        hash,
    })
}

/// The bytes of the regular file at `path`, with its size and modification time.
fn read_bytes(path: &Path, max_size: u64) -> Result<(Vec<u8>, u64, u64), ReadError> {
    // Look before opening: opening a FIFO would block until a writer appears.
    let (size, _) = stat(path)?;
    if size > max_size {
        return Err(ReadError(format!(
            "too large ({} > limit {}): skipped; raise [corpus] max_file_size to read it",
            human_size(size),
            human_size(max_size)
        )));
    }
    // Seen a moment ago by the look above: a file not there now was deleted or moved.
    let file = open_nonblocking(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError(VANISHED.to_string()),
        _ => ReadError(io_message(&e)),
    })?;
    // The file may have been replaced between the look and the open: check what we hold.
    let meta = file.metadata().map_err(|e| ReadError(io_message(&e)))?;
    if !meta.is_file() {
        return Err(ReadError(not_regular(&meta)));
    }
    let size = meta.len();
    let mtime = changed_ns(&meta);
    if size > max_size {
        return Err(ReadError(format!(
            "too large ({} > limit {}): skipped",
            human_size(size),
            human_size(max_size)
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError(io_message(&e)))?;
    if bytes.len() as u64 > max_size {
        return Err(ReadError(format!(
            "grew past the size limit ({}) while it was read: skipped",
            human_size(max_size)
        )));
    }
    if (bytes.len() as u64) != size {
        return Err(ReadError(format!(
            "changed while it was read ({} expected, {} read): skipped until the next reindex",
            human_size(size),
            human_size(bytes.len() as u64)
        )));
    }
    Ok((bytes, size, mtime))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

fn not_regular(meta: &std::fs::Metadata) -> String {
    let ft = meta.file_type();
    let what = if ft.is_dir() {
        "a folder"
    } else {
        special_kind(&ft)
    };
    format!("not a regular file ({what}): skipped")
}

#[cfg(unix)]
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a named pipe"
    } else if ft.is_block_device() || ft.is_char_device() {
        "a device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_ft: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// A reporter-readable account of an IO error.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => NOT_FOUND.to_string(),
        ErrorKind::PermissionDenied => "cannot be read (permission denied): skipped".to_string(),
        ErrorKind::WouldBlock => "not ready to be read (a pipe or device?): skipped".to_string(),
        _ => format!("cannot be read ({e}): skipped"),
    }
}

/// When the file last changed, in nanoseconds since the Unix epoch (0 when unknown): the
/// later of its modification time and (on Unix) its inode change time. The modification
/// time alone can be set back (`cp -p`, `touch -r`, sync tools keep it), so a file
/// rewritten with its size and modification time kept would pass for unchanged; the
/// inode change time cannot be set, and moves with every write.
fn changed_ns(meta: &std::fs::Metadata) -> u64 {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos().min(u64::MAX as u128) as u64)
        .unwrap_or(0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let secs = u64::try_from(meta.ctime()).unwrap_or(0);
        let nanos = u64::try_from(meta.ctime_nsec()).unwrap_or(0);
        let changed = secs.saturating_mul(1_000_000_000).saturating_add(nanos);
        modified.max(changed)
    }
    #[cfg(not(unix))]
    modified
}

pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Decode Windows-1252 (a superset of Latin-1 as web pages use it). Every byte maps to a
/// character, so nothing is lost; the five unassigned bytes become their C1 controls.
pub fn decode_cp1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_curly_quotes_and_latin1_letters() {
        assert_eq!(
            decode_cp1252(b"\x93Caf\xe9\x94 \x96 ok"),
            "\u{201C}Caf\u{e9}\u{201D} \u{2013} ok"
        );
    }
}
