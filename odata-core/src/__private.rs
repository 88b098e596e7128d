//! Items that generated code names: a derive imports this module once per type as
//! `__odata` (`use ::odata::__private as __odata;` at the head of its `const _`) and names
//! everything through it, the standard items below included.
//! Not public API: anything here may change in any release.

pub use serde;
/// The error of reading a return value.
pub type JsonError = serde_json::Error;
pub use serde_json::Value;

pub use crate::open::{Kept, KeptMut};
pub use crate::operation::{FunctionParameters, UnknownBinding};

pub use crate::__odata_described as described;
pub use crate::csdl::describe::{own_properties, Described, Probe, UntypedProbe};
pub use crate::enum_type::{deserialize_enum, member_index, serialize_enum, write_enum_literal, OtherMember};
pub use crate::key::append_named_key;
pub use crate::patch::{debug_patch, serialize_patch, Diff, PatchChanges};
pub use crate::polymorphic::{
    append_raw_key, properties_of_type, OtherVariant, Polymorphic, PolymorphicVisitor,
};
pub use crate::returns::enum_from_body;
pub use crate::structured::{
    concat_properties, read_value, redeclared, redeclared_property, required, serialize_structured, BaseType,
    EntityBase, Hierarchy, Keeps, MemberKey, MemberKeySeed, MissingProperty, NameTable, Slot, Structured,
    StructuredVisitor, TypeTable,
};
pub use crate::wire::{
    in_property, missing_property, write_property, DeserializeResult, ReadResult, SerializeResult,
    TypeAnnotationSeed, View, WriteResult, Writer, TYPE_ANNOTATION,
};

// The facade's and the standard library's items that generated code names, so that each is
// one identifier after `__odata::` rather than a path of four: an entity crate holds
// thousands of them per hundred types.
pub use crate::query::Prop;
pub use crate::{Change, Property};
pub use core::clone::Clone;
pub use core::cmp::PartialEq;
pub use core::convert::From;
pub use core::default::Default;
pub use core::fmt::{self, Debug, Formatter};
pub use core::marker::PhantomData;
pub use core::ops::Deref;
pub use core::option::Option::{self, None, Some};
pub use core::primitive::{bool, str, u8, usize};
pub use core::result::Result::{self, Err, Ok};
pub use std::borrow::ToOwned;
pub use std::string::String;
pub use std::vec::Vec;
