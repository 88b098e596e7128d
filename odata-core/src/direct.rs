//! Reading through `erased_serde` without a heap allocation per value.
//!
//! `erased_serde` hands every visitor's value back through a type-erased box, which allocates
//! for any value larger than two words (a `String`, an `Option<String>`, a date). [`Direct`]
//! wraps a deserializer so that each visitor it is given stores its value in a slot on the
//! caller's stack and returns `()`, which crosses the erased boundary without an allocation.
//! Sequences and maps are wrapped the same way, element by element.

use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

/// A deserializer whose visitors return their values on the stack.
pub(crate) struct Direct<D>(pub(crate) D);

/// The value a visitor returned, or the error for a visitor that returned none.
fn taken<T, E: de::Error>(out: Option<T>) -> Result<T, E> {
    out.ok_or_else(|| E::custom("a value was not read"))
}

macro_rules! forward {
    ($($method:ident($($argument:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($argument: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                let mut out = None;
                self.0.$method($($argument,)* Capture { visitor, out: &mut out })?;
                taken(out)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Direct<D> {
    type Error = D::Error;

    forward! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor that stores what `visitor` returns in `out`.
struct Capture<'o, V, T> {
    visitor: V,
    out: &'o mut Option<T>,
}

macro_rules! capture {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<(), E> {
                *self.out = Some(self.visitor.$method(value)?);
                Ok(())
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Capture<'_, V, V::Value> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    capture! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_borrowed_str(&'de str);
        visit_string(String);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.out = Some(self.visitor.visit_none()?);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        *self.out = Some(self.visitor.visit_unit()?);
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.out = Some(self.visitor.visit_some(Direct(deserializer))?);
        Ok(())
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.out = Some(self.visitor.visit_newtype_struct(Direct(deserializer))?);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        *self.out = Some(self.visitor.visit_seq(DirectAccess(seq))?);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        *self.out = Some(self.visitor.visit_map(DirectAccess(map))?);
        Ok(())
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        *self.out = Some(self.visitor.visit_enum(data)?);
        Ok(())
    }
}

/// A seed that stores what `seed` returns in `out`, read through a [`Direct`] deserializer.
struct CaptureSeed<'o, S, T> {
    seed: S,
    out: &'o mut Option<T>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for CaptureSeed<'_, S, S::Value> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.out = Some(self.seed.deserialize(Direct(deserializer))?);
        Ok(())
    }
}

/// A sequence or map whose elements are read through [`Direct`] deserializers.
struct DirectAccess<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for DirectAccess<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        let mut out = None;
        match self.0.next_element_seed(CaptureSeed { seed, out: &mut out })? {
            Some(()) => taken(out).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for DirectAccess<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let mut out = None;
        match self.0.next_key_seed(CaptureSeed { seed, out: &mut out })? {
            Some(()) => taken(out).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        let mut out = None;
        self.0.next_value_seed(CaptureSeed { seed, out: &mut out })?;
        taken(out)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}
