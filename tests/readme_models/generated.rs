//! Every annotated item of the README's examples, one module per example (named for its
//! number), with its types and operations. Written by `tests/readme_models.rs`
//! (`UPDATE_README_MODELS=1 cargo test --test readme_models`); do not edit.

/// The README's example of `AndroidForWorkEnrollmentProfile`, `MimeContent`.
pub mod example_1 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, Clone, PartialEq, ODataResource)]
    #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
            collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
    pub struct AndroidForWorkEnrollmentProfile {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
        #[odata(read_only)]
        pub created_date_time: Option<DateTimeOffset>,
        pub qr_code_image: Option<MimeContent>,
    }

    #[derive(Debug, Clone, PartialEq, ODataComplex)]
    #[odata(type = "microsoft.graph.mimeContent")]
    pub struct MimeContent {
        pub r#type: Option<String>, // "type" on the wire
        pub value: Option<Binary>,  // base64 on the wire
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <AndroidForWorkEnrollmentProfile as odata::csdl::EdmTyped>::EDM,
        <MimeContent as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `DirectoryObject`, `User`, `Group`, `RevokeSignInSessions`.
pub mod example_2 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.directoryObject", collection = "/directoryObjects")]
    pub struct DirectoryObject {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(base)]
        pub base: DirectoryObject,
        pub display_name: Option<String>,
        #[odata(navigation)]
        pub manager: Option<Box<DirectoryObject>>,
        #[odata(navigation)]
        pub member_of: Option<Vec<DirectoryObject>>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.group")]
    pub struct Group {
        #[odata(base)]
        pub base: DirectoryObject,
        pub mail_nickname: Option<String>,
    }

    #[derive(ODataOperation)]
    #[odata(action = "revokeSignInSessions", binding = User, returns = bool)]
    pub struct RevokeSignInSessions;

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <DirectoryObject as odata::csdl::EdmTyped>::EDM,
        <User as odata::csdl::EdmTyped>::EDM,
        <Group as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
        &<RevokeSignInSessions as ODataOperation>::DESCRIPTION,
    ];
}

/// The README's example of `DeviceEnrollmentConfiguration`, `DeviceEnrollmentLimitConfiguration`, `AnyDeviceEnrollmentConfiguration`.
pub mod example_3 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.deviceEnrollmentConfiguration",
            collection = "/deviceManagement/deviceEnrollmentConfigurations")]
    pub struct DeviceEnrollmentConfiguration {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub priority: Option<i32>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
    pub struct DeviceEnrollmentLimitConfiguration {
        #[odata(base)]
        pub base: DeviceEnrollmentConfiguration,
        pub limit: Option<i32>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.deviceEnrollmentConfiguration",
            collection = "/deviceManagement/deviceEnrollmentConfigurations")]
    pub enum AnyDeviceEnrollmentConfiguration {
        Base(DeviceEnrollmentConfiguration),
        Limit(DeviceEnrollmentLimitConfiguration),
        #[odata(other)]
        Other(RawObject),
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <DeviceEnrollmentConfiguration as odata::csdl::EdmTyped>::EDM,
        <DeviceEnrollmentLimitConfiguration as odata::csdl::EdmTyped>::EDM,
        <AnyDeviceEnrollmentConfiguration as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `User`.
pub mod example_4 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
        #[odata(additional)]
        pub additional: Map<String, Value>,
        #[odata(annotations)]
        pub annotations: Annotations,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <User as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `AndroidForWorkEnrollmentProfile`.
pub mod example_5 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, Clone, ODataResource)]
    #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
            collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
    pub struct AndroidForWorkEnrollmentProfile {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub description: Option<String>,
        pub enrolled_device_count: Option<i32>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <AndroidForWorkEnrollmentProfile as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `Shelf`.
pub mod example_6 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(ODataResource)]
    #[odata(type = "contoso.shelf", collection = "/shelves")]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Shelf {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub label: Option<String>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <Shelf as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `AndroidForWorkEnrollmentProfile`, `CreateToken`, `RevokeToken`, `GetEffectivePermissions`.
pub mod example_7 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(ODataResource)]
    #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
            collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
    pub struct AndroidForWorkEnrollmentProfile {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(ODataOperation)]
    #[odata(action = "createToken", binding = AndroidForWorkEnrollmentProfile)]
    pub struct CreateToken {
        pub token_validity_in_seconds: i32,
    }

    #[derive(ODataOperation)]
    #[odata(action = "revokeToken", binding = AndroidForWorkEnrollmentProfile)]
    pub struct RevokeToken;

    #[derive(ODataOperation)]
    #[odata(function = "getEffectivePermissions", binding = AndroidForWorkEnrollmentProfile)]
    pub struct GetEffectivePermissions {
        pub scope: String,
        pub since: DateTimeOffset,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <AndroidForWorkEnrollmentProfile as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
        &<CreateToken as ODataOperation>::DESCRIPTION,
        &<RevokeToken as ODataOperation>::DESCRIPTION,
        &<GetEffectivePermissions as ODataOperation>::DESCRIPTION,
    ];
}

/// The README's example of `User`, `Message`, `AdminRoot`, `Trip`.
pub mod example_8 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        #[odata(navigation)]
        pub messages: Option<Vec<Message>>,
    }

    #[derive(ODataResource)]
    #[odata(type = "microsoft.graph.message")] // no entity set: reached through a user
    pub struct Message {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub subject: Option<String>,
    }

    #[derive(ODataResource)]
    #[odata(type = "microsoft.graph.adminRoot", singleton = "/admin")]
    pub struct AdminRoot {
        pub display_name: Option<String>,
    }

    #[derive(ODataResource)]
    #[odata(type = "Trippin.Trip", collection = "/Trips", rename_all = "PascalCase")]
    pub struct Trip {
        #[odata(key)]
        pub user_name: String,
        #[odata(key)]
        pub trip_id: i32,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <User as odata::csdl::EdmTyped>::EDM,
        <Message as odata::csdl::EdmTyped>::EDM,
        <AdminRoot as odata::csdl::EdmTyped>::EDM,
        <Trip as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `RiskLevel`.
pub mod example_9 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, Clone, PartialEq, ODataEnum)]
    #[odata(type = "microsoft.graph.riskLevel")]
    pub enum RiskLevel {
        Low,
        High,
        UnknownFutureValue,
        #[odata(other)]
        Other(String), // a member this crate does not know, kept and written back
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <RiskLevel as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `Item`.
pub mod example_10 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(ODataResource)]
    #[odata(type = "contoso.item", collection = "/items")]
    pub struct Item {
        #[odata(key, read_only)]
        pub id: Option<String>,
        #[odata(rename = "displayname")]
        pub display_name: Option<String>,
        pub size: Option<i32>,
        pub created_date_time: Option<odata::DateTimeOffset>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <Item as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `Item`, `Price`.
pub mod example_11 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(ODataResource)]
    #[odata(type = "contoso.item", collection = "/items")]
    pub struct Item {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(ODataOperation)]
    #[odata(function = "price", binding = Item, returns = i64)]
    pub struct Price {
        pub curency: String,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <Item as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
        &<Price as ODataOperation>::DESCRIPTION,
    ];
}

/// The README's example of `User`, `PhysicalAddress`.
pub mod example_12 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub business_phones: Vec<String>,
        pub home_address: Option<PhysicalAddress>,
    }

    #[derive(ODataComplex)]
    #[odata(type = "microsoft.graph.physicalAddress")]
    pub struct PhysicalAddress {
        pub city: Option<String>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <User as odata::csdl::EdmTyped>::EDM,
        <PhysicalAddress as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `User`.
pub mod example_13 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
        pub account_enabled: Option<bool>,
        #[odata(navigation)]
        pub manager: Option<Box<User>>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <User as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `UserRole`, `User`, `Employee`.
pub mod example_14 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, Clone, PartialEq, ODataEnum)]
    #[odata(type = "microsoft.graph.userRole")]
    pub enum UserRole { Admin, Guest, #[odata(other)] Other(String) }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub roles: Option<Flags<UserRole>>,
        #[odata(navigation)]
        pub manager: Option<Box<User>>,
    }

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.employee")]
    pub struct Employee {
        #[odata(base)]
        pub base: User,
        pub salary: Option<Decimal>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <UserRole as odata::csdl::EdmTyped>::EDM,
        <User as odata::csdl::EdmTyped>::EDM,
        <Employee as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `User`.
pub mod example_15 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <User as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `Group`.
pub mod example_16 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.group", collection = "/groups")]
    pub struct Group {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <Group as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// The README's example of `User`.
pub mod example_17 {
    use odata::{
        Annotations, Binary, Date, DateTimeOffset, Decimal, Flags, Guid, Int64, ODataComplex,
        ODataEnum, ODataOperation, ODataResource, RawObject,
    };
    use serde_json::{Map, Value};

    #[derive(Debug, ODataResource)]
    #[odata(type = "microsoft.graph.user", collection = "/users")]
    pub struct User {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub display_name: Option<String>,
    }

    pub const TYPES: &[odata::csdl::EdmType] = &[
        <User as odata::csdl::EdmTyped>::EDM,
    ];
    pub const OPERATIONS: &[&odata::csdl::OperationDescription] = &[
    ];
}

/// Each example's module name, types and operations.
pub const EXAMPLES: &[(&str, &[odata::csdl::EdmType], &[&odata::csdl::OperationDescription])] = &[
    ("example_1", example_1::TYPES, example_1::OPERATIONS),
    ("example_2", example_2::TYPES, example_2::OPERATIONS),
    ("example_3", example_3::TYPES, example_3::OPERATIONS),
    ("example_4", example_4::TYPES, example_4::OPERATIONS),
    ("example_5", example_5::TYPES, example_5::OPERATIONS),
    ("example_6", example_6::TYPES, example_6::OPERATIONS),
    ("example_7", example_7::TYPES, example_7::OPERATIONS),
    ("example_8", example_8::TYPES, example_8::OPERATIONS),
    ("example_9", example_9::TYPES, example_9::OPERATIONS),
    ("example_10", example_10::TYPES, example_10::OPERATIONS),
    ("example_11", example_11::TYPES, example_11::OPERATIONS),
    ("example_12", example_12::TYPES, example_12::OPERATIONS),
    ("example_13", example_13::TYPES, example_13::OPERATIONS),
    ("example_14", example_14::TYPES, example_14::OPERATIONS),
    ("example_15", example_15::TYPES, example_15::OPERATIONS),
    ("example_16", example_16::TYPES, example_16::OPERATIONS),
    ("example_17", example_17::TYPES, example_17::OPERATIONS),
];
