use odata::query::Query;
use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: String,
    #[odata(navigation)]
    pub manager: Option<Box<User>>,
}

fn main() {
    let user = User::fields();
    // Inside `$expand(...)` the ABNF allows neither a skip token nor a custom option.
    let _ = Query::<User>::new().expand_with(user.manager, |manager| manager.skip_token("abc"));
    let _ = Query::<User>::new().expand_with(user.manager, |manager| manager.option("tag", "x"));
}
