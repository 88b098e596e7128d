//! Derives that accept `#[odata(...)]` and check the types that attributes name.

use proc_macro::{Delimiter, TokenStream, TokenTree};

/// For each `binding = T` or `returns = T` of a container `#[odata(...)]`, a closure that
/// names `T`, so that a path that does not resolve is a compile error.
fn attribute_type_checks(input: TokenStream) -> TokenStream {
    let mut checks = String::new();
    for token in input {
        let TokenTree::Group(attribute) = token else { continue };
        if attribute.delimiter() != Delimiter::Bracket {
            continue;
        }
        let inner: Vec<TokenTree> = attribute.stream().into_iter().collect();
        let [TokenTree::Ident(name), TokenTree::Group(arguments)] = inner.as_slice() else { continue };
        if name.to_string() != "odata" {
            continue;
        }
        let arguments: Vec<TokenTree> = arguments.stream().into_iter().collect();
        for part in arguments.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
            let key = part.first().map(ToString::to_string).unwrap_or_default();
            if (key == "binding" || key == "returns") && part.len() > 2 {
                let ty: TokenStream = part[2..].iter().cloned().collect();
                checks.push_str(&format!(
                    "const _: fn() = || {{ let _: ::core::option::Option<{ty}> = ::core::option::Option::None; }};"
                ));
            }
        }
    }
    checks.parse().unwrap()
}

#[proc_macro_derive(ODataResource, attributes(odata))]
pub fn resource(input: TokenStream) -> TokenStream {
    attribute_type_checks(input)
}

#[proc_macro_derive(ODataComplex, attributes(odata))]
pub fn complex(input: TokenStream) -> TokenStream {
    attribute_type_checks(input)
}

#[proc_macro_derive(ODataEnum, attributes(odata))]
pub fn enumeration(input: TokenStream) -> TokenStream {
    attribute_type_checks(input)
}

#[proc_macro_derive(ODataOperation, attributes(odata))]
pub fn operation(input: TokenStream) -> TokenStream {
    attribute_type_checks(input)
}
