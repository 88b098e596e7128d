use odata::ODataResource;

/// A property type without `PartialEq`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Opaque(i32);

// The base compares by its key alone, by hand; its patch is not `PartialEq`, as `Opaque` is not.
#[derive(Debug, Clone, ODataResource)]
#[odata(type = "microsoft.graph.vault", collection = "/vaults")]
pub struct Vault {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub secret: Option<Opaque>,
}

impl PartialEq for Vault {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

// `PartialEq` derived below `ODataResource`: the patch's `PartialEq` has no `where` clause, so
// the base's patch must be `PartialEq` too. The error is on the base's type.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.labeledVault")]
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledVault {
    #[odata(base)]
    pub base: Vault,
    pub label: Option<String>,
}

fn main() {}
