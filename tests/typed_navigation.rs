//! Navigation by typed handles: `nav` takes the handle of a navigation property of the path's
//! type and leads to the right kind of path; `cast` writes the derived type's segment.

use odata::{CollectionPath, EntityPath, ODataComplex, ODataResource, Service};

#[derive(Debug, Clone, PartialEq, ODataComplex)]
#[odata(type = "microsoft.graph.physicalAddress")]
pub struct PhysicalAddress {
    pub city: Option<String>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.directoryObject", collection = "/directoryObjects")]
pub struct DirectoryObject {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(base)]
    pub base: DirectoryObject,
    pub display_name: Option<String>,
    pub address: Option<PhysicalAddress>,
    #[odata(navigation)]
    pub manager: Option<Box<DirectoryObject>>,
    #[odata(navigation)]
    pub member_of: Option<Vec<DirectoryObject>>,
    #[odata(navigation)]
    pub messages: Option<Vec<Message>>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.employee")]
pub struct Employee {
    #[odata(base)]
    pub base: User,
    #[odata(navigation)]
    pub mentor: Option<Box<User>>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.group")]
pub struct Group {
    #[odata(base)]
    pub base: DirectoryObject,
    #[odata(navigation)]
    pub members: Option<Vec<DirectoryObject>>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.message")]
pub struct Message {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(navigation)]
    pub attachments: Option<Vec<Attachment>>,
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.attachment")]
pub struct Attachment {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

const ROOT: &str = "https://graph.microsoft.com/v1.0";

#[test]
fn a_collection_valued_handle_leads_to_a_collection_and_a_single_valued_one_to_an_entity() {
    let service = Service::new(ROOT);
    let adele = service.entity::<User>("adele@contoso.com");
    let messages: CollectionPath<Message> = adele.nav(User::fields().messages);
    assert_eq!(messages.url(), format!("{ROOT}/users/adele%40contoso.com/messages"));
    let attachments = messages.key("AAM=").nav(Message::fields().attachments);
    assert_eq!(attachments.url(), format!("{ROOT}/users/adele%40contoso.com/messages/AAM%3D/attachments"));
    let manager: EntityPath<DirectoryObject> = adele.nav(User::fields().manager);
    assert_eq!(manager.url(), format!("{ROOT}/users/adele%40contoso.com/manager"));
}

#[test]
fn nav_writes_the_same_url_as_the_unchecked_navigate() {
    let service = Service::new(ROOT);
    let adele = service.entity::<User>("a");
    assert_eq!(adele.nav(User::fields().member_of), adele.navigate::<DirectoryObject>("memberOf"));
    assert_eq!(adele.nav(User::fields().manager), adele.navigate_one::<DirectoryObject>("manager"));
}

#[test]
fn a_derived_type_navigates_through_its_own_and_its_bases_properties() {
    let service = Service::new(ROOT);
    let employee = service.entity::<User>("e").cast::<Employee>();
    assert_eq!(employee.url(), format!("{ROOT}/users/e/microsoft.graph.employee"));
    let mentor: EntityPath<User> = employee.nav(Employee::fields().mentor);
    assert_eq!(mentor.url(), format!("{ROOT}/users/e/microsoft.graph.employee/mentor"));
    // `messages` is `User`'s, reached through `Deref`; its owner is `Employee`.
    let messages: CollectionPath<Message> = employee.nav(Employee::fields().messages);
    assert_eq!(messages.url(), format!("{ROOT}/users/e/microsoft.graph.employee/messages"));
}

#[test]
fn a_collection_is_cast_to_the_derived_type_it_lists() {
    let service = Service::new(ROOT);
    let groups = service.entity::<User>("u").nav(User::fields().member_of).cast::<Group>();
    assert_eq!(groups.url(), format!("{ROOT}/users/u/memberOf/microsoft.graph.group"));
    let members = groups.key("g1").nav(Group::fields().members);
    assert_eq!(members.url(), format!("{ROOT}/users/u/memberOf/microsoft.graph.group/g1/members"));
}
