//! The typed model of a derive input: every `#[odata(...)]` attribute parsed once, with the
//! user's tokens kept for error spans. Parsing reports malformed and unknown attributes;
//! rules that relate attributes to each other live in [`crate::check`].

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, LitBool, LitStr, Token, Type};

use crate::attr::{
    for_each_key, option_argument, set_flag, set_lit_str, set_once, skip_value, unknown_key, CommonSettings,
    NamedMember, Setting, CRATE, OTHER, RENAME, RENAME_ALL, TYPE,
};
use crate::errors::Errors;

/// Which derive is expanding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    Resource,
    Complex,
}

impl Derive {
    pub fn name(self) -> &'static str {
        match self {
            Derive::Resource => "ODataResource",
            Derive::Complex => "ODataComplex",
        }
    }
}

/// Container attribute keys.
pub const COLLECTION: &str = "collection";
pub const SINGLETON: &str = "singleton";
pub const PATCH: &str = "patch";
pub const CONTAINER_KEYS: &[&str] = &[TYPE, COLLECTION, SINGLETON, RENAME_ALL, CRATE, PATCH];

/// Field attribute keys.
pub const KEY: &str = "key";
pub const READ_ONLY: &str = "read_only";
pub const BASE: &str = "base";
pub const ADDITIONAL: &str = "additional";
pub const ANNOTATIONS: &str = "annotations";
pub const NAVIGATION: &str = "navigation";
pub const FIELD_KEYS: &[&str] = &[KEY, READ_ONLY, RENAME, NAVIGATION, BASE, ADDITIONAL, ANNOTATIONS];

/// Variant attribute keys.
const VARIANT_KEYS: &[&str] = &[OTHER];

pub struct Container<'a> {
    pub input: &'a DeriveInput,
    pub derive: Derive,
    pub type_name: Option<Setting<LitStr>>,
    pub collection: Option<Setting<LitStr>>,
    pub singleton: Option<Setting<LitStr>>,
    /// `patch = false`: no `{Entity}Patch` and no `Patchable`.
    pub patch: Option<Setting<bool>>,
    pub common: CommonSettings,
    /// Keys the user wrote but that could not be read: a value that is not a string, or a
    /// misspelled key that is a near miss of this one. Validation does not call them missing.
    pub attempted: Vec<&'static str>,
    /// `None` when the input is not a struct with named fields (see [`crate::check`]).
    pub fields: Option<Vec<Field<'a>>>,
    /// `None` when the input is not an enum.
    pub variants: Option<Vec<Variant<'a>>>,
    /// The standard traits that a `#[derive]` below this derive's lists.
    pub derived_after: DerivedAfter,
}

/// The standard traits (of those a patch implements when its entity's property types do)
/// that a `#[derive]` attribute below the one holding this derive lists. Rustc hands a derive
/// the attributes that follow its own `#[derive]`, but not the traits listed beside it, so
/// these are the traits the type is known to get from the standard derives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DerivedAfter {
    pub debug: bool,
    pub clone: bool,
    pub partial_eq: bool,
}

impl DerivedAfter {
    fn parse(attrs: &[Attribute]) -> Self {
        let mut derived = DerivedAfter::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
            // A malformed `#[derive]` is rustc's to report; here it lists nothing.
            let Ok(paths) = attr.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated) else {
                continue;
            };
            for path in &paths {
                derived.note(path);
            }
        }
        derived
    }

    /// Notes the trait of the standard derive that `path` names: `Debug`, `Clone` or
    /// `PartialEq`, alone or by its full path through `core` or `std`. Another path may name
    /// another derive.
    fn note(&mut self, path: &syn::Path) {
        if path.segments.iter().any(|segment| !segment.arguments.is_none()) {
            return;
        }
        let segments: Vec<String> = path.segments.iter().map(|segment| segment.ident.to_string()).collect();
        let (name, module) = match segments.as_slice() {
            [name] if path.leading_colon.is_none() => (name, None),
            [krate, module, name] if krate == "core" || krate == "std" => (name, Some(module)),
            _ => return,
        };
        let (derived, trait_module) = match name.as_str() {
            "Debug" => (&mut self.debug, "fmt"),
            "Clone" => (&mut self.clone, "clone"),
            "PartialEq" => (&mut self.partial_eq, "cmp"),
            _ => return,
        };
        if module.is_none_or(|module| module == trait_module) {
            *derived = true;
        }
    }
}

/// A variant of an enum over the types of a hierarchy.
pub struct Variant<'a> {
    pub variant: &'a syn::Variant,
    /// The type a newtype variant holds; `None` for any other shape of variant.
    pub ty: Option<&'a Type>,
    /// `#[odata(other)]`: the variant that keeps values of unknown types.
    pub other: Option<Span>,
}

pub struct Field<'a> {
    pub named: NamedMember<'a>,
    pub vis: &'a syn::Visibility,
    pub ty: &'a Type,
    pub key: Option<Span>,
    pub read_only: Option<Span>,
    /// `#[odata(navigation)]`: read when expanded, never sent.
    pub navigation: Option<Span>,
    /// `#[odata(base)]`: the field holds the base type's value, its properties flattened.
    pub base: Option<Span>,
    /// `#[odata(additional)]`: the map of undeclared properties.
    pub additional: Option<Span>,
    /// `#[odata(annotations)]`: the instance annotations.
    pub annotations: Option<Span>,
    /// `T` when declared as `Option<T>`: absent reads as `None`, `None` is not written.
    pub option_of: Option<&'a Type>,
    /// Field keys the user wrote but that could not be read (see [`Container::attempted`]).
    pub attempted: Vec<&'static str>,
}

impl<'a> Container<'a> {
    pub fn parse(input: &'a DeriveInput, derive: Derive, errors: &mut Errors) -> Self {
        let mut container = Container {
            input,
            derive,
            type_name: None,
            collection: None,
            singleton: None,
            patch: None,
            common: CommonSettings::default(),
            attempted: Vec::new(),
            fields: None,
            variants: None,
            derived_after: DerivedAfter::parse(&input.attrs),
        };
        for_each_key(&input.attrs, errors, |key, meta, errors| match key {
            TYPE => set_lit_str(&mut container.type_name, TYPE, meta, errors, &mut container.attempted),
            COLLECTION => {
                set_lit_str(&mut container.collection, COLLECTION, meta, errors, &mut container.attempted)
            }
            SINGLETON => {
                set_lit_str(&mut container.singleton, SINGLETON, meta, errors, &mut container.attempted)
            }
            PATCH => match parse_bool(meta, errors) {
                Some(value) => set_once(&mut container.patch, meta, errors, value),
                None => container.attempted.push(PATCH),
            },
            _ if container.common.parse(key, meta, errors) => {}
            _ => container.attempted.extend(unknown_key(meta, key, "container", CONTAINER_KEYS, errors)),
        });
        match &input.data {
            Data::Struct(data) => {
                if let Fields::Named(named) = &data.fields {
                    let fields = named.named.iter().filter_map(|field| Field::parse(field, errors)).collect();
                    container.fields = Some(fields);
                }
            }
            Data::Enum(data) => {
                container.variants =
                    Some(data.variants.iter().map(|variant| Variant::parse(variant, errors)).collect());
            }
            Data::Union(_) => {}
        }
        container
    }

    /// Whether an entity struct gets `{Entity}Patch` and `Patchable` (`patch = false` opts out).
    pub fn wants_patch(&self) -> bool {
        self.patch.as_ref().is_none_or(|patch| patch.value)
    }
}

/// `key = true` or `key = false`; `None` once the error is reported and the value skipped.
fn parse_bool(meta: &syn::meta::ParseNestedMeta<'_>, errors: &mut Errors) -> Option<bool> {
    let key = crate::attr::meta_key(meta);
    let parsed = match meta.value() {
        Ok(value) => value.parse::<LitBool>().map(|lit| lit.value).map_err(|error| {
            syn::Error::new(error.span(), format_args!("expected `true` or `false`: `{key} = false`"))
        }),
        Err(_) => Err(syn::Error::new(
            crate::attr::key_span(meta),
            format_args!("expected a value: `{key} = false`"),
        )),
    };
    parsed
        .map_err(|error| {
            errors.push(error);
            skip_value(meta);
        })
        .ok()
}

impl<'a> Field<'a> {
    fn parse(field: &'a syn::Field, errors: &mut Errors) -> Option<Self> {
        let mut parsed_field = Field {
            named: NamedMember { ident: field.ident.as_ref()?, rename: None },
            vis: &field.vis,
            ty: &field.ty,
            key: None,
            read_only: None,
            navigation: None,
            base: None,
            additional: None,
            annotations: None,
            option_of: option_argument(&field.ty),
            attempted: Vec::new(),
        };
        for_each_key(&field.attrs, errors, |key, meta, errors| match key {
            KEY => set_flag(&mut parsed_field.key, meta, errors),
            READ_ONLY => set_flag(&mut parsed_field.read_only, meta, errors),
            NAVIGATION => set_flag(&mut parsed_field.navigation, meta, errors),
            BASE => set_flag(&mut parsed_field.base, meta, errors),
            ADDITIONAL => set_flag(&mut parsed_field.additional, meta, errors),
            ANNOTATIONS => set_flag(&mut parsed_field.annotations, meta, errors),
            RENAME => {
                let mut attempted = Vec::new();
                set_lit_str(&mut parsed_field.named.rename, RENAME, meta, errors, &mut attempted);
            }
            _ => parsed_field.attempted.extend(unknown_key(meta, key, "field", FIELD_KEYS, errors)),
        });
        Some(parsed_field)
    }

    pub fn ident(&self) -> &'a Ident {
        self.named.ident
    }
}

impl<'a> Variant<'a> {
    fn parse(variant: &'a syn::Variant, errors: &mut Errors) -> Self {
        let ty = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => Some(&fields.unnamed[0].ty),
            _ => None,
        };
        let mut parsed = Variant { variant, ty, other: None };
        for_each_key(&variant.attrs, errors, |key, meta, errors| match key {
            OTHER => set_flag(&mut parsed.other, meta, errors),
            _ => {
                unknown_key(meta, key, "variant", VARIANT_KEYS, errors);
            }
        });
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(path: &str) -> DerivedAfter {
        let mut derived = DerivedAfter::default();
        derived.note(&syn::parse_str(path).unwrap());
        derived
    }

    #[test]
    fn the_standard_derives_are_known_by_name_or_full_path_only() {
        assert_eq!(named("Clone"), DerivedAfter { clone: true, ..DerivedAfter::default() });
        assert_eq!(named("core::fmt::Debug"), DerivedAfter { debug: true, ..DerivedAfter::default() });
        assert_eq!(
            named("::std::cmp::PartialEq"),
            DerivedAfter { partial_eq: true, ..DerivedAfter::default() }
        );
        for other in
            ["serde::Serialize", "my::Clone", "std::cmp::Clone", "::Clone", "Eq", "Hash", "core::Clone"]
        {
            assert_eq!(named(other), DerivedAfter::default(), "{other}");
        }
    }

    #[test]
    fn only_a_derive_below_this_one_is_seen() {
        let input: DeriveInput = syn::parse_quote! {
            #[odata(type = "a.b")]
            #[derive(Debug, serde::Serialize)]
            #[derive(core::clone::Clone)]
            #[doc = "Clone"]
            struct S;
        };
        let derived = DerivedAfter::parse(&input.attrs);
        assert_eq!(derived, DerivedAfter { debug: true, clone: true, partial_eq: false });
        let malformed: DeriveInput = syn::parse_quote! {
            #[derive(PartialEq = 1)]
            struct T;
        };
        assert_eq!(DerivedAfter::parse(&malformed.attrs), DerivedAfter::default());
    }
}
