//! Code generation for an enumeration type: `ODataEnum`, `serde::Serialize` and
//! `serde::Deserialize` (through the runtime's member reader), and `ODataLiteral`.

use proc_macro2::TokenStream;
use quote::quote;

use super::check::ValidEnum;
use super::parse::EnumType;
use crate::dummy::Output;
use crate::expand::qualified;

pub fn generate<'v>(valid: &'v ValidEnum<'_>) -> Output<'v> {
    let ValidEnum { ident, krate, type_name, .. } = valid;
    let (other, other_ty) = valid.other;
    let names: Vec<&String> = valid.members.iter().map(|(_, name)| name).collect();
    let idents: Vec<&syn::Ident> = valid.members.iter().map(|(ident, _)| *ident).collect();
    let indexes = 0..valid.members.len();
    let other_name = qualified(other_ty, quote!(__odata::OtherMember), quote!(name));
    let other_from = qualified(other_ty, quote!(__odata::OtherMember), quote!(from_name));
    let described = crate::expand::describe::only_with_csdl(|| {
        quote! {
            #[automatically_derived]
            impl __odata::Described for #ident {
                const DESCRIPTION: #krate::csdl::TypeDescription = #krate::csdl::TypeDescription {
                    members: <#ident as #krate::ODataEnum>::MEMBERS,
                    ..#krate::csdl::TypeDescription::named(#type_name, #krate::csdl::TypeKind::Enum)
                };
            }

            #[automatically_derived]
            impl #krate::csdl::EdmTyped for #ident {
                const EDM: #krate::csdl::EdmType =
                    #krate::csdl::EdmType::described(<#ident as __odata::Described>::description);
            }
        }
    });
    let hidden = quote! {
        #described

        #[automatically_derived]
        impl #krate::ODataEnum for #ident {
            const TYPE_NAME: &'static __odata::str = #type_name;
            const MEMBERS: &'static [&'static __odata::str] = &[#(#names),*];

            // Inline, as every function of an enumeration: compiled only where a program uses
            // it, not for each of the thousand enumerations of an entity crate.
            #[inline]
            fn as_str(&self) -> &__odata::str {
                match self {
                    #(#ident::#idents => #names,)*
                    #ident::#other(__name) => #other_name(__name),
                }
            }

            // The name is found in `MEMBERS` by the runtime, then its index picks the variant:
            // a match on integers is a fraction of the code of a match on strings.
            #[inline]
            fn from_name(__name: &__odata::str) -> Self {
                match __odata::member_index(<Self as #krate::ODataEnum>::MEMBERS, __name) {
                    #(__odata::Some(#indexes) => #ident::#idents,)*
                    _ => #ident::#other(#other_from(__name)),
                }
            }
        }

        #[automatically_derived]
        impl __odata::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> __odata::SerializeResult<__S>
            where
                __S: __odata::serde::Serializer,
            {
                __odata::serialize_enum(self, __serializer)
            }
        }

        #[automatically_derived]
        impl<'de> __odata::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> __odata::DeserializeResult<'de, __D, Self>
            where
                __D: __odata::serde::Deserializer<'de>,
            {
                __odata::deserialize_enum::<Self, __D>(__deserializer)
            }
        }

        #[automatically_derived]
        impl #krate::ODataLiteral for #ident {
            #[inline]
            fn write_literal(&self, __literal: &mut __odata::String) {
                __odata::write_enum_literal(#type_name, #krate::ODataEnum::as_str(self), __literal)
            }
        }

        #[automatically_derived]
        impl #krate::ReturnValue for #ident {
            // Inline: compiled only where an operation returns this enumeration.
            #[inline]
            fn __from_body(__body: &[__odata::u8]) -> __odata::Result<Self, __odata::JsonError> {
                __odata::enum_from_body(__body)
            }
        }
    };
    Output { krate, beside: TokenStream::new(), hidden }
}

/// When the input is wrong: impls whose bodies never run, so that code using the enum
/// reports nothing but the real mistake.
pub fn stubs(parsed: &EnumType<'_>) -> TokenStream {
    let input = parsed.input;
    let ident = &input.ident;
    let krate = parsed.common.facade();
    let serde = crate::dummy::serde_stubs(input, &krate);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::ODataEnum for #ident #ty_generics #where_clause {
            const TYPE_NAME: &'static ::core::primitive::str = "";
            const MEMBERS: &'static [&'static ::core::primitive::str] = &[];

            fn as_str(&self) -> &::core::primitive::str {
                ::core::unreachable!()
            }

            fn from_name(_: &::core::primitive::str) -> Self {
                ::core::unreachable!()
            }
        }

        #serde

        #[automatically_derived]
        impl #impl_generics #krate::ODataLiteral for #ident #ty_generics #where_clause {
            fn write_literal(&self, _: &mut ::std::string::String) {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics #krate::ReturnValue for #ident #ty_generics #where_clause {
            fn __from_body(_: &[::core::primitive::u8]) -> ::core::result::Result<Self, #krate::__private::JsonError> {
                ::core::unreachable!()
            }
        }
    }
}
