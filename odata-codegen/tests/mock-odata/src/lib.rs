//! The names a generated crate uses from `odata`, as plain types.

pub use odata_mock_derive::{ODataComplex, ODataEnum, ODataOperation, ODataResource};

macro_rules! value_types {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name(pub String);
    )*};
}
value_types!(
    Int64,
    Decimal,
    Guid,
    Date,
    TimeOfDay,
    Duration,
    DateTimeOffset,
    Binary,
    Stream,
    Geo,
    Annotations,
    RawObject
);

#[derive(Debug, Clone, PartialEq)]
pub struct Flags<E>(pub Vec<E>);

pub mod json {
    #[derive(Debug, Clone, PartialEq)]
    pub enum Value {
        Null,
        String(String),
    }

    pub type Map = std::collections::BTreeMap<String, Value>;
}
