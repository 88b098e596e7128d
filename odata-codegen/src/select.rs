//! The `--types` selection: names to type ids.

use crate::model::{self, Model};
use crate::Error;

/// The types a selection names, every unknown name reported at once.
pub fn select(model: &Model, names: &[String]) -> Result<Vec<model::TypeId>, Error> {
    let default = &model.schemas[model.default_schema].namespace;
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for name in names.iter().map(|name| name.trim()) {
        let qualified = match name.rsplit_once('.') {
            Some((namespace, simple)) => {
                let namespace = model
                    .schemas
                    .iter()
                    .find(|schema| {
                        schema.namespace == namespace || schema.alias.as_deref() == Some(namespace)
                    })
                    .map(|schema| schema.namespace.as_str())
                    .unwrap_or(namespace);
                format!("{namespace}.{simple}")
            }
            None => format!("{default}.{name}"),
        };
        match model.types.iter().position(|ty| ty.qualified_name == qualified) {
            Some(id) => ids.push(id),
            None => {
                let similar =
                    model.types.iter().find(|ty| ty.qualified_name.eq_ignore_ascii_case(&qualified));
                let hint =
                    similar.map(|ty| format!(" (did you mean `{}`?)", ty.qualified_name)).unwrap_or_default();
                unknown.push(format!("`{name}`{hint}"));
            }
        }
    }
    if ids.is_empty() && unknown.is_empty() {
        return Err(Error::Config("the type selection is empty".into()));
    }
    if !unknown.is_empty() {
        return Err(Error::Config(format!(
            "unknown type{} in the selection: {} (use qualified names such as `{default}.user`, or names of the default namespace `{default}`)",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", ")
        )));
    }
    Ok(ids)
}
