//! Code generation from a valid operation: `ODataOperation`, and for an action
//! `serde::Serialize` (its JSON body). Generated code sits in `const _: () = { ... }` and
//! names runtime items through its alias `__odata` (see `dummy::Output`).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens as _};
use syn::spanned::Spanned as _;

use super::check::{Kind, ValidOperation};
use crate::dummy::Output;
use crate::expand::{write_properties_in_order, write_property_call};

pub fn generate<'o>(operation: &'o ValidOperation<'_>) -> Output<'o> {
    let ValidOperation { ident, krate, binding, .. } = operation;
    // Spanned on the user's type, so that a type that is no return value is reported there.
    let output = match &operation.returns {
        Some(returns) => quote_spanned!(returns.span()=> #returns),
        None => quote!(()),
    };
    let bound = if operation.collection_bound { quote!(CollectionBound) } else { quote!(EntityBound) };
    // No parameters: the trait's empty list.
    let parameters = (!operation.parameters.is_empty()).then(|| {
        let wire_names = operation.parameters.iter().map(|parameter| &parameter.wire_name);
        quote!(const PARAMETERS: &'static [&'static __odata::str] = &[#(#wire_names),*];)
    });
    let description = description(operation);
    // Spanned on the user's path, so that "`X: ODataResource` is not satisfied" points at it.
    let binding = quote_spanned!(binding.span()=> #binding);
    // Each kind writes its parameters in one place; the other method is the trait's.
    let write_parameters = match operation.kind {
        // An action without parameters writes `{}`, as the trait's method does.
        Kind::Action if operation.parameters.is_empty() => TokenStream::new(),
        Kind::Action => {
            let body = action_body(operation);
            quote! {
                fn __serialize_parameters<__S>(&self, __serializer: __S) -> __odata::SerializeResult<__S>
                where
                    __S: __odata::serde::Serializer,
                {
                    #body
                }
            }
        }
        Kind::Function => {
            let parameters = function_parameters(operation);
            // Inline, as every per-type function that only a caller needs: compiled where the
            // function is called, not for each of the operations of an entity crate.
            quote! {
                #[inline]
                fn __append_parameters(&self, __parameters: &mut __odata::FunctionParameters<'_>) {
                    #parameters
                }
            }
        }
    };
    let serialize = (operation.kind == Kind::Action).then(|| {
        quote! {
            #[automatically_derived]
            impl __odata::serde::Serialize for #ident {
                fn serialize<__S>(&self, __serializer: __S) -> __odata::SerializeResult<__S>
                where
                    __S: __odata::serde::Serializer,
                {
                    <Self as #krate::ODataOperation>::__serialize_parameters(self, __serializer)
                }
            }
        }
    });
    let hidden = quote! {
            // `Probe::<T>::EDM` falls back to this trait's constant for a type with no Edm type.
            #[allow(unused_imports)]
            use __odata::UntypedProbe as _;

            #[automatically_derived]
            impl #krate::ODataOperation for #ident {
                type Binding = #binding;
                type Output = #output;
                const DESCRIPTION: #krate::csdl::OperationDescription = #description;
                #parameters

                #write_parameters
            }
            #serialize

            #[automatically_derived]
            impl #krate::#bound for #ident {}
    };
    Output { krate, beside: TokenStream::new(), hidden }
}

/// An action's parameters as a JSON object by wire name; `None` members left out. Each is
/// written by the runtime's `write_property`, as an entity's properties are.
fn action_body(operation: &ValidOperation<'_>) -> TokenStream {
    // The map's type is the serializer's associated type: left to inference.
    let map = quote!(_);
    let writes = write_properties_in_order(operation.parameters.iter().map(|parameter| {
        let value_ty = parameter.value_ty;
        write_property_call(
            value_ty.span(),
            quote!(#value_ty),
            &map,
            &parameter.wire_name,
            quote!(true),
            parameter.member,
        )
    }));
    quote! {
        let mut __map = __odata::serde::Serializer::serialize_map(__serializer, __odata::None)?;
        let __object = &mut __map;
        #writes
        __writer.written?;
        __odata::serde::ser::SerializeMap::end(__map)
    }
}

/// A function's parameters as `name=literal` pairs, every one written (`None` as `null`).
fn function_parameters(operation: &ValidOperation<'_>) -> TokenStream {
    let pushes = operation.parameters.iter().map(|parameter| {
        let member = parameter.member;
        let name = &parameter.wire_name;
        // Spanned on the field's type, so that "`T` cannot be a function parameter" points
        // at it in the user's struct.
        let ty = parameter.ty;
        quote_spanned! {ty.span()=>
            __odata::FunctionParameters::push::<#ty>(__parameters, #name, &self.#member);
        }
    });
    quote!(#(#pushes)*)
}

/// The operation's [`OperationDescription`]: data only. The binding and the return type are
/// named through the trait's associated types, so that a path the user got wrong is reported
/// once, where `type Binding` names it.
fn description(operation: &ValidOperation<'_>) -> TokenStream {
    let krate = &operation.krate;
    let name = &operation.name;
    let kind = match operation.kind {
        Kind::Action => quote!(#krate::OperationKind::Action),
        Kind::Function => quote!(#krate::OperationKind::Function),
    };
    let probe = |ty: TokenStream| quote!(<__odata::Probe<#ty>>::EDM);
    let binding = probe(quote!(<Self as #krate::ODataOperation>::Binding));
    let collection_bound = operation.collection_bound;
    let returns = match &operation.returns {
        Some(_) => {
            let edm = probe(quote!(<Self as #krate::ODataOperation>::Output));
            quote!(__odata::Some(#edm))
        }
        None => quote!(__odata::None),
    };
    let parameters = operation.parameters.iter().map(|parameter| {
        let name = &parameter.wire_name;
        let field = parameter.member.to_string();
        let edm = probe(parameter.ty.to_token_stream());
        quote!(#krate::csdl::ParameterDescription { name: #name, field: #field, edm: #edm })
    });
    quote! {
        #krate::csdl::OperationDescription {
            name: #name,
            kind: #kind,
            binding: #krate::csdl::EdmType { collection: #collection_bound, ..#binding },
            parameters: &[#(#parameters),*],
            returns: #returns,
        }
    }
}
