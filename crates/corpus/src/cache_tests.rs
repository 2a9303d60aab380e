//! Unit tests of [`super`] (cache.rs): the persisted index against files changed under it.

use super::*;

/// A cache file large enough to be mapped, cut short and then emptied by another
/// program after Sourced opened it: every byte of what Sourced holds still reads as it
/// was (a file mapped in place would fault with SIGBUS on the lost pages).
#[cfg(unix)]
#[test]
fn a_large_cache_file_truncated_after_it_was_opened_still_reads_whole() {
    let dir = std::env::temp_dir().join(format!("sourced-cache-unit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corpus-test.idx");
    let len = READ_WHOLE_BELOW + (1 << 20);
    {
        let mut f = File::create(&path).unwrap();
        // A pattern at the start and the end; the middle is sparse (no disk used).
        f.write_all(&[7u8; 4096]).unwrap();
        f.set_len(len).unwrap();
        use std::os::unix::fs::FileExt;
        f.write_all_at(&[9u8; 4096], len - 4096).unwrap();
    }
    let file = open_regular(&path).unwrap();
    let (backing, mapped) = map_or_read(file, &path).unwrap();
    assert!(
        mapped,
        "a file this large is mapped (through a private copy)"
    );
    // What `cp` of a shorter file over it does, then an empty one.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(100)
        .unwrap();
    std::fs::write(&path, b"").unwrap();
    let bytes = backing.bytes();
    assert_eq!(bytes.len() as u64, len);
    assert!(bytes[..4096].iter().all(|&b| b == 7));
    assert!(bytes[bytes.len() - 4096..].iter().all(|&b| b == 9));
    let middle: u64 = bytes[4096..bytes.len() - 4096]
        .iter()
        .map(|&b| u64::from(b))
        .sum();
    assert_eq!(middle, 0);
    // The copy has no name: the folder holds only the cache file.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("corpus-test.idx")]);
    drop(backing);
    std::fs::remove_dir_all(&dir).unwrap();
}
