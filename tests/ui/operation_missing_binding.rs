use odata::ODataOperation;

#[derive(ODataOperation)]
#[odata(action = "createToken")]
pub struct CreateToken {
    pub token_validity_in_seconds: i32,
}

fn main() {}
