//! Entity types declared the way a user's crate declares them. Built without odata's `csdl`
//! feature, as most users build: the derives then emit no CSDL descriptions, and everything
//! else works as with it.

use odata::{Binary, DateTimeOffset, ODataComplex, ODataEnum, ODataOperation, ODataResource};

/// A Graph entity, as in the seed.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.androidForWorkEnrollmentProfile",
    collection = "/deviceManagement/androidForWorkEnrollmentProfiles"
)]
pub struct AndroidForWorkEnrollmentProfile {
    pub account_id: Option<String>,
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(read_only)]
    pub created_date_time: Option<DateTimeOffset>,
    pub qr_code_image: Option<MimeContent>,
}

/// A Graph complex type.
#[derive(Debug, Clone, PartialEq, ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
    pub value: Option<Binary>,
}

/// A non-Graph entity: PascalCase, required properties, a client-chosen key.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "Contoso.Sales.Order", collection = "/Orders", rename_all = "PascalCase")]
pub struct Order {
    #[odata(key)]
    pub order_number: String,
    pub customer: String,
    pub lines: Vec<OrderLine>,
}

/// A non-Graph complex type.
#[derive(Debug, Clone, PartialEq, ODataComplex)]
#[odata(type = "Contoso.Sales.OrderLine", rename_all = "PascalCase")]
pub struct OrderLine {
    pub sku: String,
    pub quantity: i32,
}
/// A Graph enumeration type.
#[derive(Debug, Clone, PartialEq, ODataEnum)]
#[odata(type = "microsoft.graph.riskLevel")]
pub enum RiskLevel {
    Low,
    High,
    #[odata(other)]
    Other(String),
}

/// A bound action of the Graph entity, with a parameter.
#[derive(Debug, ODataOperation)]
#[odata(action = "createToken", binding = AndroidForWorkEnrollmentProfile)]
pub struct CreateToken {
    pub token_validity_in_seconds: i32,
}

/// A bound function of the Graph entity.
#[derive(Debug, ODataOperation)]
#[odata(function = "getToken", binding = AndroidForWorkEnrollmentProfile)]
pub struct GetToken {
    pub since: Option<DateTimeOffset>,
}

/// A derived type, reusing its base's properties and key.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
pub struct DeviceEnrollmentLimitConfiguration {
    #[odata(base)]
    pub base: DeviceEnrollmentConfiguration,
    pub limit: Option<i32>,
}

/// The base of the hierarchy, keeping its annotations.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.deviceEnrollmentConfiguration",
    collection = "/deviceManagement/deviceEnrollmentConfigurations"
)]
pub struct DeviceEnrollmentConfiguration {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(annotations)]
    pub annotations: odata::Annotations,
}

/// Any configuration of the hierarchy.
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.deviceEnrollmentConfiguration",
    collection = "/deviceManagement/deviceEnrollmentConfigurations"
)]
pub enum AnyDeviceEnrollmentConfiguration {
    Base(DeviceEnrollmentConfiguration),
    Limit(DeviceEnrollmentLimitConfiguration),
    #[odata(other)]
    Other(odata::RawObject),
}

#[cfg(test)]
mod tests {
    use super::*;
    use odata::{from_response, http, KeyStyle, ODataResource, ODataType, Service};

    #[test]
    fn graph_entities_work_from_a_users_crate() {
        let profile = AndroidForWorkEnrollmentProfile {
            account_id: Some("a".into()),
            id: Some("1".into()),
            display_name: None,
            created_date_time: Some("2017-01-01T00:02:43.5775965-08:00".parse().unwrap()),
            qr_code_image: Some(MimeContent { r#type: None, value: Some(Binary::from(b"value".to_vec())) }),
        };
        let request = Service::new("https://graph.microsoft.com/beta").create(&profile);
        assert_eq!(
            std::str::from_utf8(request.body()).unwrap(),
            r##"{"@odata.type":"#microsoft.graph.androidForWorkEnrollmentProfile","accountId":"a","qrCodeImage":{"@odata.type":"microsoft.graph.mimeContent","value":"dmFsdWU="}}"##
        );
        let answer = http::Response::builder()
            .status(201)
            .body(serde_json::to_vec(&profile).unwrap())
            .unwrap();
        assert_eq!(from_response::<AndroidForWorkEnrollmentProfile>(answer).unwrap(), profile);
    }

    #[test]
    fn non_graph_entities_work_from_a_users_crate() {
        let order = Order {
            order_number: "SO-1".into(),
            customer: "Fabrikam".into(),
            lines: vec![OrderLine { sku: "X-1".into(), quantity: 2 }],
        };
        let service = Service::new("https://contoso.example/odata").with_key_style(KeyStyle::Parentheses);
        assert_eq!(service.get::<Order>("SO-1").uri().path(), "/odata/Orders('SO-1')");
        assert_eq!(Order::COLLECTION_PATH, "/Orders");
        assert_eq!(Order::KEY, "OrderNumber");
        assert_eq!(OrderLine::TYPE_NAME, "Contoso.Sales.OrderLine");
        let json = serde_json::to_string(&order).unwrap();
        assert_eq!(
            json,
            r##"{"@odata.type":"#Contoso.Sales.Order","OrderNumber":"SO-1","Customer":"Fabrikam","Lines":[{"@odata.type":"Contoso.Sales.OrderLine","Sku":"X-1","Quantity":2}]}"##
        );
        assert_eq!(serde_json::from_str::<Order>(&json).unwrap(), order);
    }

    #[test]
    fn without_the_csdl_feature_the_derives_describe_nothing() {
        use odata::__private::{Probe, Structured, UntypedProbe as _};
        use odata::csdl::{EdmType, EdmTyped};

        // `Probe` falls back to `UNKNOWN` for a type that is not `EdmTyped`: no derived type
        // is, and no struct points at a description, so this crate compiled none.
        assert_eq!(<Probe<Order>>::EDM, EdmType::UNKNOWN);
        assert_eq!(<Probe<AnyDeviceEnrollmentConfiguration>>::EDM, EdmType::UNKNOWN);
        assert_eq!(<Probe<RiskLevel>>::EDM, EdmType::UNKNOWN);
        assert!(<Order as Structured>::DESCRIBE.is_none());
        // The primitives' Edm types are odata's own, there with or without the feature.
        assert_eq!(<Probe<String>>::EDM, <String as EdmTyped>::EDM);
        assert_ne!(<String as EdmTyped>::EDM, EdmType::UNKNOWN);
    }

    #[test]
    fn enumerations_work_from_a_users_crate() {
        assert_eq!(serde_json::from_str::<RiskLevel>(r#""high""#).unwrap(), RiskLevel::High);
        let unknown = serde_json::from_str::<RiskLevel>(r#""hidden""#).unwrap();
        assert_eq!(unknown, RiskLevel::Other("hidden".into()));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""hidden""#);
    }

    #[test]
    fn operations_work_from_a_users_crate() {
        use odata::ODataOperation;

        // The name and kind come from the operation's description, which is there without
        // the `csdl` feature too.
        assert_eq!(CreateToken::NAME, "createToken");
        assert_eq!(GetToken::KIND, odata::OperationKind::Function);
        let service = Service::new("https://graph.microsoft.com/beta");
        let request = service.invoke("1", &CreateToken { token_validity_in_seconds: 60 });
        assert_eq!(request.body(), br#"{"tokenValidityInSeconds":60}"#);
        let request = service.invoke("1", &GetToken { since: None });
        assert_eq!(
            request.uri(),
            "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles/1/getToken(since=null)"
        );
    }

    #[test]
    fn hierarchies_and_patches_work_from_a_users_crate() {
        use odata::{Change, Patchable};

        let text = r##"[{"@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration","@odata.etag":"W/\"1\"","id":"1","limit":5},{"@odata.type":"#microsoft.graph.future","id":"2"}]"##;
        let list: Vec<AnyDeviceEnrollmentConfiguration> = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&list).unwrap(), text);
        let AnyDeviceEnrollmentConfiguration::Limit(limit) = &list[0] else { panic!("{list:?}") };

        let mut modified = limit.clone();
        modified.limit = Some(6);
        let patch = limit.diff(modified);
        assert_eq!(
            patch,
            DeviceEnrollmentLimitConfigurationPatch {
                limit: Change::Set(6),
                if_match: Some("W/\"1\"".into()),
                ..Default::default()
            }
        );
        let request = Service::new("https://graph.microsoft.com/beta").update("1", &patch);
        assert_eq!(
            request.body(),
            br##"{"@odata.type":"#microsoft.graph.deviceEnrollmentLimitConfiguration","limit":6}"##
        );
        assert_eq!(request.headers()["if-match"], "W/\"1\"");
    }
}
