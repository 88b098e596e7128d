use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key = true)]
    pub id: Option<String>,
    #[odata(read_only(yes))]
    pub created_date_time: Option<String>,
}

fn main() {}
