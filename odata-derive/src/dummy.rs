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
    generate: impl FnOnce(&Valid) -> Output,
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
/// `{Entity}Patch`), and impls that sit in the `const _`.
#[derive(Default)]
pub struct Output {
    pub beside: TokenStream,
    pub hidden: TokenStream,
}

impl Output {
    fn into_tokens(self) -> TokenStream {
        let Output { beside, hidden } = self;
        let hidden = wrap(hidden);
        quote!(#beside #hidden)
    }
}

/// Generated impls sit in an anonymous const, so that their helper items and imports never
/// meet the user's names.
pub fn wrap(items: TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, unused_variables, clippy::all)]
        const _: () = {
            #items
        };
    }
}
