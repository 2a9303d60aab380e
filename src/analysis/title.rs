//! Titles and roles: "Defense Secretary" and "Secretary of Defense" are one office,
//! "Gen." is "General", "Defence" is "Defense".

/// The canonical form of a title: equal for titles an editor treats as the same office.
pub fn normalize_title(title: &str) -> String {
    title.trim().to_lowercase()
}

/// Whether two titles name the same office.
pub fn same_office(a: &str, b: &str) -> bool {
    normalize_title(a) == normalize_title(b)
}
