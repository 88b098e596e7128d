//! Code generation for an enumeration type: `ODataEnum`, `serde::Serialize` and
//! `serde::Deserialize` (through the runtime's member reader), and `ODataLiteral`.

use proc_macro2::TokenStream;
use quote::quote;

use super::check::ValidEnum;
use super::parse::EnumType;
use crate::dummy::Output;
use crate::expand::qualified;

pub fn generate(valid: &ValidEnum<'_>) -> Output {
    let ValidEnum { ident, krate, type_name, .. } = valid;
    let private = quote!(#krate::__private);
    let (other, other_ty) = valid.other;
    let names: Vec<&String> = valid.members.iter().map(|(_, name)| name).collect();
    let idents: Vec<&syn::Ident> = valid.members.iter().map(|(ident, _)| *ident).collect();
    let indexes = 0..valid.members.len();
    let other_name = qualified(other_ty, quote!(#private::OtherMember), quote!(name));
    let other_from = qualified(other_ty, quote!(#private::OtherMember), quote!(from_name));
    let described = crate::expand::describe::only_with_csdl(|| {
        quote! {
            #[automatically_derived]
            impl #private::Described for #ident {
                const DESCRIPTION: #krate::csdl::TypeDescription = #krate::csdl::TypeDescription {
                    members: <#ident as #krate::ODataEnum>::MEMBERS,
                    ..#krate::csdl::TypeDescription::named(#type_name, #krate::csdl::TypeKind::Enum)
                };
            }

            #[automatically_derived]
            impl #krate::csdl::EdmTyped for #ident {
                const EDM: #krate::csdl::EdmType =
                    #krate::csdl::EdmType::described(<#ident as #private::Described>::description);
            }
        }
    });
    let hidden = quote! {
        #described

        #[automatically_derived]
        impl #krate::ODataEnum for #ident {
            const TYPE_NAME: &'static ::core::primitive::str = #type_name;
            const MEMBERS: &'static [&'static ::core::primitive::str] = &[#(#names),*];

            // Inline, as every function of an enumeration: compiled only where a program uses
            // it, not for each of the thousand enumerations of an entity crate.
            #[inline]
            fn as_str(&self) -> &::core::primitive::str {
                match self {
                    #(#ident::#idents => #names,)*
                    #ident::#other(__name) => #other_name(__name),
                }
            }

            // The name is found in `MEMBERS` by the runtime, then its index picks the variant:
            // a match on integers is a fraction of the code of a match on strings.
            #[inline]
            fn from_name(__name: &::core::primitive::str) -> Self {
                match #private::member_index(<Self as #krate::ODataEnum>::MEMBERS, __name) {
                    #(::core::option::Option::Some(#indexes) => #ident::#idents,)*
                    _ => #ident::#other(#other_from(__name)),
                }
            }
        }

        #[automatically_derived]
        impl #private::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<<__S as #krate::__private::serde::Serializer>::Ok, <__S as #krate::__private::serde::Serializer>::Error>
            where
                __S: #private::serde::Serializer,
            {
                #private::serialize_enum(self, __serializer)
            }
        }

        #[automatically_derived]
        impl<'de> #private::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, <__D as #krate::__private::serde::Deserializer<'de>>::Error>
            where
                __D: #private::serde::Deserializer<'de>,
            {
                #private::deserialize_enum::<Self, __D>(__deserializer)
            }
        }

        #[automatically_derived]
        impl #krate::ODataLiteral for #ident {
            #[inline]
            fn write_literal(&self, __literal: &mut ::std::string::String) {
                #private::write_enum_literal(#type_name, #krate::ODataEnum::as_str(self), __literal)
            }
        }

        #[automatically_derived]
        impl #krate::ReturnValue for #ident {
            // Inline: compiled only where an operation returns this enumeration.
            #[inline]
            fn __from_body(__body: &[::core::primitive::u8]) -> ::core::result::Result<Self, #private::JsonError> {
                #private::enum_from_body(__body)
            }
        }
    };
    Output { beside: TokenStream::new(), hidden }
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
