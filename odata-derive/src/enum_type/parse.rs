//! The typed model of an enumeration type: every `#[odata(...)]` attribute parsed once, the
//! user's tokens kept for error spans.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, LitStr, Type};

use crate::attr::{
    for_each_key, set_flag, set_lit_str, unknown_key, CommonSettings, Setting, CRATE, OTHER, RENAME,
    RENAME_ALL, TYPE,
};
use crate::errors::Errors;

const CONTAINER_KEYS: &[&str] = &[TYPE, RENAME_ALL, CRATE];
const MEMBER_KEYS: &[&str] = &[RENAME, OTHER];

pub struct EnumType<'a> {
    pub input: &'a DeriveInput,
    pub type_name: Option<Setting<LitStr>>,
    pub common: CommonSettings,
    pub attempted: Vec<&'static str>,
    /// `None` when the input is not an enum (see [`super::check`]).
    pub members: Option<Vec<Member<'a>>>,
}

pub struct Member<'a> {
    pub variant: &'a syn::Variant,
    pub rename: Option<Setting<LitStr>>,
    /// `#[odata(other)]`: the variant that keeps a member this crate does not know.
    pub other: Option<Span>,
    /// The type a newtype variant holds.
    pub ty: Option<&'a Type>,
}

impl<'a> EnumType<'a> {
    pub fn parse(input: &'a DeriveInput, errors: &mut Errors) -> Self {
        let mut parsed = EnumType {
            input,
            type_name: None,
            common: CommonSettings::default(),
            attempted: Vec::new(),
            members: None,
        };
        for_each_key(&input.attrs, errors, |key, meta, errors| match key {
            TYPE => set_lit_str(&mut parsed.type_name, TYPE, meta, errors, &mut parsed.attempted),
            _ if parsed.common.parse(key, meta, errors) => {}
            _ => parsed.attempted.extend(unknown_key(meta, key, "enumeration", CONTAINER_KEYS, errors)),
        });
        if let Data::Enum(data) = &input.data {
            parsed.members =
                Some(data.variants.iter().map(|variant| Member::parse(variant, errors)).collect());
        }
        parsed
    }
}

impl<'a> Member<'a> {
    fn parse(variant: &'a syn::Variant, errors: &mut Errors) -> Self {
        let ty = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => Some(&fields.unnamed[0].ty),
            _ => None,
        };
        let mut member = Member { variant, rename: None, other: None, ty };
        for_each_key(&variant.attrs, errors, |key, meta, errors| match key {
            RENAME => set_lit_str(&mut member.rename, RENAME, meta, errors, &mut Vec::new()),
            OTHER => set_flag(&mut member.other, meta, errors),
            _ => {
                unknown_key(meta, key, "member", MEMBER_KEYS, errors);
            }
        });
        member
    }
}
