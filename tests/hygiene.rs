//! The derives' generated code names everything by absolute path: it expands in a module
//! that shadows the prelude, `serde`, `std` and `core`, without a warning, and the types it
//! derives write and read the same JSON as their twins declared in an ordinary module. The
//! `#[odata(crate = "...")]` override works through a re-export of the facade.

/// The same two types as in [`shadowed`], declared where every name means what it usually
/// does.
mod plain {
    use odata::{Binary, DateTimeOffset, ODataComplex, ODataResource};

    #[derive(Debug, Clone, PartialEq, ODataResource)]
    #[odata(type = "microsoft.graph.device", collection = "/devices")]
    pub struct Device {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: String,
        pub r#type: Option<String>,
        pub tags: Vec<String>,
        pub enrolled: bool,
        pub count: Option<i32>,
        #[odata(read_only)]
        pub created_date_time: Option<DateTimeOffset>,
        #[odata(rename = "osVersion")]
        pub operating_system_version: Option<String>,
        pub photo: Option<Photo>,
    }

    #[derive(Debug, Clone, PartialEq, ODataComplex)]
    #[odata(type = "microsoft.graph.photo", rename_all = "PascalCase")]
    pub struct Photo {
        pub content_type: String,
        pub content: Option<Binary>,
    }
}

#[deny(warnings)]
mod shadowed {
    // Every name that generated code could pick up from the caller's scope, shadowed.
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Default;
    pub struct Self_;
    #[allow(non_camel_case_types)]
    pub struct str;
    #[allow(non_camel_case_types)]
    pub struct usize;
    #[allow(non_camel_case_types)]
    pub struct bool;
    pub mod serde {
        pub struct Serialize;
        pub struct Deserialize;
        pub struct Serializer;
        pub struct Deserializer;
    }
    pub mod std {
        pub struct Marker;
    }
    pub mod core {
        pub struct Marker;
    }
    pub mod odata {
        pub struct Marker;
    }
    pub struct Change;
    pub struct Annotations;
    pub struct RawObject;
    pub struct Value;

    /// Each name as written here and the type it resolves to in this module, where the
    /// derives below expand: a name that did not resolve to this module's item would not
    /// shadow anything. (Using each also leaves `deny(warnings)` no dead code to report.)
    pub fn shadows() -> ::std::vec::Vec<(&'static ::core::primitive::str, &'static ::core::primitive::str)> {
        macro_rules! resolved {
            ($($name:path),* $(,)?) => {
                ::std::vec![$((::core::stringify!($name), ::core::any::type_name_of_val(&$name))),*]
            };
        }
        resolved! {
            Result, Option, Some, None, Ok, Err, String, Vec, Box, Default, Self_, str, usize, bool,
            serde::Serialize, serde::Deserialize, serde::Serializer, serde::Deserializer,
            std::Marker, core::Marker, odata::Marker, Change, Annotations, RawObject, Value,
        }
    }

    #[derive(Debug, Clone, PartialEq, ::odata::ODataResource)]
    #[odata(type = "microsoft.graph.device", collection = "/devices")]
    pub struct Device {
        #[odata(key, read_only)]
        pub id: ::core::option::Option<::std::string::String>,
        pub display_name: ::std::string::String,
        pub r#type: ::core::option::Option<::std::string::String>,
        pub tags: ::std::vec::Vec<::std::string::String>,
        pub enrolled: ::core::primitive::bool,
        pub count: ::core::option::Option<i32>,
        #[odata(read_only)]
        pub created_date_time: ::core::option::Option<::odata::DateTimeOffset>,
        #[odata(rename = "osVersion")]
        pub operating_system_version: ::core::option::Option<::std::string::String>,
        pub photo: ::core::option::Option<Photo>,
    }

    #[derive(Debug, Clone, PartialEq, ::odata::ODataComplex)]
    #[odata(type = "microsoft.graph.photo", rename_all = "PascalCase")]
    pub struct Photo {
        pub content_type: ::std::string::String,
        pub content: ::core::option::Option<::odata::Binary>,
    }

    /// A derived type that keeps undeclared properties and annotations, and an enum over
    /// the hierarchy.
    #[derive(Debug, Clone, PartialEq, ::odata::ODataResource)]
    #[odata(type = "microsoft.graph.kioskDevice")]
    pub struct KioskDevice {
        #[odata(base)]
        pub device: Device,
        pub kiosk_mode: ::core::option::Option<::core::primitive::bool>,
        #[odata(additional)]
        pub rest: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        #[odata(annotations)]
        pub annotations: ::odata::Annotations,
    }

    #[derive(Debug, Clone, PartialEq, ::odata::ODataResource)]
    #[odata(type = "microsoft.graph.device", collection = "/devices")]
    pub enum AnyDevice {
        Device(Device),
        Kiosk(KioskDevice),
        #[odata(other)]
        Other(::odata::RawObject),
    }
}

/// `Self` in a field type names the struct, also where generated code sits inside impls of
/// other types (the deserializer's visitor).
#[deny(warnings)]
mod recursive {
    #[derive(Debug, Clone, PartialEq, odata::ODataComplex)]
    #[odata(type = "Contoso.Folder")]
    pub struct Folder {
        pub name: String,
        pub children: Vec<Self>,
        pub parent: Option<Box<Self>>,
        pub pinned: Option<Vec<Folder>>,
    }

    /// An entity's patch is a struct of its own too: `Self` in its field types and its diff
    /// names the entity.
    #[derive(Debug, Clone, PartialEq, odata::ODataResource)]
    #[odata(type = "Contoso.Category", collection = "/Categories")]
    pub struct Category {
        #[odata(key)]
        pub id: String,
        pub parent: Option<Box<Self>>,
        pub children: Vec<Self>,
    }
}

/// A crate that re-exports the facade, as an SDK built on `odata` would.
pub mod deps {
    pub use ::odata;
}

/// Types derived through the re-export, with `crate = "..."` naming it.
#[deny(warnings)]
mod reexported {
    use crate::deps::odata::{ODataComplex, ODataResource};

    #[derive(Debug, Clone, PartialEq, ODataResource)]
    #[odata(crate = "crate::deps::odata", type = "Contoso.Sales.Order", collection = "/Orders")]
    pub struct Order {
        #[odata(key)]
        pub order_number: String,
        pub lines: Vec<OrderLine>,
        pub note: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, ODataComplex)]
    #[odata(type = "Contoso.Sales.OrderLine", crate = "crate::deps::odata")]
    pub struct OrderLine {
        pub sku: String,
        pub quantity: i32,
    }
}

use odata::{Binary, ODataResource, ODataType};

fn plain_device() -> plain::Device {
    plain::Device {
        id: Some("d-1".into()),
        display_name: "Kiosk".into(),
        r#type: None,
        tags: vec!["lobby".into(), "front desk".into()],
        enrolled: true,
        count: Some(3),
        created_date_time: Some("2017-01-01T00:02:43.5775965-08:00".parse().unwrap()),
        operating_system_version: Some("14.1".into()),
        photo: Some(plain::Photo {
            content_type: "image/png".into(),
            content: Some(Binary::from(b"png".to_vec())),
        }),
    }
}

fn shadowed_device() -> shadowed::Device {
    shadowed::Device {
        id: Some("d-1".into()),
        display_name: "Kiosk".into(),
        r#type: None,
        tags: vec!["lobby".into(), "front desk".into()],
        enrolled: true,
        count: Some(3),
        created_date_time: Some("2017-01-01T00:02:43.5775965-08:00".parse().unwrap()),
        operating_system_version: Some("14.1".into()),
        photo: Some(shadowed::Photo {
            content_type: "image/png".into(),
            content: Some(Binary::from(b"png".to_vec())),
        }),
    }
}

#[test]
fn every_name_generated_code_could_pick_up_is_shadowed_where_the_derives_expand() {
    let shadows = shadowed::shadows();
    assert_eq!(shadows.len(), 25);
    for (name, resolved) in shadows {
        assert_eq!(resolved, format!("hygiene::shadowed::{}", name.replace(' ', "")), "`{name}`");
    }
}

#[test]
fn types_derived_among_shadowed_names_write_the_same_json() {
    let plain = serde_json::to_string(&plain_device()).unwrap();
    let shadowed = serde_json::to_string(&shadowed_device()).unwrap();
    assert_eq!(shadowed, plain);
    assert_eq!(
        shadowed,
        r##"{"@odata.type":"#microsoft.graph.device","id":"d-1","displayName":"Kiosk","tags":["lobby","front desk"],"enrolled":true,"count":3,"createdDateTime":"2017-01-01T00:02:43.5775965-08:00","osVersion":"14.1","photo":{"@odata.type":"microsoft.graph.photo","ContentType":"image/png","Content":"cG5n"}}"##
    );
    let create = serde_json::to_string(&shadowed_device().create_payload()).unwrap();
    assert_eq!(create, serde_json::to_string(&plain_device().create_payload()).unwrap());
    let update = serde_json::to_string(&shadowed_device().update_payload()).unwrap();
    assert_eq!(update, serde_json::to_string(&plain_device().update_payload()).unwrap());
}

#[test]
fn types_derived_among_shadowed_names_read_back_what_they_wrote() {
    let json = serde_json::to_string(&plain_device()).unwrap();
    let read: shadowed::Device = serde_json::from_str(&json).unwrap();
    assert_eq!(read, shadowed_device());
    let missing: Result<shadowed::Photo, _> = serde_json::from_str(r#"{"Content": null}"#);
    assert_eq!(
        missing.unwrap_err().to_string(),
        serde_json::from_str::<plain::Photo>(r#"{"Content": null}"#).unwrap_err().to_string()
    );
}

#[test]
fn types_derived_among_shadowed_names_have_the_same_metadata() {
    assert_eq!(shadowed::Device::TYPE_NAME, plain::Device::TYPE_NAME);
    assert_eq!(shadowed::Device::PROPERTIES, plain::Device::PROPERTIES);
    assert_eq!(shadowed::Device::COLLECTION_PATH, plain::Device::COLLECTION_PATH);
    assert_eq!(shadowed::Device::KEY, plain::Device::KEY);
    assert_eq!(shadowed::Photo::PROPERTIES, plain::Photo::PROPERTIES);
}

#[test]
fn hierarchies_open_properties_and_patches_expand_among_shadowed_names() {
    use odata::Patchable as _;

    let json = r##"{"@odata.type":"#microsoft.graph.kioskDevice","@odata.etag":"1","displayName":"Kiosk","tags":[],"enrolled":true,"kioskMode":true,"extra":[1]}"##;
    let read: shadowed::AnyDevice = serde_json::from_str(json).unwrap();
    let shadowed::AnyDevice::Kiosk(kiosk) = &read else { panic!("{read:?}") };
    assert_eq!(kiosk.rest["extra"], serde_json::json!([1]));
    assert_eq!(serde_json::to_string(&read).unwrap(), json);

    let mut modified = kiosk.clone();
    modified.kiosk_mode = None;
    modified.device.tags.push("lobby".into());
    let patch = kiosk.diff(modified);
    let request = odata::Service::new("https://graph.microsoft.com/beta").update("d-1", &patch);
    assert_eq!(
        request.body(),
        br##"{"@odata.type":"#microsoft.graph.kioskDevice","tags":["lobby"],"kioskMode":null}"##
    );
    assert_eq!(request.headers()["if-match"], "1");
    let _ = shadowed::KioskDevicePatch::default();
    let _ = shadowed::DevicePatch::default();
}

#[test]
fn the_crate_override_derives_through_a_reexport() {
    use crate::deps::odata::{ODataResource as _, ODataType as _};

    let order = reexported::Order {
        order_number: "SO-1".into(),
        lines: vec![reexported::OrderLine { sku: "X-1".into(), quantity: 2 }],
        note: None,
    };
    let json = serde_json::to_string(&order).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#Contoso.Sales.Order","orderNumber":"SO-1","lines":[{"@odata.type":"Contoso.Sales.OrderLine","sku":"X-1","quantity":2}]}"##
    );
    assert_eq!(serde_json::from_str::<reexported::Order>(&json).unwrap(), order);
    assert_eq!(reexported::Order::COLLECTION_PATH, "/Orders");
    assert_eq!(reexported::Order::KEY, "orderNumber");
    assert_eq!(reexported::OrderLine::TYPE_NAME, "Contoso.Sales.OrderLine");
    let request = deps::odata::Service::new("https://contoso.example/odata").create(&order);
    assert_eq!(request.uri().path(), "/odata/Orders");
}

#[test]
fn self_in_a_field_type_names_the_struct() {
    use recursive::Folder;

    let leaf = |name: &str| Folder { name: name.into(), children: vec![], parent: None, pinned: None };
    let folder = Folder {
        name: "root".into(),
        children: vec![leaf("a")],
        parent: Some(Box::new(leaf("up"))),
        pinned: Some(vec![leaf("b")]),
    };
    let json = serde_json::to_string(&folder).unwrap();
    assert_eq!(
        json,
        r#"{"@odata.type":"Contoso.Folder","name":"root","children":[{"@odata.type":"Contoso.Folder","name":"a","children":[]}],"parent":{"@odata.type":"Contoso.Folder","name":"up","children":[]},"pinned":[{"@odata.type":"Contoso.Folder","name":"b","children":[]}]}"#
    );
    assert_eq!(serde_json::from_str::<Folder>(&json).unwrap(), folder);
}

#[test]
fn self_in_a_field_type_names_the_entity_in_its_patch() {
    use odata::{Change, Patchable as _};
    use recursive::Category;

    let leaf = |id: &str| Category { id: id.into(), parent: None, children: vec![] };
    let before = Category { id: "c".into(), parent: None, children: vec![leaf("a")] };
    let after = Category { parent: Some(Box::new(leaf("p"))), ..before.clone() };
    let patch = before.diff(after);
    assert_eq!(patch.parent, Change::Set(Box::new(leaf("p"))));
    assert_eq!(patch.children, Change::Unchanged);
}
