//! The schema as CSDL: what the derives record of each type ([`TypeDescription`],
//! [`EdmType`]), a `Document` that writes the annotated types as CSDL XML 4.0 or CSDL JSON
//! 4.01, and a service's `Metadata` that checks them. The description types are always here;
//! the derives fill them, and `Document` and `Metadata` exist, only with the `csdl` feature, so
//! that an entity crate pays for descriptions only in a build that asks for CSDL.

pub(crate) mod describe;

#[cfg(feature = "csdl")]
mod document;
#[cfg(feature = "csdl")]
mod metadata;

pub use describe::{
    DescribedProperty, EdmTarget, EdmType, EdmTyped, OperationDescription, ParameterDescription,
    PropertyType, TypeDescription, TypeKind,
};
#[cfg(feature = "csdl")]
pub use document::Document;
#[cfg(feature = "csdl")]
pub use metadata::{Finding, FindingKind, Metadata, MetadataError, Report};
