//! People and titles: the names in the text, the people and organisations they make,
//! who each speaker mention refers to, and the offices that titles name.

pub mod coreference;
pub mod entity;
pub mod gender;
pub mod name_runs;
pub mod office;
pub mod roles;
