//! `ODataType` and `ODataResource` impls: names, metadata and the view-aware writer.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::check::Model;
use crate::model::Derive;

pub fn odata_type(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, type_name, .. } = model;
    let properties = model.properties.iter().map(|property| {
        let name = &property.wire_name;
        let read_only = property.read_only.then(|| quote!(.read_only()));
        let key = property.key.then(|| quote!(.key()));
        let optional = property.optional.then(|| quote!(.optional()));
        quote!(#krate::Property::new(#name) #read_only #key #optional)
    });
    let annotation = match model.derive {
        // What Graph writes: `#` at the top of an entity, none inside a complex value.
        Derive::Resource => format!("#{type_name}"),
        Derive::Complex => type_name.clone(),
    };
    let property_count = model.properties.len() + 1;
    let writes = model.properties.iter().map(|property| {
        let member = property.member;
        let name = &property.wire_name;
        // The value's type is named in the call, so that "`T: Serialize` is not satisfied"
        // points at that type in the user's struct; it is the only spanned use of it here.
        let value_ty = property.value_ty;
        let value = if property.optional { quote!(__value) } else { quote!(&self.#member) };
        let write = quote_spanned! {value_ty.span()=>
            #krate::__private::serde::ser::SerializeStruct::serialize_field::<#value_ty>(
                &mut __object, #name, #value,
            )?;
        };
        let write = if property.optional {
            quote! {
                if let ::core::option::Option::Some(__value) = &self.#member {
                    #write
                }
            }
        } else {
            write
        };
        if property.read_only {
            quote!(if __view.writes_read_only() { #write })
        } else if property.key {
            quote!(if __view.writes_key() { #write })
        } else {
            write
        }
    });
    quote! {
        #[automatically_derived]
        impl #krate::ODataType for #ident {
            const TYPE_NAME: &'static ::core::primitive::str = #type_name;
            const PROPERTIES: &'static [#krate::Property] = &[#(#properties),*];

            fn __serialize_view<__S>(
                &self,
                __serializer: __S,
                __view: #krate::__private::View,
            ) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #krate::__private::serde::Serializer,
            {
                let mut __object = #krate::__private::serde::Serializer::serialize_struct(
                    __serializer,
                    #type_name,
                    #property_count,
                )?;
                #krate::__private::serde::ser::SerializeStruct::serialize_field(
                    &mut __object,
                    #krate::__private::TYPE_ANNOTATION,
                    #annotation,
                )?;
                #(#writes)*
                #krate::__private::serde::ser::SerializeStruct::end(__object)
            }
        }
    }
}

pub fn odata_resource(model: &Model<'_>) -> TokenStream {
    let Model { ident, krate, .. } = model;
    let (Some(collection), Some(key)) = (&model.collection, model.key()) else {
        return TokenStream::new();
    };
    let member = key.member;
    let append_key = if key.optional {
        quote_spanned! {key.ty.span()=>
            match &self.#member {
                ::core::option::Option::Some(__key) => {
                    #krate::ODataKey::append_key(__key, __path, __style);
                    true
                }
                ::core::option::Option::None => false,
            }
        }
    } else {
        quote_spanned! {key.ty.span()=>
            #krate::ODataKey::append_key(&self.#member, __path, __style);
            true
        }
    };
    let key = &key.wire_name;
    quote! {
        #[automatically_derived]
        impl #krate::ODataResource for #ident {
            const COLLECTION_PATH: &'static ::core::primitive::str = #collection;
            const KEY: &'static ::core::primitive::str = #key;

            fn __append_key(&self, __path: &mut ::std::string::String, __style: #krate::KeyStyle) -> ::core::primitive::bool {
                #append_key
            }
        }
    }
}
