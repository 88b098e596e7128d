//! The one shape of every derive's output: parse, validate, then either generate from the
//! valid model or report the errors beside impls whose bodies never run (so that code using
//! the type reports nothing but the real mistake), all inside one `const _: () = { ... }`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;

/// Runs one derive: `parse` reads the attributes into a model, `validate` checks it and
/// yields what `generate` expands; when anything was reported, `fallback` stands in.
pub fn run<'a, Parsed, Valid>(
    input: &'a syn::DeriveInput,
    parse: impl FnOnce(&'a syn::DeriveInput, &mut Errors) -> Parsed,
    validate: impl FnOnce(&Parsed, &mut Errors) -> Option<Valid>,
    generate: impl FnOnce(&Valid) -> Output<'_>,
    fallback: impl FnOnce(&Parsed) -> TokenStream,
) -> TokenStream {
    let mut errors = Errors::new();
    let parsed = parse(input, &mut errors);
    let valid = validate(&parsed, &mut errors);
    match (errors.finish(), valid) {
        (None, Some(valid)) => generate(&valid).into_tokens(),
        (error, _) => {
            // Validation yields no model only after reporting why.
            let error = error.unwrap_or_else(|| syn::Error::new_spanned(&input.ident, "invalid input"));
            let errors = error.to_compile_error();
            let stubs = wrap(fallback(&parsed));
            quote!(#errors #stubs)
        }
    }
}

/// What a valid model expands to: items users name (beside the type, such as
/// `{Entity}Patch`), and impls that sit in the `const _`, which name the runtime (`krate`'s
/// `__private`) as `__odata`.
pub struct Output<'a> {
    pub krate: &'a syn::Path,
    pub beside: TokenStream,
    pub hidden: TokenStream,
}

impl Output<'_> {
    /// The alias is imported once per type so that each of the hundreds of runtime paths
    /// that a type's impls name is one identifier instead of the facade's path: a fifth of
    /// the tokens the derives emit, which the compiler parses, resolves and stores for every
    /// type of an entity crate. As serde's derives import `_serde`, it cannot meet a user's
    /// name outside the block.
    fn into_tokens(self) -> TokenStream {
        let Output { krate, beside, hidden } = self;
        let hidden = wrap(quote! {
            use #krate::__private as __odata;
            #hidden
        });
        quote!(#beside #hidden)
    }
}

/// Generated impls sit in an anonymous const, so that their helper items and imports never
/// meet the user's names.
pub fn wrap(items: TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_imports, unused_qualifications, unused_variables, clippy::all)]
        const _: () = {
            #items
        };
    }
}

/// `serde::Serialize` and `serde::Deserialize` impls whose bodies never run, for a fallback:
/// code that reads or writes the type reports nothing but the real mistake.
pub fn serde_stubs(input: &syn::DeriveInput, krate: &syn::Path) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut de_generics = input.generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('__de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    let serde = quote!(#krate::__private::serde);
    quote! {
        #[automatically_derived]
        impl #impl_generics #serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<__S>(&self, _: __S) -> ::core::result::Result<<__S as #serde::Serializer>::Ok, <__S as #serde::Serializer>::Error>
            where
                __S: #serde::Serializer,
            {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #de_impl_generics #serde::Deserialize<'__de> for #ident #ty_generics #where_clause {
            fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, <__D as #serde::Deserializer<'__de>>::Error>
            where
                __D: #serde::Deserializer<'__de>,
            {
                ::core::unreachable!()
            }
        }
    }
}
