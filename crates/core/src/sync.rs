//! Locks that survive a panicking holder.

use std::sync::{Mutex, MutexGuard};

/// Lock a mutex even if a panicking thread poisoned it: the data it guards is always left
/// consistent between statements (documents are replaced whole, maps entry by entry).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
