//! What `#[derive(ODataOperation)]` emits when its input is wrong: the errors, plus impls
//! whose bodies never run, so that code invoking the operation reports nothing but the real
//! mistake. The binding is a stand-in entity type: the user's may be the very mistake.

use proc_macro2::TokenStream;
use quote::quote;

use super::parse::Operation;

pub fn stubs(operation: &Operation<'_>) -> TokenStream {
    let input = operation.input;
    let ident = &input.ident;
    let krate = operation.common.facade();
    // With the input's own generics (an error of their own, reported above).
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let kind = if operation.function.is_some() && operation.action.is_none() {
        quote!(#krate::OperationKind::Function)
    } else {
        quote!(#krate::OperationKind::Action)
    };
    // An action derives `Serialize`; a function does not, and may have a `Serialize` of the
    // user's that a stub would clash with.
    let serialize = operation.function.is_none().then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::__private::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S>(&self, _: __S) -> ::core::result::Result<<__S as #krate::__private::serde::Serializer>::Ok, <__S as #krate::__private::serde::Serializer>::Error>
                where
                    __S: #krate::__private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }
        }
    });
    quote! {
            #[automatically_derived]
            impl #impl_generics #krate::ODataOperation for #ident #ty_generics #where_clause {
                type Binding = #krate::__private::UnknownBinding;
                type Output = ();
                const DESCRIPTION: #krate::csdl::OperationDescription = #krate::csdl::OperationDescription {
                    name: "",
                    kind: #kind,
                    binding: #krate::csdl::EdmType::UNKNOWN,
                    parameters: &[],
                    returns: ::core::option::Option::None,
                };
            }
            #serialize

            #[automatically_derived]
            impl #impl_generics #krate::EntityBound for #ident #ty_generics #where_clause {}

            #[automatically_derived]
            impl #impl_generics #krate::CollectionBound for #ident #ty_generics #where_clause {}
    }
}
