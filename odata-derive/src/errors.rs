//! Collects every error of one expansion, so that the user sees them all at once.

use std::fmt::Display;

use quote::ToTokens;

/// The errors of one expansion. It must be finished with [`Errors::finish`]: dropping it
/// unfinished is a bug of the derive (a recorded error would be lost), and panics, as serde's
/// `Ctxt` does.
pub struct Errors {
    errors: Option<Vec<syn::Error>>,
}

impl Errors {
    pub fn new() -> Self {
        Errors { errors: Some(Vec::new()) }
    }

    pub fn push(&mut self, error: syn::Error) {
        self.errors.as_mut().expect("errors pushed after `finish`").push(error);
    }

    pub fn spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    pub fn at(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// All errors as one, or `None` when there were none.
    pub fn finish(mut self) -> Option<syn::Error> {
        let errors = self.errors.take().expect("`finish` called twice");
        errors.into_iter().reduce(|mut all, error| {
            all.combine(error);
            all
        })
    }
}

impl Drop for Errors {
    fn drop(&mut self) {
        if self.errors.is_some() && !std::thread::panicking() {
            panic!("odata-derive bug: errors were collected but never reported (call `Errors::finish`)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Errors;

    #[test]
    fn finish_combines_every_error() {
        let mut errors = Errors::new();
        errors.at(proc_macro2::Span::call_site(), "first");
        errors.at(proc_macro2::Span::call_site(), "second");
        let combined = errors.finish().expect("two errors");
        let messages: Vec<String> = combined.into_iter().map(|error| error.to_string()).collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(Errors::new().finish().is_none());
    }

    #[test]
    #[should_panic(expected = "never reported")]
    fn dropping_unfinished_errors_is_a_bug() {
        let mut errors = Errors::new();
        errors.at(proc_macro2::Span::call_site(), "lost");
    }
}
