//! The hrefs of a view in the order `Targets` numbers them: the order of first use in the
//! view's JSON form, where a map's `href` comes before everything inside the map and the
//! map's entries follow in the order of their keys (serde_json sorts them). Found by
//! serialising the view into this collector, which keeps only the hrefs and the keys
//! that order them, instead of into a JSON copy of the whole view: the copy and its drop
//! were 0.18 G instructions of a 10x build (issue 17). `links::tests` holds the two to
//! the same answer on real views.

use std::borrow::Cow;

use serde::ser::{self, Serialize};

/// What a value gave: the hrefs inside it, in order, and the value itself when it is a
/// string (its parent map's `href` is a string).
#[derive(Default)]
pub struct Found {
    pub hrefs: Vec<String>,
    string: Option<String>,
}

/// A value the collector does not read as serde_json would (a map key that is not a
/// string): the caller takes the JSON route then.
#[derive(Debug)]
pub struct Unlike;

impl std::fmt::Display for Unlike {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value the href collector does not read")
    }
}

impl std::error::Error for Unlike {}

impl ser::Error for Unlike {
    fn custom<T: std::fmt::Display>(_: T) -> Unlike {
        Unlike
    }
}

/// The collector (a serde serializer). `keep`: whether a string is kept (a map's key,
/// or the value of an `href`); the text of the view is only looked through.
#[derive(Clone, Copy)]
pub struct Hrefs {
    keep: bool,
}

/// The collector for a value under `key`.
fn under(key: &str) -> Hrefs {
    Hrefs {
        keep: key == "href",
    }
}

const LOOK: Hrefs = Hrefs { keep: false };

/// The hrefs of `value` in the order described above.
pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<Vec<String>, Unlike> {
    value.serialize(LOOK).map(|f| f.hrefs)
}

/// A sequence: its items' hrefs one after the other.
#[derive(Default)]
pub struct Seq(Vec<String>);

/// An enum variant with fields, as serde_json writes it: `{variant: [fields]}`.
pub struct VariantSeq(&'static str, Seq);

/// An enum variant with named fields: `{variant: {fields}}`.
pub struct VariantMap(&'static str, Map);

/// A map (or struct): its entries that hold an href, ordered by key when it ends. A
/// struct's keys are borrowed: a copy of every field's name, and the sort of every
/// map's entries, were most of the collector's cost (a copy per segment of the text;
/// issue 17).
#[derive(Default)]
pub struct Map {
    entries: Vec<(Cow<'static, str>, Found)>,
    key: Option<String>,
}

impl Map {
    fn entry(&mut self, key: Cow<'static, str>, value: Found) {
        if value.hrefs.is_empty() && value.string.is_none() {
            // A value without an href adds nothing; it only hides an earlier value of
            // the same key (serde_json keeps a repeated key's last value).
            if !self.entries.is_empty() {
                self.entries.retain(|(k, _)| *k != key);
            }
            return;
        }
        self.entries.push((key, value));
    }

    fn done(mut self) -> Found {
        if self.entries.is_empty() {
            return Found::default();
        }
        // serde_json's map: sorted by key, the last value of a key repeated.
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Cow<'static, str>, Found)> = Vec::with_capacity(self.entries.len());
        for (k, v) in self.entries {
            match kept.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => kept.push((k, v)),
            }
        }
        let mut hrefs = Vec::new();
        if let Some((
            _,
            Found {
                string: Some(h), ..
            },
        )) = kept.iter().find(|(k, _)| k == "href")
        {
            hrefs.push(h.clone());
        }
        for (_, v) in kept {
            hrefs.extend(v.hrefs);
        }
        Found {
            hrefs,
            string: None,
        }
    }
}

/// One entry `{variant: value}`, as serde_json writes an enum variant with data.
fn variant(name: &'static str, value: Found) -> Found {
    let mut m = Map::default();
    m.entry(Cow::Borrowed(name), value);
    m.done()
}

/// Serializer methods for values that hold no href.
macro_rules! nothing_in {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, _: $t) -> Result<Found, Unlike> {
            Ok(Found::default())
        })*
    };
}

impl Hrefs {
    fn string(self, s: &str) -> Found {
        Found {
            hrefs: Vec::new(),
            string: self.keep.then(|| s.to_string()),
        }
    }
}

impl ser::Serializer for Hrefs {
    type Ok = Found;
    type Error = Unlike;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = VariantSeq;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = VariantMap;

    // Numbers and booleans hold no href.
    nothing_in!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_f32: f32,
        serialize_f64: f64
    );
    fn serialize_char(self, c: char) -> Result<Found, Unlike> {
        Ok(self.string(&c.to_string()))
    }
    fn serialize_str(self, s: &str) -> Result<Found, Unlike> {
        Ok(self.string(s))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Found, Unlike> {
        Ok(Found::default())
    }
    fn serialize_none(self) -> Result<Found, Unlike> {
        Ok(Found::default())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Found, Unlike> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Found, Unlike> {
        Ok(Found::default())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Found, Unlike> {
        Ok(Found::default())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Found, Unlike> {
        Ok(self.string(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Found, Unlike> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        v: &T,
    ) -> Result<Found, Unlike> {
        Ok(variant(name, v.serialize(under(name))?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq, Unlike> {
        Ok(Seq::default())
    }
    fn serialize_tuple(self, _: usize) -> Result<Seq, Unlike> {
        Ok(Seq::default())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Seq, Unlike> {
        Ok(Seq::default())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        _: usize,
    ) -> Result<VariantSeq, Unlike> {
        Ok(VariantSeq(name, Seq::default()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map, Unlike> {
        Ok(Map::default())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Map, Unlike> {
        Ok(Map::default())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        _: usize,
    ) -> Result<VariantMap, Unlike> {
        Ok(VariantMap(name, Map::default()))
    }
}

impl Seq {
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unlike> {
        self.0.extend(v.serialize(LOOK)?.hrefs);
        Ok(())
    }

    fn done(self) -> Found {
        Found {
            hrefs: self.0,
            string: None,
        }
    }
}

/// The three kinds of sequence serde tells apart are one here.
macro_rules! seq_like {
    ($kind:ident, $method:ident) => {
        impl ser::$kind for Seq {
            type Ok = Found;
            type Error = Unlike;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unlike> {
                self.item(v)
            }
            fn end(self) -> Result<Found, Unlike> {
                Ok(self.done())
            }
        }
    };
}

seq_like!(SerializeSeq, serialize_element);
seq_like!(SerializeTuple, serialize_element);
seq_like!(SerializeTupleStruct, serialize_field);

impl ser::SerializeTupleVariant for VariantSeq {
    type Ok = Found;
    type Error = Unlike;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unlike> {
        self.1.item(v)
    }
    fn end(self) -> Result<Found, Unlike> {
        Ok(variant(self.0, self.1.done()))
    }
}

impl ser::SerializeMap for Map {
    type Ok = Found;
    type Error = Unlike;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Unlike> {
        // serde_json also takes numbers and booleans as keys, as text; the views have
        // none, and the caller takes the JSON route if one ever does.
        match k.serialize(Hrefs { keep: true })? {
            Found {
                string: Some(k), ..
            } => {
                self.key = Some(k);
                Ok(())
            }
            _ => Err(Unlike),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unlike> {
        let key = self.key.take().ok_or(Unlike)?;
        let value = v.serialize(under(&key))?;
        self.entry(Cow::Owned(key), value);
        Ok(())
    }
    fn end(self) -> Result<Found, Unlike> {
        Ok(self.done())
    }
}

impl ser::SerializeStruct for Map {
    type Ok = Found;
    type Error = Unlike;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unlike> {
        let value = v.serialize(under(key))?;
        self.entry(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<Found, Unlike> {
        Ok(self.done())
    }
}

impl ser::SerializeStructVariant for VariantMap {
    type Ok = Found;
    type Error = Unlike;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unlike> {
        let value = v.serialize(under(key))?;
        self.1.entry(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<Found, Unlike> {
        Ok(variant(self.0, self.1.done()))
    }
}
