use odata::{ODataComplex, ODataResource, ODataType, Service};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User<T> {
    #[odata(key)]
    pub id: Option<String>,
    pub extra: T,
}

#[derive(ODataComplex)]
#[odata(type = "Contoso.Borrowed")]
pub struct Borrowed<'a> {
    pub name: &'a str,
}

// The generics are the one error: using the types as OData types reports nothing more.
fn main() {
    let user = User { id: None, extra: 1 };
    let _ = Service::new("https://graph.microsoft.com/v1.0").create(&user);
    let _ = User::<u8>::TYPE_NAME;
    let _ = Borrowed::PROPERTIES;
}
