//! Small measuring helpers: latency summaries and peak resident memory.

use std::time::Duration;

/// p50 / p95 / max of a set of durations, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub count: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

pub fn summarize(samples: &[Duration]) -> Summary {
    if samples.is_empty() {
        return Summary::default();
    }
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    // Nearest-rank percentiles: p95 of 200 samples is the 190th smallest.
    let rank = |p: f64| {
        let k = ((p / 100.0) * ms.len() as f64).ceil() as usize;
        ms[k.clamp(1, ms.len()) - 1]
    };
    Summary {
        count: ms.len(),
        p50_ms: rank(50.0),
        p95_ms: rank(95.0),
        max_ms: ms[ms.len() - 1],
        mean_ms: ms.iter().sum::<f64>() / ms.len() as f64,
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms (mean {:.2} ms, n={})",
            self.p50_ms, self.p95_ms, self.max_ms, self.mean_ms, self.count
        )
    }
}

/// A field of `/proc/<pid>/status` in kB (`VmHWM` is the peak resident set size).
pub fn proc_status_kb(pid: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

/// This thread's CPU time so far (`CLOCK_THREAD_CPUTIME_ID`), or `None` where there is
/// no such clock. A loaded machine inflates it much less than wall time: a keystroke that
/// waits for a core does not count the wait. (`/proc/thread-self/schedstat` is not used:
/// for the running thread it is only brought up to date at the scheduler tick, 4 ms.)
#[cfg(unix)]
pub fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` only writes one `timespec` through the pointer, which points
    // to a live, properly aligned local of that type; it keeps no reference to it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return None;
    }
    Some(Duration::new(
        u64::try_from(ts.tv_sec).ok()?,
        u32::try_from(ts.tv_nsec).ok()?,
    ))
}

#[cfg(not(unix))]
pub fn thread_cpu() -> Option<Duration> {
    None
}

pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
