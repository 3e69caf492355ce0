//! grc's addition to spellbook: the `.dic` word list compiled ahead of time.
//!
//! Parsing a large `.dic` file costs a program every time it starts (the Dutch OpenTaal list:
//! 180 000 lines, about 220 million instructions and 80 MB of memory). [`compile`] runs the
//! same parser once, at build time, and writes the stems and their flag sets into an image: a
//! hash table with open addressing that is read in place. [`Dictionary::from_compiled`] then
//! parses only the `.aff` file and the image's few thousand distinct flag sets; a lookup
//! hashes the key and reads the image, and only the pages it touches are loaded.
//!
//! A lookup gives every entry whose stem equals the key, as the hash bag does; entries of the
//! same stem come in the order of the `.dic` file (the hash bag's order is arbitrary).
//!
//! Image layout, all numbers little-endian:
//! - header, 8 × u32: magic, the `.aff` text's hash (low, high), entry count, slot count (a
//!   power of two), flag set count, flag count, stem bytes;
//! - flag sets: per set u32 start and u32 length in the flag pool;
//! - flag pool: u16 flags, each set sorted and without duplicates;
//! - entries: per entry u32 stem start, u16 stem length, u16 flag set;
//! - slots: per slot a u32, the entry index + 1 in its low bits (0: an empty slot) and as
//!   many bits of the stem's hash as are left above them, so that a lookup reads only the
//!   entries whose hash matches there;
//! - stem bytes (UTF-8).

use core::hash::BuildHasher;

use crate::{
    alloc::vec::Vec,
    aff::parser::{parse_with, WordSink},
    hash_bag::{self, HashBag},
    Dictionary, Flag, FlagSet, ParseDictionaryError, Stem,
};

const MAGIC: u32 = u32::from_le_bytes(*b"SBW4");

/// How many low bits of a slot hold the entry index + 1.
fn index_bits(entries: usize) -> u32 {
    usize::BITS - (entries + 1).leading_zeros()
}

/// The bits of `hash` a slot keeps above the entry index (none when it takes all 32).
fn tag(hash: u64, index_bits: u32) -> u32 {
    ((hash >> 32) as u32).checked_shl(index_bits).unwrap_or(0)
}
const HEADER: usize = 8 * 4;

/// The stems' hash, the same at build time and at run time whatever the platform's hasher:
/// words are short, so up to 16 bytes are read as two overlapping u64s (no loop over
/// bytes), longer ones eight bytes at a time; then a final mix, as the slot takes the low
/// bits and the tag the high ones.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let n = bytes.len();
    let u64_at = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap_or_default());
    let (a, b) = if n >= 8 {
        let mut h = 0u64;
        let mut i = 0;
        while i + 16 < n {
            h = (h.rotate_left(5) ^ u64_at(i)).wrapping_mul(K);
            i += 8;
        }
        (h ^ u64_at(i), u64_at(n - 8))
    } else if n >= 4 {
        (u32_at(0) as u64, u32_at(n - 4) as u64)
    } else if n > 0 {
        let b = |i: usize| bytes[i] as u64;
        (b(0) | b(n / 2) << 8, b(n - 1))
    } else {
        (0, 0)
    };
    let mut h = (n as u64).wrapping_mul(K);
    h = (h.rotate_left(5) ^ a).wrapping_mul(K);
    h = (h.rotate_left(5) ^ b).wrapping_mul(K);
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

impl WordSink for Vec<(Stem, FlagSet)> {
    fn insert(&mut self, word: Stem, flagset: FlagSet) {
        self.push((word, flagset));
    }
}

/// Compiles the word list of `dic` (read with the rules of `aff`) into an image for
/// [`Dictionary::from_compiled`] with the same `aff`.
pub fn compile(aff: &str, dic: &str) -> Result<Vec<u8>, ParseDictionaryError> {
    let mut entries: Vec<(Stem, FlagSet)> = Vec::new();
    parse_with(aff, dic, crate::DefaultHashBuilder::default(), |n| {
        entries.reserve(n);
        &mut entries
    })?;
    let mut sets: Vec<&[Flag]> = Vec::new();
    let mut set_of: hashbrown::HashMap<&[Flag], u16, crate::DefaultHashBuilder> =
        hashbrown::HashMap::default();
    let mut flags: Vec<u16> = Vec::new();
    let mut stems: Vec<u8> = Vec::new();
    let mut records: Vec<(u32, u16, u16)> = Vec::with_capacity(entries.len());
    for (stem, set) in &entries {
        let set = set.as_slice();
        let index = *set_of.entry(set).or_insert_with(|| {
            sets.push(set);
            u16::try_from(sets.len() - 1).expect("fewer than 65 536 distinct flag sets")
        });
        let text: &str = stem.as_ref();
        let start = u32::try_from(stems.len()).expect("stems shorter than 4 GB");
        stems.extend_from_slice(text.as_bytes());
        let len = u16::try_from(text.len()).expect("the parser refuses longer lines");
        records.push((start, len, index));
    }
    // At most half full: a missing word (most lookups) probes until an empty slot.
    let slot_count = (records.len() * 2).next_power_of_two().max(2);
    let mut slots = alloc::vec![0u32; slot_count];
    let bits = index_bits(records.len());
    for (i, &(start, len, _)) in records.iter().enumerate() {
        let key = &stems[start as usize..start as usize + len as usize];
        let hash = hash(key);
        let mut slot = hash as usize & (slot_count - 1);
        // Linear probing: entries of one stem keep the order they were inserted in.
        while slots[slot] != 0 {
            slot = (slot + 1) & (slot_count - 1);
        }
        slots[slot] = (i as u32 + 1) | tag(hash, bits);
    }
    let aff_hash = hash(aff.as_bytes());
    let mut out = Vec::new();
    let u32s = |out: &mut Vec<u8>, xs: &[u32]| {
        for x in xs {
            out.extend_from_slice(&x.to_le_bytes());
        }
    };
    let mut flag_starts = Vec::with_capacity(sets.len() * 2);
    for set in &sets {
        flag_starts.push(flags.len() as u32);
        flag_starts.push(set.len() as u32);
        flags.extend(set.iter().map(|f| f.get()));
    }
    u32s(
        &mut out,
        &[
            MAGIC,
            aff_hash as u32,
            (aff_hash >> 32) as u32,
            records.len() as u32,
            slot_count as u32,
            sets.len() as u32,
            flags.len() as u32,
            stems.len() as u32,
        ],
    );
    u32s(&mut out, &flag_starts);
    for f in &flags {
        out.extend_from_slice(&f.to_le_bytes());
    }
    for &(start, len, set) in &records {
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&set.to_le_bytes());
    }
    u32s(&mut out, &slots);
    out.extend_from_slice(&stems);
    Ok(out)
}

/// Why an image cannot be used.
#[derive(Debug)]
pub enum FromCompiledError {
    /// The `.aff` file does not parse.
    Parse(ParseDictionaryError),
    /// The image is damaged, or was compiled with another `.aff` file.
    Image,
}

impl<S: BuildHasher + Clone> Dictionary<S> {
    /// A dictionary from its `.aff` file and an image of its word list made by [`compile`]
    /// with the same `.aff` file. Words added later go into a hash bag beside the image.
    pub fn from_compiled_with_hasher(
        aff: &str,
        image: &'static [u8],
        build_hasher: S,
    ) -> Result<Self, FromCompiledError> {
        let compiled = Compiled::read(image, hash(aff.as_bytes())).ok_or(FromCompiledError::Image)?;
        let mut bag = None;
        let aff_data = parse_with(aff, "0", build_hasher.clone(), |_| {
            bag.insert(WordList::with_capacity_and_hasher(0, build_hasher))
        })
        .map_err(FromCompiledError::Parse)?;
        let mut words = bag.expect("the sink is made before the first word");
        words.compiled = Some(compiled);
        Ok(Self { words, aff_data })
    }
}

#[cfg(feature = "default-hasher")]
impl Dictionary<crate::DefaultHashBuilder> {
    /// [`Dictionary::from_compiled_with_hasher`] with the default hasher.
    pub fn from_compiled(aff: &str, image: &'static [u8]) -> Result<Self, FromCompiledError> {
        Self::from_compiled_with_hasher(aff, image, crate::DefaultHashBuilder::default())
    }
}

/// The image, its parts found, and its flag sets as the checker uses them.
#[derive(Clone)]
struct Compiled {
    flagsets: Vec<FlagSet>,
    entries: &'static [u8],
    slots: &'static [u8],
    stems: &'static [u8],
}

fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
}

fn u16_at(bytes: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(i..i + 2)?.try_into().ok()?))
}

impl Compiled {
    fn read(image: &'static [u8], aff_hash: u64) -> Option<Self> {
        let header: Vec<usize> = (0..8)
            .map(|i| u32_at(image, i * 4).map(|x| x as usize))
            .collect::<Option<_>>()?;
        let [magic, hash_low, hash_high, entry_count, slot_count, set_count, flag_count, stem_len] =
            header[..]
        else {
            return None;
        };
        if magic as u32 != MAGIC
            || (hash_low as u64 | (hash_high as u64) << 32) != aff_hash
            || !slot_count.is_power_of_two()
        {
            return None;
        }
        let sets_at = HEADER;
        let flags_at = sets_at + set_count * 8;
        let entries_at = flags_at + flag_count * 2;
        let slots_at = entries_at + entry_count * 8;
        let stems_at = slots_at + slot_count * 4;
        if image.len() != stems_at + stem_len {
            return None;
        }
        let mut flagsets = Vec::with_capacity(set_count);
        for s in 0..set_count {
            let start = u32_at(image, sets_at + s * 8)? as usize;
            let len = u32_at(image, sets_at + s * 8 + 4)? as usize;
            let set = (start..start + len)
                .map(|f| u16_at(image, flags_at + f * 2).and_then(Flag::new))
                .collect::<Option<Vec<Flag>>>()?;
            flagsets.push(FlagSet::from(set));
        }
        Some(Self {
            flagsets,
            entries: &image[entries_at..slots_at],
            slots: &image[slots_at..stems_at],
            stems: &image[stems_at..],
        })
    }

    /// The stem and flag set of entry `i`.
    fn entry(&self, i: usize) -> Option<(&'static [u8], &FlagSet)> {
        let record = u64::from_le_bytes(self.entries.get(i * 8..i * 8 + 8)?.try_into().ok()?);
        let start = record as u32 as usize;
        let len = (record >> 32) as u16 as usize;
        let set = (record >> 48) as usize;
        Some((self.stems.get(start..start + len)?, self.flagsets.get(set)?))
    }

    fn len(&self) -> usize {
        self.entries.len() / 8
    }
}

/// The entries of the image whose stem is the key.
pub(crate) struct CompiledIter<'bag, 'key> {
    compiled: Option<&'bag Compiled>,
    key: &'key str,
    slot: usize,
    tag: u32,
    index_mask: u32,
}

impl<'bag> Iterator for CompiledIter<'bag, '_> {
    type Item = (&'bag str, &'bag FlagSet);

    fn next(&mut self) -> Option<Self::Item> {
        let c = self.compiled?;
        let mask = c.slots.len() / 4 - 1;
        loop {
            let slot = u32_at(c.slots, self.slot * 4)?;
            if slot == 0 {
                self.compiled = None;
                return None;
            }
            self.slot = (self.slot + 1) & mask;
            if slot & !self.index_mask != self.tag {
                continue;
            }
            let e = (slot & self.index_mask) as usize;
            let (stem, flags) = c.entry(e - 1)?;
            if stem == self.key.as_bytes() {
                // The key's bytes, so valid UTF-8.
                return Some((core::str::from_utf8(stem).ok()?, flags));
            }
        }
    }
}

/// The stems and their flag sets: the compiled image (when there is one) and a hash bag of
/// the words parsed at run time or added.
#[derive(Clone)]
pub(crate) struct WordList<S> {
    compiled: Option<Compiled>,
    bag: HashBag<Stem, FlagSet, S>,
    /// Stems of the image that [`Dictionary::remove_stem`] moved into the bag.
    shadowed: Vec<Stem>,
}

impl<S> WordList<S> {
    pub fn len(&self) -> usize {
        self.compiled.as_ref().map_or(0, Compiled::len) + self.bag.len()
    }

    /// Every entry, the image's first.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FlagSet)> + '_ {
        let compiled = self.compiled.iter().flat_map(move |c| {
            (0..c.len()).filter_map(move |i| {
                let (stem, flags) = c.entry(i)?;
                let stem = core::str::from_utf8(stem).ok()?;
                let shadowed = self.shadowed.iter().any(|s| AsRef::<str>::as_ref(s) == stem);
                (!shadowed).then_some((stem, flags))
            })
        });
        compiled.chain(self.bag.iter().map(|(stem, flags)| (stem.as_ref(), flags)))
    }
}

impl<S: BuildHasher> WordList<S> {
    pub fn with_capacity_and_hasher(capacity: usize, build_hasher: S) -> Self {
        Self {
            compiled: None,
            bag: HashBag::with_capacity_and_hasher(capacity, build_hasher),
            shadowed: Vec::new(),
        }
    }

    pub fn insert(&mut self, k: Stem, v: FlagSet) {
        self.bag.insert(k, v);
    }

    /// Every entry whose stem is `key`.
    pub fn get<'bag, 'key>(&'bag self, key: &'key str) -> GetIter<'bag, 'key> {
        let compiled = self
            .compiled
            .as_ref()
            .filter(|_| !self.shadowed.iter().any(|s| AsRef::<str>::as_ref(s) == key));
        let hash = compiled.map_or(0, |_| hash(key.as_bytes()));
        let slot = compiled.map_or(0, |c| hash as usize & (c.slots.len() / 4 - 1));
        let bits = compiled.map_or(0, |c| index_bits(c.len()));
        GetIter {
            compiled: CompiledIter {
                compiled,
                key,
                slot,
                tag: tag(hash, bits),
                index_mask: u32::MAX.checked_shr(32 - bits).unwrap_or(0),
            },
            // An empty bag (no word added) is not hashed into.
            bag: (self.bag.len() > 0).then(|| self.bag.get(key)),
        }
    }

    /// Adds `flag` to every flag set of the stem `word` that lacks `flag`; whether any did.
    pub fn add_flag(&mut self, word: &str, flag: Flag) -> bool {
        let from_image: Vec<FlagSet> = self
            .get(word)
            .compiled
            .map(|(_, flags)| flags.clone())
            .collect();
        if !from_image.is_empty() {
            self.shadowed.push(word.into());
            for flags in from_image {
                self.bag.insert(word.into(), flags);
            }
        }
        let mut changed = false;
        for flags in self.bag.get_mut(word) {
            if !flags.contains(&flag) {
                changed = true;
                *flags = flags.with_flag(flag);
            }
        }
        changed
    }
}

impl<S: BuildHasher> WordSink for WordList<S> {
    fn insert(&mut self, word: Stem, flagset: FlagSet) {
        self.bag.insert(word, flagset);
    }
}

/// The entries of one stem: the image's, then the bag's.
pub(crate) struct GetIter<'bag, 'key> {
    compiled: CompiledIter<'bag, 'key>,
    bag: Option<hash_bag::GetAllIter<'bag, 'key, str, Stem, FlagSet>>,
}

impl<'bag> Iterator for GetIter<'bag, '_> {
    type Item = (&'bag str, &'bag FlagSet);

    fn next(&mut self) -> Option<Self::Item> {
        self.compiled
            .next()
            .or_else(|| {
                let (stem, flags) = self.bag.as_mut()?.next()?;
                Some((stem.as_ref(), flags))
            })
    }
}
