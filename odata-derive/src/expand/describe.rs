//! What CSDL needs of a struct, as data: its `TypeDescription` (name, kind, base, own
//! properties with their Edm types and Rust fields, key, openness) in `Described`, and
//! `EdmTyped` pointing at it. Apart from `ODataType::PROPERTIES`, which the runtime walks, and
//! only with odata's `csdl` feature ([`only_with_csdl`]): an entity crate pays for
//! descriptions only in a build that asks for CSDL.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::{Held, Model};
use crate::parse::Derive;

pub fn described(model: &Model<'_>) -> TokenStream {
    only_with_csdl(|| {
        let Model { ident, krate, type_name, .. } = model;
        let csdl = quote!(#krate::csdl);
        let kind = match model.derive {
            Derive::Resource => quote!(#csdl::TypeKind::Entity),
            Derive::Complex => quote!(#csdl::TypeKind::Complex),
        };
        let (base, base_properties) = match &model.base {
            Some(base) => {
                let ty = base.ty;
                (
                    quote!(<#ty as __odata::Structured>::DESCRIBE),
                    quote!(<#ty as __odata::Structured>::ALL_PROPERTIES),
                )
            }
            None => (quote!(__odata::None), quote!(&[])),
        };
        // The key belongs to the type that declares it, not to the types derived from it.
        let keys =
            model.properties.iter().filter(|property| property.key).map(|property| &property.wire_name);
        let open = matches!(model.undeclared_properties(), Held::Own(_));
        let property_types = model.properties.iter().map(|property| {
            let ty = property.ty;
            let field = crate::attr::plain(property.member);
            quote!(#csdl::PropertyType { edm: <__odata::Probe<#ty>>::EDM, field: #field })
        });
        let path = |path: &Option<String>| match path {
            Some(path) => quote!(__odata::Some(#path)),
            None => quote!(__odata::None),
        };
        let (collection, singleton) = (path(&model.collection), path(&model.singleton));
        // `Probe::<T>::EDM` falls back to `UntypedProbe`'s constant for a type with no Edm type.
        quote! {
            #[allow(unused_imports)]
            use __odata::UntypedProbe as _;

            #[automatically_derived]
            impl __odata::Described for #ident {
                const DESCRIPTION: #csdl::TypeDescription = #csdl::TypeDescription {
                    base: #base,
                    properties: __odata::own_properties(<#ident as #krate::ODataType>::PROPERTIES, #base_properties),
                    property_types: &[#(#property_types),*],
                    keys: &[#(#keys),*],
                    open: #open,
                    collection: #collection,
                    singleton: #singleton,
                    ..#csdl::TypeDescription::named(#type_name, #kind)
                };
            }

            #[automatically_derived]
            impl #csdl::EdmTyped for #ident {
                const EDM: #csdl::EdmType = #csdl::EdmType::described(<#ident as __odata::Described>::description);
            }
        }
    })
}

/// `description` with this crate's `csdl` feature (switched with odata-core's by the facade's
/// `csdl`), nothing without it: an entity crate compiles descriptions only in a build that
/// asks for CSDL. Decided here, not by a macro of odata-core's, so that a wrong `crate = "..."`
/// path stays one error; and before the description is generated, which costs the derive as
/// much time as a type's writer.
pub fn only_with_csdl(description: impl FnOnce() -> TokenStream) -> TokenStream {
    if cfg!(feature = "csdl") {
        description()
    } else {
        TokenStream::new()
    }
}
