//! Tables of `u32` persisted as one run of little-endian bytes, for the large tables of
//! the persisted index: decoding is one pass over the bytes, not one varint at a time.
//!
//! Used as `#[serde(with = "le::u32s")]` (a `Vec<u32>`) or `"le::u32_pairs"` /
//! `"le::u32_quads"`. A run whose length does not fit the element size is an error (the
//! index is then rebuilt); this module knows nothing of what the numbers mean.

use serde::{Deserializer, Serializer};

fn write<S: Serializer, const N: usize>(v: &[[u32; N]], s: S) -> Result<S::Ok, S::Error> {
    let mut bytes = Vec::with_capacity(v.len() * 4 * N);
    for x in v {
        for n in x {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
    }
    s.serialize_bytes(&bytes)
}

fn read<'de, D: Deserializer<'de>, const N: usize>(d: D) -> Result<Vec<[u32; N]>, D::Error> {
    let bytes: std::borrow::Cow<'de, [u8]> = serde_bytes::deserialize(d)?;
    if bytes.len() % (4 * N) != 0 {
        return Err(serde::de::Error::custom("a table of the wrong length"));
    }
    Ok(bytes
        .chunks_exact(4 * N)
        .map(|c| {
            std::array::from_fn(|i| {
                u32::from_le_bytes([c[4 * i], c[4 * i + 1], c[4 * i + 2], c[4 * i + 3]])
            })
        })
        .collect())
}

pub mod u32s {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(v.len() * 4);
        for x in v {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let bytes: std::borrow::Cow<'de, [u8]> = serde_bytes::deserialize(d)?;
        if bytes.len() % 4 != 0 {
            return Err(serde::de::Error::custom("a table of the wrong length"));
        }
        Ok(bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
}

pub mod u32_pairs {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[[u32; 2]], s: S) -> Result<S::Ok, S::Error> {
        write(v, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[u32; 2]>, D::Error> {
        read(d)
    }
}

pub mod u32_quads {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[[u32; 4]], s: S) -> Result<S::Ok, S::Error> {
        write(v, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[u32; 4]>, D::Error> {
        read(d)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct T {
        #[serde(with = "super::u32s")]
        a: Vec<u32>,
        #[serde(with = "super::u32_pairs")]
        b: Vec<[u32; 2]>,
    }

    #[test]
    fn round_trip_and_wrong_lengths_are_errors() {
        let t = T {
            a: vec![0, 1, u32::MAX, 300],
            b: vec![[1, 2], [u32::MAX, 0]],
        };
        let bytes = postcard::to_allocvec(&t).unwrap();
        assert_eq!(postcard::from_bytes::<T>(&bytes).unwrap(), t);
        // Two bytes that claim to be a table of u32s.
        let bad = [2u8, 1, 2, 0];
        assert!(postcard::from_bytes::<T>(&bad).is_err());
    }
}
