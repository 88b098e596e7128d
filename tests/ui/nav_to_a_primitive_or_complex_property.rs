use odata::{ODataComplex, ODataResource, Service};

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.physicalAddress")]
pub struct PhysicalAddress {
    pub city: Option<String>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: String,
    pub display_name: Option<String>,
    pub address: Option<PhysicalAddress>,
    pub business_phones: Option<Vec<String>>,
}

fn main() {
    let user = Service::new("https://graph.microsoft.com/v1.0").entity::<User>("1");
    // A primitive property leads nowhere a request can go on.
    let _ = user.nav(User::fields().display_name);
    // Nor does a complex one, or a collection of primitives.
    let _ = user.nav(User::fields().address);
    let _ = user.nav(User::fields().business_phones);
}
